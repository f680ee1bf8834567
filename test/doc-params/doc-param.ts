/**
 * One row of a document's parameter table, hand-transcribed: where the field lives, the "Mandatory" column, the
 * type, and the length / range / enum / default the row states.
 * @see test/doc-params.test.ts
 */
import type { FieldType } from '../../src/model/spec.js';

export interface DocParam {
  /** Field names from the body root (request) or the response body root. */
  readonly path: readonly string[];
  readonly where: 'request' | 'response' | 'path';
  /** Request variant (quick import) whose table lists the row; common fields are checked in `fields`. */
  readonly variant?: string;
  /** Response status whose body holds the field. */
  readonly status?: string;
  readonly mandatory?: boolean;
  readonly type: FieldType;
  readonly length?: { readonly min?: number; readonly max?: number };
  readonly range?: { readonly min: number; readonly max: number };
  readonly enum?: readonly (string | number | boolean)[];
  readonly default?: string | number | boolean;
}

/** The table of one document: the operation it transcribes and the revision it is (if the spec has several). */
export interface DocTable {
  readonly document: string;
  readonly operation: string;
  readonly revision?: string;
  readonly rows: readonly DocParam[];
}
