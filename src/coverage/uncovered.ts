/**
 * Recorded reasons for document units no constraint rests on (specs/coverage/uncovered.json): each names the
 * document, a piece of the unit's text, and why nothing checks it (not testable from outside, informative only,
 * stated by another page the specs transcribe…). A reason no unit needs any more is reported by the coverage test.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface UncoveredReason {
  readonly document: string;
  /** A piece of the unit's text (the unit is the one whose text contains it). */
  readonly text: string;
  readonly reason: string;
}

const defaultFile = fileURLToPath(new URL('../../specs/coverage/uncovered.json', import.meta.url));

/** The recorded reasons; a malformed file throws naming it (it is part of the specs, checked by the unit tests). */
export function uncoveredReasons(file: string = defaultFile): UncoveredReason[] {
  const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (
    !Array.isArray(value) ||
    !value.every(
      (r) =>
        typeof r === 'object' &&
        r !== null &&
        typeof r.document === 'string' &&
        typeof r.text === 'string' &&
        typeof r.reason === 'string',
    )
  ) {
    throw new Error(`${file}: expected an array of {document, text, reason} strings`);
  }
  return value as UncoveredReason[];
}
