/**
 * Where the documents the specs cite are read from when a report is written: `--docs DIR`, else `IMS_DOCS_DIR`,
 * else `../shared/docs` beside the repository (the layout DESIGN.md "The documents (../shared/docs)" gives, and
 * the one CI has: a clone with shared/ beside it), else one level further up (a git worktree under a folder of
 * worktrees). The report embeds them at run time; they are never copied into this repository.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this file is src/report/html/docs-folder.ts. */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The documents folder (holding `seeds/`), or undefined when there is none where it was looked for. */
export function docsFolder(explicit?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const given = explicit ?? env.IMS_DOCS_DIR;
  const candidates =
    given === undefined
      ? [join(repoRoot, '..', 'shared', 'docs'), join(repoRoot, '..', '..', 'shared', 'docs')]
      : [given];
  const found = candidates.find((dir) => existsSync(join(dir, 'seeds')));
  return found === undefined ? undefined : resolve(found);
}
