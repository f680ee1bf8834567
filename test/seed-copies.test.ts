/**
 * docs/seeds holds verbatim copies of the normative seeds (src/coverage reads them, so a clone without shared/ still
 * has its document index). A copy that drifts from the documents would make the coverage table describe another
 * text: where ../shared/docs/seeds is beside the repository (CI lays it there), every copy must equal its original.
 * @see ../shared/DESIGN.md "The documents (../shared/docs)"
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { defaultDocsDir } from '../src/coverage/index.js';
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
