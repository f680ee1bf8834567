/**
 * Acceptance test of the spec transcription: every row of every document table (hand-transcribed under
 * test/doc-params/) must be in the loaded spec with the documented type, mandatory flag, length, range, enum and
 * default. A dropped or mistyped field fails here.
 * @see specs/ims, specs/evs
 */
import { describe, expect, test } from 'vitest';
import type { FieldSpec, OperationSpec } from '../src/model/spec.js';
import { loadSpecs } from '../src/spec/load.js';
import { doc000 } from './doc-params/doc-000.js';
import { doc001 } from './doc-params/doc-001.js';
import { doc002 } from './doc-params/doc-002.js';
import { doc003 } from './doc-params/doc-003.js';
import { doc004 } from './doc-params/doc-004.js';
import type { DocParam, DocTable } from './doc-params/doc-param.js';

const tables: readonly DocTable[] = [doc000, doc001, doc002, doc003, doc004];
const loaded = loadSpecs();

/** The field with the revision's overrides merged over it (shallow, as the spec format defines). */
function atRevision(field: FieldSpec, revision: string | undefined): FieldSpec {
  const override = revision === undefined ? undefined : field.revisions?.[revision];
  return override === undefined ? field : { ...field, ...override };
}

/** A field transcribed under another name, the row's name being a reading of an erratum (extra_spec/extra_specs). */
function renamed(fields: FieldSpec['fields'], name: string): FieldSpec | undefined {
  return Object.values(fields ?? {}).find((f) => f.readings?.some((r) => r.key === name));
}

/** The field a row names, or undefined when the spec lacks it. */
function fieldOf(spec: OperationSpec, row: DocParam, revision: string | undefined): FieldSpec | undefined {
  const [head, ...rest] = row.path;
  if (head === undefined) {
    return undefined;
  }
  let field: FieldSpec | undefined;
  if (row.where === 'path') {
    field = spec.pathParams?.[head];
  } else if (row.where === 'request') {
    const fields = row.variant === undefined ? spec.request?.fields : spec.request?.variants?.[row.variant]?.fields;
    field = fields?.[head];
  } else {
    field = row.status === undefined ? undefined : spec.responses[row.status]?.body?.fields?.[head];
  }
  for (const name of rest) {
    if (field === undefined) {
      return undefined;
    }
    const current = atRevision(field, revision);
    field = name === '[]' ? current.items : (current.fields?.[name] ?? renamed(current.fields, name));
  }
  return field === undefined ? undefined : atRevision(field, revision);
}

function label(row: DocParam): string {
  const where = row.where === 'response' ? `response ${row.status ?? '?'}` : row.where;
  return `${where}${row.variant === undefined ? '' : ` (${row.variant})`} /${row.path.join('/')}`;
}

test('every spec file loads without diagnostics', () => {
  const lines = loaded.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.code}: ${d.message}`);
  expect(lines).toEqual([]);
});

describe.for(tables)('$document', (table) => {
  const spec = loaded.value?.operations.find((o) => o.spec.id === table.operation)?.spec;

  test('the spec transcribes this document', () => {
    expect(spec, `no spec with id ${table.operation}`).toBeDefined();
    const documents = [spec?.document, ...Object.values(spec?.revisions ?? {}).map((r) => r.document)];
    expect(documents).toContain(table.document);
    if (table.revision !== undefined) {
      expect(spec?.revisions?.[table.revision]?.document).toBe(table.document);
    }
  });

  test.for(table.rows.map((row) => ({ ...row, name: label(row) })))('$name', (row) => {
    if (spec === undefined) {
      throw new Error(`no spec with id ${table.operation}`);
    }
    const field = fieldOf(spec, row, table.revision);
    expect(field, `${table.operation}: ${row.name} is missing`).toBeDefined();
    if (field === undefined) {
      return;
    }
    // A row whose type is disputed is transcribed as the enforced type or as a reading of the erratum.
    const types = [field.type, ...(field.readings ?? []).map((r) => r.type)].flat();
    expect(types, 'type').toContain(row.type);
    if (row.mandatory !== undefined) {
      expect(field.required ?? false, 'mandatory').toBe(row.mandatory);
    }
    if (row.length !== undefined) {
      expect(field.length, 'length block').toBeDefined();
      if (row.length.min !== undefined) {
        expect(field.length?.min, 'length min').toBe(row.length.min);
      }
      if (row.length.max !== undefined) {
        expect(field.length?.max, 'length max').toBe(row.length.max);
      }
    }
    if (row.range !== undefined) {
      expect({ min: field.range?.min, max: field.range?.max }, 'range').toEqual(row.range);
    }
    if (row.enum !== undefined) {
      expect([...(field.enum?.values ?? [])].sort(), 'enum').toEqual([...row.enum].sort());
    }
    if (row.default !== undefined) {
      expect(field.default?.value, 'default').toBe(row.default);
    }
    expect(field.cite.section.length, 'field cite').toBeGreaterThan(0);
  });
});
