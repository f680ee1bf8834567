/**
 * Problems the report layer finds in its inputs (records, baseline). Never thrown: returned beside the
 * value, and only the CLI turns them into output or an exit code (STYLE.md §3). Their codes are the REPORT_ area
 * of the project's one code list (src/errors.ts).
 */
import type { ErrorCode } from '../errors.js';

/** The codes of the report layer. */
export type ReportCode = Extract<ErrorCode, `REPORT_${string}`>;

/** One problem in one input file; `line` is 1-based when the problem sits on a line. */
export interface ReportDiagnostic {
  readonly code: ReportCode;
  readonly message: string;
  readonly file: string;
  readonly line?: number;
}

/** `file:line: CODE: message`, the compiler format of STYLE.md §3.1 (without a column). */
export function formatReportDiagnostic(d: ReportDiagnostic): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}`;
  return `${where}: ${d.code}: ${d.message}`;
}
