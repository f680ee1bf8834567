import { jsonTypeOf } from '../../json/value.js';
import type { FieldType } from '../../model/spec.js';
import type { KindModule } from './kind.js';

/** `type`: the field's JSON type (integers are numbers; null where the field is nullable). */
export const typeKind: KindModule = {
  // The type keyword is the base of every field schema (src/compile/field-schema.ts typeKeyword).
  schema: () => [],
  holds(field) {
    const accepted = new Set<string>(Array.isArray(field.type) ? field.type : [field.type as FieldType]);
    if (accepted.has('number')) {
      accepted.add('integer');
    }
    if (field.nullable) {
      accepted.add('null');
    }
    return (value) => accepted.has(jsonTypeOf(value));
  },
  violations: () => ['wrong_type'],
  describe: (field) =>
    `of type ${Array.isArray(field.type) ? field.type.join(' or ') : String(field.type)}${field.nullable ? ' or null' : ''}`,
};
