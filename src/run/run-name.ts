import { isPlainObject } from '../json/value.js';

/**
 * A document example with the run prefix in front of its name (`fedora-data1` → `imsc-<run id>-fedora-data1`), the
 * rest verbatim: every creating request carries a name cleanup can find (issue 18, point 3). The name sits in
 * `name` (000, 001, 002) or `os-volume_upload_image.image_name` (003/004).
 */
export function withRunName(body: unknown, prefix: string): unknown {
  if (!isPlainObject(body)) {
    return body;
  }
  const upload = body['os-volume_upload_image'];
  if (isPlainObject(upload) && typeof upload.image_name === 'string') {
    return { ...body, 'os-volume_upload_image': { ...upload, image_name: prefix + upload.image_name } };
  }
  return typeof body.name === 'string' ? { ...body, name: prefix + body.name } : body;
}
