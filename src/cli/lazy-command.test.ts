import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { loadLazyCommand } from './lazy-command.js';

const dir = mkdtempSync(join(tmpdir(), 'lazy-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function module(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text, 'utf8');
  return pathToFileURL(file).href;
}

test('a module with <name>Command and <name>Help is a command', async () => {
  const url = module(
    'ok.mjs',
    "export const okHelp = 'Usage: ok'; export async function okCommand(a) { return a.length; }",
  );
  const loaded = await loadLazyCommand(url, 'ok', 'ok.ts');
  expect('command' in loaded && loaded.command.help).toBe('Usage: ok');
  expect('command' in loaded && (await loaded.command.run(['x', 'y']))).toBe(2);
});

test('a missing module is a problem naming the source file', async () => {
  const url = pathToFileURL(join(dir, 'absent.mjs')).href;
  expect(await loadLazyCommand(url, 'absent', 'src/cli/commands/absent.ts')).toEqual({
    problem: '"ims-conformance absent" is not available in this checkout (src/cli/commands/absent.ts is missing)',
  });
});

test('a module without the command export is a problem; one whose own import is missing throws', async () => {
  const bare = module('bare.mjs', 'export const other = 1;');
  expect(await loadLazyCommand(bare, 'bare', 'bare.ts')).toEqual({
    problem: 'bare.ts does not export bareCommand(argv); "ims-conformance bare" cannot run',
  });
  const broken = module('broken.mjs', "import './not-there.mjs'; export async function brokenCommand() { return 0; }");
  await expect(loadLazyCommand(broken, 'broken', 'broken.ts')).rejects.toThrow(/not-there/);
});
