/**
 * POST /v2/images (create image metadata) request rules.
 * @see ../shared/docs/seeds/002_8c42299bbd57248d.txt, "Request parameters"
 */
import { imsErrors, type MockError } from '../errors.js';
import { imageNameError, type JsonObject } from './fields.js';
import { osInfo } from './os-version.js';

/** 002 disk_format: "The value can be vhd, zvhd, raw, zvhd2, or qcow2." */
export const NATIVE_DISK_FORMATS: ReadonlySet<string> = new Set(['vhd', 'zvhd', 'raw', 'zvhd2', 'qcow2']);

/** Documented request fields; any other key is an extra property. */
const KNOWN = new Set([
  '__os_version',
  'visibility',
  'name',
  'protected',
  'container_format',
  'disk_format',
  'tags',
  'min_ram',
  'min_disk',
]);

/** Attributes the service sets itself (002 response table, ims-image_attributes.rst); a request cannot set them. */
export const RESERVED: ReadonlySet<string> = new Set([
  'id',
  'status',
  'self',
  'file',
  'schema',
  'owner',
  'created_at',
  'updated_at',
  'deleted',
  'deleted_at',
  'size',
  'checksum',
  'virtual_size',
  'locations',
  'direct_url',
  '__os_type',
  '__platform',
  '__os_bit',
  '__imagetype',
  '__isregistered',
  '__image_size',
  '__image_source_type',
]);

// ims-image_tag_format.rst, "Format (Native OpenStack)": "a maximum of 255 characters"; "only digits, letters,
// underscores (_), and hyphens (-)"; 002 tags: "The tag contains 1 to 255 characters."
const NATIVE_TAG = /^[A-Za-z0-9_-]{1,255}$/;

function tagsError(value: unknown): MockError | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    return imsErrors.requestFormat;
  }
  for (const tag of value) {
    if (typeof tag !== 'string' || !NATIVE_TAG.test(tag)) {
      return imsErrors.tagInvalid;
    }
  }
  return undefined;
}

function optionalInt(value: unknown, min: number, max: number): MockError | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'number') {
    return imsErrors.requestFormat;
  }
  return Number.isSafeInteger(value) && value >= min && value <= max ? undefined : imsErrors.diskOrMemory;
}

function knownFieldsError(body: JsonObject, deviations: ReadonlySet<string>): MockError | undefined {
  const osVersion = body.__os_version;
  if (osVersion !== undefined && (typeof osVersion !== 'string' || osInfo(osVersion) === undefined)) {
    return typeof osVersion === 'string' ? imsErrors.osVersion : imsErrors.requestFormat;
  }
  // 002 visibility: "the value of visibility can be set to private only."
  const publicOk = body.visibility === 'public' && deviations.has('image-create-visibility-public');
  if (body.visibility !== undefined && body.visibility !== 'private' && !publicOk) {
    return imsErrors.requestFormat;
  }
  // 002 name: "The name contains 1 to 255 characters" (the response table and Image Attributes say 128: an erratum;
  // the request table governs a request).
  if (body.name !== undefined) {
    const nameError = imageNameError(body.name, deviations.has('image-create-name-256') ? 65535 : 255);
    if (nameError !== undefined) {
      return nameError;
    }
  }
  if (body.protected !== undefined && typeof body.protected !== 'boolean') {
    return imsErrors.requestFormat;
  }
  const cf = body.container_format;
  // 002 NOTE: "Parameters in the request body are strings of no more than 255 characters, and their values can be
  // left blank." — an empty container_format is allowed.
  if (cf !== undefined && (typeof cf !== 'string' || cf.length > 255)) {
    return imsErrors.requestFormat;
  }
  const df =
    deviations.has('image-create-disk-format-padded') && typeof body.disk_format === 'string'
      ? body.disk_format.trim()
      : body.disk_format;
  if (df !== undefined && (typeof df !== 'string' || !NATIVE_DISK_FORMATS.has(df))) {
    return typeof df === 'string' ? imsErrors.diskFormat : imsErrors.requestFormat;
  }
  return (
    tagsError(body.tags) ??
    // 002 min_ram: Integer, "The default value is 0." (never negative)
    optionalInt(body.min_ram, 0, Number.MAX_SAFE_INTEGER) ??
    // 002 min_disk: "The value ranges from 1 GB to 1024 GB."
    optionalInt(body.min_disk, 1, 1024)
  );
}

const NONE: ReadonlySet<string> = new Set();

/**
 * Returns the first documented error of a create-metadata request, or undefined when it is valid.
 * `deviations` loosens the rules named in mock/deviations.ts.
 */
export function imageCreateError(body: JsonObject, deviations: ReadonlySet<string> = NONE): MockError | undefined {
  const known = knownFieldsError(body, deviations);
  if (known !== undefined) {
    return known;
  }
  const maxValue = deviations.has('image-create-extra-property-256') ? 65535 : 255;
  for (const key in body) {
    if (KNOWN.has(key)) {
      continue;
    }
    if (RESERVED.has(key)) {
      return imsErrors.requestFormat;
    }
    // 002 NOTE: "Parameters in the request body are strings of no more than 255 characters, and their values can be
    // left blank."
    const value = body[key];
    if (typeof value === 'number' && deviations.has('image-create-extra-property-number')) {
      continue;
    }
    if (typeof value !== 'string' || value.length > maxValue || key.length > 255) {
      return imsErrors.requestFormat;
    }
  }
  return undefined;
}

/** The extra properties of a valid request (strings only, already checked). */
export function extraProperties(body: JsonObject): Record<string, string> {
  const extra: Record<string, string> = {};
  for (const key in body) {
    if (!KNOWN.has(key) && typeof body[key] === 'string') {
      extra[key] = body[key];
    }
  }
  return extra;
}
