/**
 * The vocabulary of field constraint kinds, listed once (the modules that give each kind its meaning are in
 * src/compile/kinds/; `KINDS` there must have one per name, so a new name here is a compile error until it does).
 */

/** Every kind of field constraint, in the order a field's constraint ids are listed. */
export const FIELD_KINDS = [
  'type',
  'required',
  'length',
  'range',
  'enum',
  'charset',
  'trim',
  'format',
  'count',
  'default',
  'echo',
  'additional',
] as const;

export type FieldKind = (typeof FIELD_KINDS)[number];

/** The kinds a field holds as a block of its own (`length: {…}`), walked in this order. */
export const BLOCK_KINDS = [
  'length',
  'range',
  'enum',
  'charset',
  'trim',
  'format',
  'count',
  'default',
  'echo',
] as const satisfies readonly FieldKind[];

/** Kinds of request rules (spec `rules:`). */
export type RuleKind = 'exclusive' | 'condition';

/** Kinds of constraints about the exchange as a whole or the response as a whole. */
export type ExchangeKind = 'status' | 'schema' | 'content_type' | 'envelope' | 'auth';
