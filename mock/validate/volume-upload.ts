/**
 * POST /v2/{project_id}/volumes/{volume_id}/action, os-volume_upload_image request rules per revision.
 * @see ../shared/docs/seeds/003_a8bfe361bd8e1ef3.txt and 004_b0c8bd44a9534185.txt, "Parameters in the
 * os-volume_upload_image field"
 */
import type { EvsRevision } from '../config.js';
import { evsErrors, type MockError } from '../errors.js';
import { isJsonObject, type JsonObject } from './fields.js';

/** A valid os-volume_upload_image request with the revision's defaults applied. */
export interface VolumeUploadRequest {
  readonly imageName: string;
  readonly force: boolean;
  readonly containerFormat: string;
  readonly diskFormat: string;
  readonly osType: string;
  /** The request left __os_type out (the default applies). */
  readonly osTypeDefaulted: boolean;
}

// 003/004 disk_format: "The value can be vhd, zvhd, zvhd2, raw, or qcow2."
const DISK_FORMATS: ReadonlySet<string> = new Set(['vhd', 'zvhd', 'zvhd2', 'raw', 'qcow2']);
// 003/004 container_format: "The value can be ami, ari, aki, ovf, or bare."
const CONTAINER_FORMATS: ReadonlySet<string> = new Set(['ami', 'ari', 'aki', 'ovf', 'bare']);
// 003/004 __os_type: "Currently, only windows and linux are supported."
const OS_TYPES: ReadonlySet<string> = new Set(['windows', 'linux']);

// 004 image_name: "uppercase letters, lowercase letters, digits, and special characters, such as hyphens (-),
// periods (.), underscores (_), and spaces"; 003 adds "Chinese characters".
const NAME_004 = /^[A-Za-z0-9._\- ]+$/;
const NAME_003 = /^[A-Za-z0-9._\- \p{Script=Han}]+$/u;

function nameValid(value: unknown, revision: EvsRevision): value is string {
  return (
    typeof value === 'string' &&
    // "The name contains 1 to 128 characters." "The name cannot start or end with space."
    [...value].length >= 1 &&
    [...value].length <= 128 &&
    !value.startsWith(' ') &&
    !value.endsWith(' ') &&
    (revision === '003' ? NAME_003 : NAME_004).test(value)
  );
}

function enumValid(value: unknown, allowed: ReadonlySet<string>): boolean {
  return value === undefined || (typeof value === 'string' && allowed.has(value));
}

/** Validates the body; returns the request with defaults, or the documented badRequest error. */
export function volumeUploadRequest(
  body: unknown,
  revision: EvsRevision,
  defaults: EvsRevision = revision,
): VolumeUploadRequest | MockError {
  if (!isJsonObject(body)) {
    return evsErrors.malformedBody;
  }
  const action = body['os-volume_upload_image'];
  if (action === undefined) {
    return Object.keys(body).length > 0 ? evsErrors.bodyUriMismatch : evsErrors.malformedBody;
  }
  if (!isJsonObject(action)) {
    return evsErrors.malformedBody;
  }
  return actionRequest(action, revision, defaults);
}

function actionRequest(
  action: JsonObject,
  revision: EvsRevision,
  defaults: EvsRevision,
): VolumeUploadRequest | MockError {
  if (!nameValid(action.image_name, revision)) {
    return evsErrors.malformedBody;
  }
  if (action.force !== undefined && typeof action.force !== 'boolean') {
    return evsErrors.malformedBody;
  }
  if (
    !enumValid(action.disk_format, DISK_FORMATS) ||
    !enumValid(action.container_format, CONTAINER_FORMATS) ||
    !enumValid(action.__os_type, OS_TYPES)
  ) {
    return evsErrors.malformedBody;
  }
  return {
    imageName: action.image_name,
    force: action.force === true,
    containerFormat: (action.container_format as string | undefined) ?? 'bare',
    // 003 disk_format: "The default value is vhd."; 004: "The default value is zvhd2."
    diskFormat: (action.disk_format as string | undefined) ?? (defaults === '003' ? 'vhd' : 'zvhd2'),
    // __os_type: "The default value is linux."
    osType: (action.__os_type as string | undefined) ?? 'linux',
    osTypeDefaulted: action.__os_type === undefined,
  };
}
