import type { Constraint, ViolationKind } from '../../src/model/compiled.js';
import type { FieldSpec } from '../../src/model/spec.js';
import { charAllowed, fillerChar, outsideChars } from '../fields/chars.js';
import { primaryType } from '../fields/field.js';

/** A value of another JSON type than the field's, never null for a nullable field. */
function wrongType(field: FieldSpec): unknown {
  switch (primaryType(field)) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return String(field.range?.min ?? 1);
    case 'boolean':
      return 'true';
    case 'array':
      return 'not-an-array';
    case 'object':
      return ['not-an-object'];
    default:
      return 1;
  }
}

/** Case variants of an enum value that the enum does not list (`linux` for `Linux`). */
function caseVariant(field: FieldSpec, value: unknown): string | undefined {
  const values = field.enum?.values ?? [];
  const s = typeof value === 'string' ? value : values.find((v): v is string => typeof v === 'string');
  if (s === undefined) {
    return undefined;
  }
  const variants = [s.toLowerCase(), s.toUpperCase(), s.charAt(0).toUpperCase() + s.slice(1).toLowerCase()];
  return variants.find((v) => v !== s && !values.includes(v));
}

/** Replaces one character in the middle of a string (keeps its length and its edges). */
function replaceMiddle(value: string, ch: string): string {
  const chars = [...value];
  if (chars.length === 0) {
    return ch;
  }
  chars[Math.floor(chars.length / 2)] = ch;
  return chars.join('');
}

/** A string of exactly n characters the field allows. */
function filled(field: FieldSpec, n: number): string {
  return fillerChar(field).repeat(Math.max(0, n));
}

/**
 * A value at the constraint's location that breaks exactly that constraint, built from a valid value, or
 * undefined when this violation cannot be expressed for the field (e.g. a trim violation where space is not allowed).
 */
export function violateValue(kind: ViolationKind, c: Constraint, valid: unknown): unknown {
  const field = c.field;
  if (!field) {
    return undefined;
  }
  switch (kind) {
    case 'wrong_type':
      return wrongType(field);
    case 'length_below':
      return c.kind === 'count' ? [] : filled(field, (field.length?.min ?? 1) - 1);
    case 'length_above': {
      if (c.kind === 'count') {
        return Array.from({ length: (field.count?.max ?? 0) + 1 }, () => valid);
      }
      return filled(field, (field.length?.max ?? 0) + 1);
    }
    case 'range_below':
      return (field.range?.min ?? 0) - 1;
    case 'range_above':
      return (field.range?.max ?? 0) + 1;
    case 'enum_miss': {
      const outside = field.enum?.examplesOutside?.[0];
      if (outside !== undefined) {
        return outside;
      }
      const first = field.enum?.values[0];
      if (typeof first === 'number') {
        return Math.max(...((field.enum?.values ?? []) as number[])) + 1;
      }
      return `${String(first ?? 'x')}-not-documented`;
    }
    case 'enum_case':
      return caseVariant(field, valid);
    case 'forbidden_char': {
      const s =
        typeof valid === 'string' && valid.length > 0 ? valid : filled(field, Math.max(1, field.length?.min ?? 1));
      if (c.kind === 'trim') {
        const ch = (field.trim?.chars ?? [' '])[0] ?? ' ';
        return charAllowed(field, ch) ? ch + [...s].slice(1).join('') : undefined;
      }
      const ch = outsideChars(field)[0];
      return ch === undefined ? undefined : replaceMiddle(s, ch);
    }
    case 'bad_format': {
      const s = typeof valid === 'string' ? valid : (field.format?.example ?? '');
      if (field.split) {
        return s.split(field.split.separator).join('') || filled(field, 3);
      }
      // Strip the structural punctuation the pattern asks for (`bucket:file` → `bucketfile`).
      const stripped = s.replace(/[^\p{L}\p{N}_-]/gu, '');
      return stripped.length > 0 ? stripped : 'no-format';
    }
    default:
      return undefined;
  }
}
