import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

// STYLE.md §1: imports follow the data flow, and the mock is the system under test — it may import only npm
// packages, its own files and types from src/model, or the suite could never catch its own mistakes.
const root = resolve(import.meta.dirname, '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every import/export-from specifier of a file, with whether it is type-only. */
function importsOf(text: string): { spec: string; typeOnly: boolean }[] {
  const out: { spec: string; typeOnly: boolean }[] = [];
  const re = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(re)) {
    out.push({ spec: m[3] ?? '', typeOnly: m[2] !== undefined });
  }
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    out.push({ spec: m[1] ?? '', typeOnly: false });
  }
  return out;
}

function resolvedImports(file: string) {
  return importsOf(readFileSync(file, 'utf8'))
    .filter((i) => i.spec.startsWith('.'))
    .map((i) => ({ ...i, target: relative(root, resolve(file, '..', i.spec)) }));
}

describe('import boundaries', () => {
  test('the parser sees plain, type-only and dynamic imports', () => {
    const text = "import a from './a.js';\nimport type { B } from '../b.js';\nconst c = await import('./c.js');";
    expect(importsOf(text)).toEqual([
      { spec: './a.js', typeOnly: false },
      { spec: '../b.js', typeOnly: true },
      { spec: './c.js', typeOnly: false },
    ]);
  });

  test.for(tsFiles(join(root, 'mock')).map((f) => ({ name: relative(root, f), file: f })))(
    'mock firewall: $name imports only the mock, npm packages and src/model types',
    ({ file }) => {
      for (const i of resolvedImports(file)) {
        const allowed = i.target.startsWith('mock/') || (i.target.startsWith('src/model/') && i.typeOnly);
        expect(allowed, `${relative(root, file)} imports ${i.spec} (${i.target})`).toBe(true);
      }
    },
  );

  const downstream = ['src/compile', 'src/spec', 'src/checks', 'generators', 'src/run', 'suites'];
  const lower = ['src/http', 'src/auth', 'src/target'];
  test.for(lower.flatMap((d) => tsFiles(join(root, d))).map((f) => ({ name: relative(root, f), file: f })))(
    'http/auth/target never import the compiler, generators or checks: $name',
    ({ file }) => {
      for (const i of resolvedImports(file)) {
        expect(
          downstream.some((d) => i.target.startsWith(d)),
          `${relative(root, file)} imports ${i.target}`,
        ).toBe(false);
      }
    },
  );
});
