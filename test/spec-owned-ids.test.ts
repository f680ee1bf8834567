/**
 * Where a created job or image id is in a response is the specs' business (issue 17, point 3): `async.jobIdPointer`,
 * `async.imageIdPointer` and `createdImagePointer`. No source module may read those ids by a name of its own, or a
 * spec change would no longer be the only place to edit (a fallback `'/entities/image_id'` crept back in once).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const repo = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      return sources(path);
    }
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Reads of a response's job or image id by name: a property, an index, or a pointer literal. */
const ID_READ =
  /\.(job_id|image_id)\b|\[['"](job_id|image_id)['"]\]|['"`]\/(job_id|entities\/image_id|id)['"`]|upload_image['"]?\]?\.image_id/;

test('no module under src/ or generators/ reads a job or image id by its own name', () => {
  const offenders: string[] = [];
  for (const file of [...sources(join(repo, 'src')), ...sources(join(repo, 'generators'))]) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '').trim();
        if (!code.startsWith('*') && ID_READ.test(code)) {
          offenders.push(`${relative(repo, file)}:${i + 1}: ${code}`);
        }
      });
  }
  expect(offenders).toEqual([]);
});

test('the pattern finds the reads it is meant to find (it is not a rubber stamp)', () => {
  for (const line of [
    "const id = typeof body.job_id === 'string' ? body.job_id : undefined;",
    "valueAtPointer(body, '/entities/image_id')",
    "const upload = body['os-volume_upload_image']; upload.image_id",
    "x.json['image_id']",
    "valueAtPointer(body, '/id')",
  ]) {
    expect(ID_READ.test(line), line).toBe(true);
  }
  for (const line of ['const params = { image_id: imageId };', 'pathParams: { job_id: jobId }']) {
    // Path parameter names are the spec's pathParams, filled by name; not a read of a response.
    expect(ID_READ.test(line), line).toBe(false);
  }
});
