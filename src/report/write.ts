/**
 * Writes the compliance reports of a run: compliance.json (the next run's baseline), compliance.md,
 * compliance.html (the annotated documents) and, when a baseline was given, compliance-diff.json. Every text
 * passes the secret scrub first.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentCoverage } from '../coverage/index.js';
import type { ComplianceReport } from '../model/verdict.js';
import type { ComplianceDiff } from './baseline.js';
import { renderComplianceMarkdown } from './compliance-md.js';
import type { CoverageSection } from './coverage-md.js';
import { renderComplianceHtml } from './html/compliance-html.js';
import { docsFolder } from './html/docs-folder.js';
import { loadReportDocuments } from './html/documents.js';
import { operationTrends } from './html/trend.js';
import { scrubSecrets } from './scrub-secrets.js';
import { stableJson } from './stable-json.js';

export interface WriteReportsOptions {
  readonly diff?: ComplianceDiff | undefined;
  /** Tokens, passwords, AK/SK values of the run: replaced by `***` wherever they appear. */
  readonly secrets: readonly string[];
  /** The documents folder (`seeds/`, `reference/`); default: see docsFolder(). */
  readonly docs?: string | undefined;
  /** Earlier runs' reports: compliance.html draws a trend per operation from them. */
  readonly history?: readonly ComplianceReport[] | undefined;
  /** The document coverage section of compliance.md. */
  readonly coverage?: CoverageSection;
  /** Every seed's rows and sentences with the constraints resting on them or the reason none does (compliance.html). */
  readonly seedCoverage?: readonly DocumentCoverage[] | undefined;
}

/** The files written, in writing order (absolute or relative as `dir` is). */
export function writeReports(dir: string, report: ComplianceReport, options: WriteReportsOptions): { files: string[] } {
  mkdirSync(dir, { recursive: true });
  const outputs: [string, string][] = [
    ['compliance.json', stableJson(report)],
    ['compliance.md', renderComplianceMarkdown(report, options.diff, options.coverage)],
    ['compliance.html', complianceHtml(report, options)],
  ];
  if (options.diff !== undefined) {
    outputs.push(['compliance-diff.json', stableJson(options.diff)]);
  }
  const files: string[] = [];
  for (const [name, text] of outputs) {
    const file = join(dir, name);
    writeFileSync(file, scrubSecrets(text, options.secrets), 'utf8');
    files.push(file);
  }
  return { files };
}

/** compliance.html of `report`: its documents read now from the documents folder, secrets scrubbed first. */
export function complianceHtml(report: ComplianceReport, options: WriteReportsOptions): string {
  // The page's data is the report as JSON inside HTML: scrub the report itself, in every form a secret can take.
  const clean = JSON.parse(scrubSecrets(JSON.stringify(report), options.secrets)) as ComplianceReport;
  const folder = docsFolder(options.docs);
  return renderComplianceHtml(clean, {
    documents: loadReportDocuments(folder, clean),
    diff: options.diff,
    units: options.seedCoverage,
    trend:
      options.history === undefined || options.history.length === 0
        ? undefined
        : operationTrends(options.history, clean),
    documentsNote:
      folder === undefined
        ? `The documents were not found (looked in ${options.docs ?? process.env.IMS_DOCS_DIR ?? '../shared/docs'}); pass --docs DIR.`
        : undefined,
  });
}
