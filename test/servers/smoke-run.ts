/**
 * A smoke run of the CLI against a server started by the test (the mock with a configuration or deviation, or a
 * proxy in front of it): targets/local-mock.yaml with its endpoints moved to `url`, no cleanup (`--keep`), no HTML.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `ims-conformance run --depth smoke --keep --only <only>` into `<dir>/r`; resolves when it has ended. */
export async function smokeRun(options: {
  readonly url: string;
  readonly dir: string;
  readonly only: string;
  readonly jobTimeoutMs: number;
  readonly timeoutMs: number;
}): Promise<void> {
  const file = join(options.dir, 'target.yaml');
  writeFileSync(
    file,
    readFileSync(join(repo, 'targets', 'local-mock.yaml'), 'utf8').replaceAll('http://127.0.0.1:8080', options.url),
  );
  const args = ['run', '--target', file, '--depth', 'smoke', '--no-html', '--keep', '--only', options.only];
  await new Promise<void>((resolve) => {
    execFile(
      process.execPath,
      [join(repo, 'bin', 'ims-conformance.js'), ...args, '--report-dir', join(options.dir, 'r')],
      {
        cwd: repo,
        timeout: options.timeoutMs,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          NO_COLOR: '1',
          IMS_JOB_TIMEOUT_MS: String(options.jobTimeoutMs),
        },
      },
      () => resolve(),
    );
  });
}
