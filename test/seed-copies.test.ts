/**
 * docs/seeds holds verbatim copies of the normative seeds, docs/reference of the reference pages the coverage index
 * reads (src/coverage reads them, so a clone without shared/ still has its document index). A copy that drifts from
 * the documents would make the coverage table describe another text: where ../shared/docs is beside the repository
 * (CI lays it there), every copy must equal its original.
 * @see ../shared/DESIGN.md "The documents (../shared/docs)"
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { defaultDocsDir, defaultReferenceDir } from '../src/coverage/index.js';
import { docsFolder } from '../src/report/html/docs-folder.js';

const shared = docsFolder(undefined, {});

describe('docs/seeds', () => {
  test.skipIf(shared === undefined)('holds exactly the seeds of ../shared/docs/seeds, byte for byte', () => {
    const originals = join(shared ?? '', 'seeds');
    const names = readdirSync(originals).sort();
    expect(readdirSync(defaultDocsDir).sort()).toEqual(names);
    for (const name of names) {
      expect(readFileSync(join(defaultDocsDir, name)), name).toEqual(readFileSync(join(originals, name)));
    }
  });
});

describe('docs/reference', () => {
  test.skipIf(shared === undefined)('holds copies of pages of ../shared/docs/reference, byte for byte', () => {
    const originals = join(shared ?? '', 'reference');
    const names = readdirSync(defaultReferenceDir).sort();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect(readFileSync(join(defaultReferenceDir, name)), name).toEqual(readFileSync(join(originals, name)));
    }
  });
});
