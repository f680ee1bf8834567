import type { FieldSpec } from '../../model/spec.js';
import type { KindModule } from './kind.js';

function admitsNull(field: FieldSpec): boolean {
  return field.nullable === true || (Array.isArray(field.type) && field.type.includes('null'));
}

/** `enum`: one of the listed values (a value of another JSON type is the type constraint's business). */
export const enumKind: KindModule = {
  // null is the type constraint's business too: admitted where the field is nullable or typed with null.
  schema: (field) =>
    field.enum ? [{ on: 'any', keyword: { enum: [...field.enum.values, ...(admitsNull(field) ? [null] : [])] } }] : [],
  holds(field) {
    const values: readonly unknown[] = field.enum?.values ?? [];
    const types = new Set<string>(values.map((v) => typeof v));
    return (value) => !types.has(typeof value) || values.includes(value);
  },
  violations(field) {
    const values = field.enum?.values ?? [];
    const hasCase = values.some((v) => typeof v === 'string' && v.toLowerCase() !== v.toUpperCase());
    return field.enum?.caseSensitive !== false && hasCase ? ['enum_miss', 'enum_case'] : ['enum_miss'];
  },
  describe(field) {
    const values = field.enum?.values ?? [];
    const shown =
      values.length > 6 ? `${values.slice(0, 5).join(', ')}, … (${values.length} values)` : values.join(', ');
    return `one of ${shown}${field.enum?.caseSensitive === false ? ' (any case)' : ''}`;
  },
};
