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

/** One entry of the file: a reason for one unit (`text`) or for several units sharing it (`texts`). */
interface ReasonEntry {
  readonly document: string;
  readonly text?: string;
  readonly texts?: readonly string[];
  readonly reason: string;
}

const defaultFile = fileURLToPath(new URL('../../specs/coverage/uncovered.json', import.meta.url));

function isEntry(r: unknown): r is ReasonEntry {
  if (typeof r !== 'object' || r === null) {
    return false;
  }
  const e = r as Record<string, unknown>;
  const one = typeof e.text === 'string' && e.texts === undefined;
  const many =
    e.text === undefined &&
    Array.isArray(e.texts) &&
    e.texts.length > 0 &&
    e.texts.every((t) => typeof t === 'string' && t.length > 0);
  return typeof e.document === 'string' && typeof e.reason === 'string' && (one || many);
}

/**
 * The recorded reasons, one per unit text (an entry with `texts` — the error codes of operations the suite does not
 * send, say — gives one reason per text, each of which must still name a unit); a malformed file throws naming it
 * (it is part of the specs, checked by the unit tests).
 */
export function uncoveredReasons(file: string = defaultFile): UncoveredReason[] {
  const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(value) || !value.every(isEntry)) {
    throw new Error(`${file}: expected an array of {document, text or texts, reason}`);
  }
  return (value as ReasonEntry[]).flatMap((e) =>
    (e.texts ?? [e.text ?? '']).map((text) => ({ document: e.document, text, reason: e.reason })),
  );
}
