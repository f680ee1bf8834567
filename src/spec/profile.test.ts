import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { constraintIdsOf } from '../run/profile.js';
import { compiledSpecs } from '../run/specs.js';
import { loadProfile, parseProfile, profileFile } from './profile.js';

const known = constraintIdsOf(compiledSpecs({ revision: '004' }));

describe('the glance profile (profiles/glance.yaml)', () => {
  const result = loadProfile('glance', known);

  test('loads against the compiled specs without a diagnostic', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.value?.serves).toEqual(new Set(['ims.imagecreate', 'ims.imageget', 'ims.imagedelete']));
  });

  test('every marked constraint names a reason and a citation that quotes an OpenStack or Glance source', () => {
    const differences = [...(result.value?.differences.values() ?? [])];
    expect(differences.length).toBeGreaterThan(0);
    for (const d of differences) {
      expect(d.reason.length).toBeGreaterThan(20);
      expect(d.citation).toMatch(/OpenStack Image API v2 reference|GET \/v2\/schemas\/image|webob/);
      expect(d.citation).toMatch(/["']/);
    }
  });

  test('the differences the issue names are marked', () => {
    const ids = [...(result.value?.differences.keys() ?? [])];
    for (const id of [
      'ims.imagecreate.response.201.__imagetype.required',
      'ims.imagecreate.response.201.virtual_env_type.required',
      'ims.imagecreate.visibility.default',
      'ims.imagecreate.container_format.default',
      'ims.imagecreate.response.201.name.type',
      'ims.imagecreate.visibility.enum',
      'ims.imagecreate.disk_format.enum',
      'ims.imagedelete.delete_backup.type',
      'ims.imagecreate.envelope',
    ]) {
      expect(ids).toContain(id);
    }
  });

  test('default and strict have no file and no difference', () => {
    expect(profileFile('default')).toBeUndefined();
    expect(loadProfile('strict', known).value?.differences.size).toBe(0);
  });
});

describe('a bad profile', () => {
  const text = readFileSync(profileFile('glance') ?? '', 'utf8');

  test('an unknown constraint id, a missing citation and an unknown operation are file:line:col errors', () => {
    const bad = text
      .replace('      - ims.imagecreate.tags.item.charset', '      - ims.imagecreate.tags.item.charsett')
      .replace(/citation: >-\n(\s+OpenStack Image API v2 reference, Delete image)/, 'citationx: >-\n$1')
      .replace('serves: [ims.imagecreate,', 'serves: [ims.nosuch,');
    const r = parseProfile(bad, 'profiles/glance.yaml', 'glance', known);
    expect(r.value).toBeUndefined();
    const lines = r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^profiles\/glance\.yaml:\d+:\d+: serves\.0: "ims\.nosuch" is not an operation id/),
        expect.stringMatching(
          /differences\.\d+\.constraints\.\d+: "ims\.imagecreate\.tags\.item\.charsett" is not a constraint id/,
        ),
        expect.stringMatching(/differences\.\d+\.citation: must be a non-empty string/),
        expect.stringMatching(/differences\.\d+\.citationx: unknown key/),
      ]),
    );
  });

  test('the profile key must name the profile', () => {
    const r = parseProfile(text.replace('profile: glance', 'profile: other'), 'p.yaml', 'glance', known);
    expect(r.diagnostics.map((d) => d.message)).toContain(
      'profile: must be "glance", the profile\'s name (got "other")',
    );
  });
});
