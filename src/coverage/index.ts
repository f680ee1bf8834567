/**
 * Document coverage: for every seed and every reference page it links to or a spec cites (docs/reference), every
 * parameter row and normative sentence with the constraints resting on it
 * (their citation quotes the unit), the errata that quote it, and what the last run found; a unit nothing rests on
 * carries its recorded reason (specs/coverage/uncovered.json) or is reported uncovered without one.
 *
 * Exports (for the compliance report, `ims-conformance coverage` and the annotated-document report):
 * - `specsCoverage(report?)` → `DocumentCoverage[]` for this repository's specs, seeds and indexed reference pages
 *   (every revision compiled).
 * - `documentCoverage(operations, options)` → `DocumentCoverage[]`, one per document: `units[]` with `constraints` (ids),
 *   `errata` (ids), `verdicts` (id → last verdict, when a compliance report is given) and `uncovered` (reason).
 * - `coverageTotals(doc)` → rows/sentences covered, uncovered with a reason, and without one.
 * - `documentUnits(document, text)` (./units.js): the sentence index of one document.
 * @see ../shared/DESIGN.md "Reports": "A document coverage table (every parameter row / normative sentence → its
 * constraints, or why none)"
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileAll, envelopeLookup } from '../compile/index.js';
import { describeReadings } from '../compile/readings.js';
import type { CompiledOperation } from '../model/compiled.js';
import type { Citation, EnvelopeSpec, FieldSpec } from '../model/spec.js';
import type { ComplianceReport, VerdictValue } from '../model/verdict.js';
import { loadSpecs } from '../spec/load.js';
import { quoteMatches } from './match.js';
import { type UncoveredReason, uncoveredReasons } from './uncovered.js';
import { type DocUnit, documentUnits } from './units.js';

export type { DocUnit } from './units.js';
export { documentUnits } from './units.js';

/** One unit with what rests on it. */
export interface CoveredUnit extends DocUnit {
  /** Constraint ids whose citation quotes this unit (sorted). */
  readonly constraints: readonly string[];
  /** Errata that quote this unit as one of their sources (sorted). */
  readonly errata: readonly string[];
  /** The last run's verdict per constraint id (only with `options.report`). */
  readonly verdicts?: Readonly<Record<string, VerdictValue | 'not_run'>>;
  /** Why no constraint rests on the unit (a recorded reason), when none does. */
  readonly uncovered?: string;
}

export interface DocumentCoverage {
  readonly document: string;
  /** A normative seed, or a reference page a seed links to or a spec cites (docs/reference). */
  readonly kind: 'seed' | 'reference';
  readonly units: readonly CoveredUnit[];
}

