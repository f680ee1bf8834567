/**
 * Writes the compliance reports of a run: compliance.json (the next run's baseline), compliance.md and,
 * when a baseline was given, compliance-diff.json. Every text passes the secret scrub first.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComplianceReport } from '../model/verdict.js';
import type { ComplianceDiff } from './baseline.js';
import { renderComplianceMarkdown } from './compliance-md.js';
import { scrubSecrets } from './scrub-secrets.js';
import { stableJson } from './stable-json.js';

export interface WriteReportsOptions {
  readonly diff?: ComplianceDiff | undefined;
  /** Tokens, passwords, AK/SK values of the run: replaced by `***` wherever they appear. */
  readonly secrets: readonly string[];
}

/** The files written, in writing order (absolute or relative as `dir` is). */
export function writeReports(dir: string, report: ComplianceReport, options: WriteReportsOptions): { files: string[] } {
  mkdirSync(dir, { recursive: true });
  const outputs: [string, string][] = [
    ['compliance.json', stableJson(report)],
    ['compliance.md', renderComplianceMarkdown(report, options.diff)],
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
