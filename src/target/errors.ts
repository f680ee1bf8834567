/**
 * TargetConfigError: a target that does not load, for callers that stop at the first bad input.
 */
import { ConformanceError, ErrorCodes } from '../errors.js';
import type { TargetDiagnostic } from './types.js';

/** Carries every diagnostic; the first one gives code, key, source and location. */
export class TargetConfigError extends ConformanceError {
  override name = 'TargetConfigError';
  readonly key: string | undefined;
  readonly source: string;
  readonly diagnostics: readonly TargetDiagnostic[];

  constructor(diagnostics: readonly TargetDiagnostic[]) {
    const first = diagnostics[0];
    super(first?.code ?? ErrorCodes.TARGET_BAD_KEY, diagnostics.map((d) => d.message).join('\n'), {
      ...(first?.file !== undefined ? { file: first.file } : {}),
      ...(first?.line !== undefined ? { line: first.line } : {}),
      ...(first?.column !== undefined ? { column: first.column } : {}),
      ...(first?.pointer !== undefined ? { pointer: first.pointer } : {}),
    });
    this.key = first?.key;
    this.source = first?.source ?? 'target';
    this.diagnostics = diagnostics;
  }
}