export interface CoverageOptions {
  /** Folder holding the seed documents (default: docs/seeds of this repository). */
  readonly docsDir?: string;
  /**
   * Folder holding the reference pages the seeds link to and the specs cite (default: docs/reference of this
   * repository); `null` indexes the seeds only.
   */
  readonly referenceDir?: string | null;
  /** The last run's compliance report: adds each constraint's verdict. */
  readonly report?: ComplianceReport;
  /** Recorded reasons for units without a constraint (default: specs/coverage/uncovered.json). */
  readonly reasons?: readonly UncoveredReason[];
  /**
   * The shared error envelopes, with the document of the file defining each (a citation without `doc` is in it):
   * `<op>.envelope` rests on their citations too, the documented error codes included.
   */
  readonly envelopes?: (name: string) => (EnvelopeSpec & { readonly document?: string }) | undefined;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The seed documents' folder of this repository. */
export const defaultDocsDir = resolve(repoRoot, 'docs/seeds');

/**
 * The reference pages indexed beside the seeds: those a seed links to (Asynchronous Job Query, Error Codes of IMS
 * and EVS, Image Attributes, Image Tag Format, Values of Related Parameters) and those a spec transcribes or cites
 * (image GET/DELETE, the EVS disk query and status codes). Not indexed: ims-status_codes.rst and
 * ims-api_usage_guidelines.rst, which no seed links to and no spec cites.
 */
export const defaultReferenceDir = resolve(repoRoot, 'docs/reference');

/** Every document a spec (or one of its revisions) transcribes. */
function documentsOf(op: CompiledOperation): Set<string> {
  return new Set([op.spec.document, ...Object.values(op.spec.revisions ?? {}).map((r) => r.document)]);
}

interface Citing {
  readonly id: string;
  readonly quote: string;
  readonly segments: readonly string[];
  readonly erratum: boolean;
}

/**
 * What cites document `doc`: constraints whose citation names it (or, for an operation compiled for that document's
 * revision, the revision family's other document: 003 and 004 share all but three sentences), their readings, and
 * the errata sources quoting it.
 */
function citing(
  doc: string,
  operations: readonly CompiledOperation[],
  envelopes: CoverageOptions['envelopes'],
): Citing[] {
  const out: Citing[] = [];
  for (const op of operations) {
    const family = op.document === doc ? documentsOf(op) : new Set([doc]);
    for (const c of op.constraints) {
      const segments = c.id.split('.');
      if (family.has(c.citation.doc)) {
        out.push({ id: c.id, quote: c.citation.quote, segments, erratum: false });
      }
      for (const r of c.readings ?? []) {
        if (family.has(r.citation.doc)) {
          out.push({ id: c.id, quote: r.citation.quote, segments, erratum: false });
        }
      }
      // A rule's table (Table 1 of the OS versions) rests on its caption and on every row it transcribes.
      const derived = c.rule?.derived;
      for (const cite of derived
        ? [derived.cite, ...(derived.valueCites ?? []), ...derived.rows.map((r) => r.cite)]
        : []) {
        if (family.has(cite.doc ?? op.spec.document)) {
          out.push({ id: c.id, quote: cite.quote, segments, erratum: false });
        }
      }
    }
    // The Returned Values table: each documented status is part of what <op>.status judges (a refusal with any
    // documented 4xx, never a 5xx), and its body what <op>.envelope judges.
    for (const r of Object.values(op.spec.responses)) {
      if (family.has(r.cite.doc ?? op.spec.document)) {
        out.push({ id: `${op.id}.status`, quote: r.cite.quote, segments: [], erratum: false });
      }
      const envelope = r.envelope ? envelopes?.(r.envelope) : undefined;
      for (const cite of envelope ? allEnvelopeCites(envelope) : []) {
        const citeDoc = cite.doc ?? envelope?.document;
        if (citeDoc !== undefined && family.has(citeDoc)) {
          out.push({ id: `${op.id}.envelope`, quote: cite.quote, segments: [], erratum: false });
        }
      }
    }
    for (const e of op.errata) {
      // A constraint resting on an erratum rests on every source the erratum quotes.
      const carriers = op.constraints.filter((c) => c.erratum === e.id).map((c) => c.id);
      for (const s of e.sources) {
        if (family.has(s.doc ?? op.spec.document)) {
          out.push({ id: e.id, quote: s.quote, segments: [], erratum: true });
          for (const id of carriers) {
            out.push({ id, quote: s.quote, segments: id.split('.'), erratum: false });
          }
        }
      }
    }
  }
  return out;
}

function envelopeCites(field: FieldSpec): Citation[] {
  return [field.cite, ...Object.values(field.fields ?? {}).flatMap(envelopeCites)];
}

/** The envelope's citations: its own, its body's, and each documented error code's (strict mode judges codes). */
function allEnvelopeCites(envelope: EnvelopeSpec): Citation[] {
  return [envelope.cite, ...envelopeCites(envelope.body), ...Object.values(envelope.codes ?? {}).map((c) => c.cite)];
}

function reasonFor(doc: string, unit: DocUnit, reasons: readonly UncoveredReason[]): string | undefined {
  return reasons.find((r) => r.document === doc && unit.text.includes(r.text))?.reason;
}

/**
 * Coverage of every seed document and indexed reference page by the compiled operations (pass every revision's
 * compilation: the 003 and 004 operations both). Pure apart from reading the documents and the reasons file.
 */
export function documentCoverage(
  operations: readonly CompiledOperation[],
  options: CoverageOptions = {},
): DocumentCoverage[] {
  const reasons = options.reasons ?? uncoveredReasons();
  const verdicts = options.report
    ? new Map(options.report.constraints.map((c) => [c.constraintId, c.verdict] as const))
    : undefined;
  const folder = (dir: string, kind: DocumentCoverage['kind']) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.txt') || f.endsWith('.rst'))
      .sort()
      .map((document) => ({ document, kind, file: join(dir, document) }));
  const reference = options.referenceDir === undefined ? defaultReferenceDir : options.referenceDir;
  const documents = [
    ...folder(options.docsDir ?? defaultDocsDir, 'seed'),
    ...(reference === null ? [] : folder(reference, 'reference')),
  ];
  return documents.map(({ document, kind, file }) => {
    const units = documentUnits(document, readFileSync(file, 'utf8'));
    const cites = citing(document, operations, options.envelopes);
    return {
      document,
      kind,
      units: units.map((u): CoveredUnit => {
        const hits = cites.filter((c) => quoteMatches(c.quote, u, c.segments));
        const constraints = [...new Set(hits.filter((h) => !h.erratum).map((h) => h.id))].sort();
        const errata = [...new Set(hits.filter((h) => h.erratum).map((h) => h.id))].sort();
        const reason = constraints.length === 0 ? reasonFor(document, u, reasons) : undefined;
        return {
          ...u,
          constraints,
          errata,
          ...(verdicts
            ? { verdicts: Object.fromEntries(constraints.map((id) => [id, verdicts.get(id) ?? 'not_run'])) }
            : {}),
          ...(reason !== undefined ? { uncovered: reason } : {}),
        };
      }),
    };
  });
}

export interface CoverageTotals {
  readonly document: string;
  readonly rows: { readonly covered: number; readonly reasoned: number; readonly missing: number };
  readonly sentences: { readonly covered: number; readonly reasoned: number; readonly missing: number };
  /** Covered units whose constraints the last run checked (some verdict other than not_checked / not_run). */
  readonly checked?: number;
}

/** Totals of one document's normative units: covered by constraints, uncovered with a reason, without one. */
export function coverageTotals(doc: DocumentCoverage): CoverageTotals {
  const count = (kind: DocUnit['kind']) => {
    const units = doc.units.filter((u) => u.normative && u.kind === kind);
    const covered = units.filter((u) => u.constraints.length > 0).length;
    const reasoned = units.filter((u) => u.constraints.length === 0 && u.uncovered !== undefined).length;
    return { covered, reasoned, missing: units.length - covered - reasoned };
  };
  const withVerdicts = doc.units.filter((u) => u.verdicts !== undefined && u.constraints.length > 0);
  const checked = withVerdicts.filter((u) =>
    Object.values(u.verdicts ?? {}).some((v) => v !== 'not_checked' && v !== 'not_run'),
  ).length;
  return {
    document: doc.document,
    rows: count('row'),
    sentences: count('sentence'),
    ...(withVerdicts.length > 0 ? { checked } : {}),
  };
}

/**
 * Coverage of the seeds and indexed reference pages by this repository's specs, every revision compiled (003 and
 * 004 both), with the last run's verdicts when a compliance report is given. Throws when the specs do not load
 * (lint-specs says why).
 */
export function specsCoverage(report?: ComplianceReport): DocumentCoverage[] {
  const loaded = loadSpecs();
  if (!loaded.value || loaded.diagnostics.length > 0) {
    throw new Error(`the specs do not load (${loaded.diagnostics.length} problems): run ims-conformance lint-specs`);
  }
  const specs = loaded.value;
  const revisions = [...new Set(specs.operations.flatMap((o) => Object.keys(o.spec.revisions ?? {})))];
  const operations = [
    ...compileAll(specs),
    ...revisions.flatMap((revision) =>
      compileAll(specs, { revision }).filter((o) => o.revision === revision && !o.spec.revisions?.[revision]?.default),
    ),
  ];
  const lookup = envelopeLookup(specs);
  const documentOf = (name: string) =>
    [...specs.definitions.values()].find((d) => d.definitions[name] !== undefined)?.document;
  const envelopes = (name: string) => {
    const envelope = lookup(name);
    const document = documentOf(name);
    return envelope && document !== undefined ? { ...envelope, document } : envelope;
  };
  return documentCoverage(operations, { envelopes, ...(report ? { report } : {}) });
}

/** The compliance.md section: totals per document and every erratum's readings (from constraints that carry them). */
export function coverageSection(
  report: ComplianceReport | undefined,
  operations?: readonly CompiledOperation[],
  /** The documents' coverage when the caller has it already (compiling every spec takes seconds). */
  documents: readonly DocumentCoverage[] = specsCoverage(report),
): { totals: CoverageTotals[]; readings: { erratum: string; constraintId: string; readings: string[] }[] } {
  const totals = documents.map(coverageTotals);
  const seen = new Set<string>();
  const readings = [];
  for (const op of operations ?? []) {
    for (const c of op.constraints) {
      if (c.erratum && c.readings && c.readings.length > 0 && !seen.has(c.id)) {
        seen.add(c.id);
        readings.push({ erratum: c.erratum, constraintId: c.id, readings: describeReadings(c) });
      }
    }
  }
  return { totals, readings };
}
