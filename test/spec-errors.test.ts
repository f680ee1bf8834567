/**
 * Every broken-spec fixture loads with exactly the expected `file:line:column: CODE` lines (STYLE.md §3
 * item 1). Positions were counted by hand in the fixture files; files are relative to the fixture root.
 */
import { relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../src/errors.js';
import { loadSpecs } from '../src/spec/load.js';

const fixtures = resolve(import.meta.dirname, 'fixtures/specs-broken');

interface Case {
  readonly name: string;
  /** `<file relative to the fixture>:<line>:<column>: <CODE>`, in the order the loader sorts them. */
  readonly want: readonly string[];
  /** Ids of the operations that still load beside the broken files. */
  readonly loads?: readonly string[];
}

const cases: readonly Case[] = [
  {
    name: 'yaml-syntax',
    want: ['ims/x.yaml:14:7: SPEC_YAML_SYNTAX', 'shared/tab.yaml:4:1: SPEC_YAML_SYNTAX'],
  },
  { name: 'bad-type', want: ['ims/x.yaml:17:14: SPEC_SCHEMA'] },
  { name: 'missing-key', want: ['ims/x.yaml:12:5: SPEC_SCHEMA'] },
  { name: 'unknown-key', want: ['ims/x.yaml:16:7: SPEC_UNKNOWN_KEY'] },
  {
    name: 'dangling-ref',
    want: ['ims/missing-definition.yaml:13:13: SPEC_DANGLING_REF', 'ims/missing-file.yaml:13:13: SPEC_DANGLING_REF'],
    loads: ['ims.good'],
  },
  { name: 'ref-cycle', want: ['shared/names.yaml:8:11: SPEC_REF_CYCLE'] },
  { name: 'duplicate-id', want: ['ims/b.yaml:21:11: SPEC_DUPLICATE_ID'], loads: ['ims.a'] },
  { name: 'dangling-erratum', want: ['ims/x.yaml:18:18: SPEC_DANGLING_ERRATUM'] },
  { name: 'missing-example', want: ['ims/x.yaml:23:11: SPEC_MISSING_EXAMPLE'] },
  { name: 'bad-example', want: ['examples/x/request.json:3:15: SPEC_BAD_EXAMPLE'] },
  { name: 'bad-regex', want: ['ims/x.yaml:17:18: SPEC_BAD_REGEX', 'ims/x.yaml:22:18: SPEC_BAD_REGEX'] },
  {
    name: 'several',
    want: [
      'ims/a.yaml:3:10: SPEC_SCHEMA',
      'ims/a.yaml:15:16: SPEC_DANGLING_ERRATUM',
      'ims/a.yaml:17:7: SPEC_UNKNOWN_KEY',
      'ims/b.yaml:8:10: SPEC_SCHEMA',
    ],
  },
];

describe('broken spec fixtures', () => {
  test.for(cases)('$name', ({ name, want, loads = [] }) => {
    const root = resolve(fixtures, name);
    const { value, diagnostics } = loadSpecs({ root });
    const got = diagnostics.map((d) => `${relative(root, resolve(d.file))}:${d.line}:${d.column}: ${d.code}`);
    expect(got).toEqual(want);
    expect(value?.operations.map((op) => op.spec.id) ?? []).toEqual(loads);
    for (const d of diagnostics) {
      // Compiler format, one line each, with a message that says something.
      const line = formatDiagnostic(d);
      expect(line.startsWith(`${d.file}:${d.line}:${d.column}: ${d.code}: `)).toBe(true);
      expect(line).not.toContain('\n');
      expect(d.message.length).toBeGreaterThan(10);
    }
  });
});

describe('messages say what is wrong and what to do', () => {
  const messageOf = (name: string): string =>
    loadSpecs({ root: resolve(fixtures, name) }).diagnostics[0]?.message ?? '';

  test('an unknown key is named, with where it is and every allowed key', () => {
    const message = messageOf('unknown-key');
    expect(message).toMatch(/^unknown key "rnage" at \/request\/fields\/min_disk; expected one of: \$ref, type, /);
    expect(message).toContain('range');
  });

  test('a bad type quotes the offending value', () => {
    expect(messageOf('bad-type')).toBe('/request/fields/min_disk/range/min: must be number (got "forty") (type)');
  });

  test('a missing key is named', () => {
    expect(messageOf('missing-key')).toBe('missing required key "cite" at /request/fields/min_disk');
  });

  test('a duplicate id names where it was first used', () => {
    expect(messageOf('duplicate-id')).toContain(
      `"ims.a.name.exclusive" is already used at ${relative(process.cwd(), resolve(fixtures, 'duplicate-id/ims/a.yaml'))}:21:11`,
    );
  });

  test('a cycle lists its chain', () => {
    expect(messageOf('ref-cycle')).toMatch(/definitions\/a → .*definitions\/b → .*definitions\/a/);
  });
});

test('a spec folder that does not exist is one SPEC_IO diagnostic and no value', () => {
  const { value, diagnostics } = loadSpecs({ root: resolve(fixtures, 'no-such-folder') });
  expect(value).toBeUndefined();
  expect(diagnostics.map((d) => d.code)).toEqual(['SPEC_IO']);
});
