import type { ConstraintKind } from '../model/compiled.js';
import type { FieldSpec } from '../model/spec.js';

function bounds(min: number | undefined, max: number | undefined, unit: string): string {
  if (min !== undefined && max !== undefined) {
    return `${min}–${max}${unit}`;
  }
  return min !== undefined ? `at least ${min}${unit}` : `at most ${max}${unit}`;
}

function typeName(field: FieldSpec): string {
  return Array.isArray(field.type) ? field.type.join(' or ') : String(field.type);
}

/** One line saying what a field constraint demands, for reports ("length 1–128", "one of Windows, Linux"). */
export function describeConstraint(kind: ConstraintKind, field: FieldSpec | undefined, part?: string): string {
  const of = part ? ` (${part})` : '';
  if (!field) {
    return kind;
  }
  switch (kind) {
    case 'type':
      return `of type ${typeName(field)}${field.nullable ? ' or null' : ''}`;
    case 'required':
      return 'present (mandatory)';
    case 'length':
      return `length ${bounds(field.length?.min, field.length?.max, ' characters')}${of}`;
    case 'count':
      return `${bounds(field.count?.min, field.count?.max, ' items')}`;
    case 'range':
      return `value ${bounds(field.range?.min, field.range?.max, '')}`;
    case 'enum': {
      const values = field.enum?.values ?? [];
      const shown =
        values.length > 6 ? `${values.slice(0, 5).join(', ')}, … (${values.length} values)` : values.join(', ');
      return `one of ${shown}${field.enum?.caseSensitive === false ? ' (any case)' : ''}`;
    }
    case 'charset': {
      const allowed = field.charset?.allowed ? `only [${field.charset.allowed}]` : '';
      const forbidden = field.charset?.forbidden?.length ? `none of ${JSON.stringify(field.charset.forbidden)}` : '';
      return `characters: ${[allowed, forbidden].filter(Boolean).join(', ')}${of}`;
    }
    case 'trim':
      return `no leading or trailing ${JSON.stringify((field.trim?.chars ?? [' ']).join(''))}`;
    case 'format':
      return `format ${field.format?.description ?? ''}`;
    case 'default':
      return `defaults to ${JSON.stringify(field.default?.value)}`;
    case 'echo':
      return `echoed at ${field.echo?.in} ${field.echo?.pointer}`;
    case 'additional':
      return field.additional === 'forbid' ? 'no other properties' : 'other properties follow the documented rule';
    default:
      return kind;
  }
}
