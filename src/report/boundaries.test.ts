import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

// STYLE.md §1: `report` reads verdicts, never runs checks; of the project it imports src/model only.
const forbidden = /^(\.\.\/)+(compile|spec|checks)\/|(^|\/)generators\//;
const folder = fileURLToPath(new URL('.', import.meta.url));
const files = readdirSync(folder).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

function importsOf(file: string): string[] {
  const text = readFileSync(`${folder}/${file}`, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');
}

describe('src/report imports', () => {
  test('the pattern catches what it must and lets model imports through', () => {
    for (const bad of ['../compile/index.js', '../spec/load.js', '../checks/status.js', '../../generators/valid.js']) {
      expect(forbidden.test(bad), bad).toBe(true);
    }
    for (const ok of ['../model/verdict.js', '../model/spec.js', './compliance.js', 'allure-js-commons/sdk/runtime']) {
      expect(forbidden.test(ok), ok).toBe(false);
    }
    expect(importsOf('compliance.ts')).toContain('../model/compiled.js');
  });

  test.for(files)('%s imports nothing from compile, spec, checks or generators', (file) => {
    for (const s of importsOf(file)) {
      expect(forbidden.test(s), `${file} imports ${s}`).toBe(false);
    }
  });
});
