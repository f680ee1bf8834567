/**
 * Field rules shared by the IMS operations, written from the documents (never from the suite's specs).
 * Each returns the documented error, or undefined when the value is valid.
 */
import { imsErrors, type MockError } from '../errors.js';

/** Value of a JSON body: a plain object from JSON.parse. */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

// ims-image_attributes.rst, name: "cannot start or end with a space", "1 to 128 characters", "Uppercase
// letters, Lowercase letters, Digits, Special characters, including hyphens (-), periods (.), underscores (_), and space"
const NAME_CHARS = /^[A-Za-z0-9._\- ]+$/;
/** Deviation quickimport-name-angle-bracket: the same set plus angle brackets. */
export const NAME_CHARS_WITH_BRACKETS = /^[A-Za-z0-9._\- <>]+$/;

/** Image name (000, 001 → Image Attributes). `maxLength` is 128 there and 255 in 002's request table. */
export function imageNameError(
  value: unknown,
  maxLength = 128,
  chars = NAME_CHARS,
  trailingSpaceOk = false,
): MockError | undefined {
  if (value === undefined) {
    return imsErrors.nameMissing;
  }
  if (typeof value !== 'string') {
    return imsErrors.requestFormat;
  }
  if (value.length > maxLength) {
    return imsErrors.nameTooLong;
  }
  if (value.length === 0 || !chars.test(value) || value.startsWith(' ') || (value.endsWith(' ') && !trailingSpaceOk)) {
    return imsErrors.nameFormat;
  }
  return undefined;
}

/**
 * Description (000/001): "a maximum of 1024 characters … Carriage returns and angle brackets (< >) are not allowed."
 * The same sentence says "only letters and digits", yet 001's own example has spaces and periods: not enforced.
 */
export function descriptionError(
  value: unknown,
  allowCr = false,
  loose: { brackets?: boolean; nullIsAbsent?: boolean } = {},
): MockError | undefined {
  if (value === undefined || (value === null && loose.nullIsAbsent)) {
    return undefined;
  }
  if (typeof value !== 'string') {
    return imsErrors.requestFormat;
  }
  if (value.length > 1024) {
    return imsErrors.descriptionTooLong;
  }
  const forbidden = allowCr ? /[<>]/ : loose.brackets ? /\r/ : /[\r<>]/;
  if (forbidden.test(value)) {
    return imsErrors.descriptionFormat;
  }
  return undefined;
}

// ims-image_tag_format.rst, "Format of tag": "key.value"; key ≤ 36, value ≤ 43 and may be empty;
// "The tag can contain only digits, letters, underscores (_), and hyphens (-)."
const TAG_PART = /^[A-Za-z0-9_-]*$/;

function imsTagValid(tag: unknown): boolean {
  if (typeof tag !== 'string') {
    return false;
  }
  const dot = tag.indexOf('.');
  if (dot < 0) {
    return false;
  }
  const key = tag.slice(0, dot);
  const value = tag.slice(dot + 1);
  return key.length >= 1 && key.length <= 36 && value.length <= 43 && TAG_PART.test(key) && TAG_PART.test(value);
}

/** IMS `tags` (000/001 → Image Tag Data Formats). */
export function imsTagsError(value: unknown): MockError | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    return imsErrors.requestFormat;
  }
  for (const tag of value) {
    if (!imsTagValid(tag)) {
      return imsErrors.tagInvalid;
    }
  }
  return undefined;
}

/**
 * IMS `image_tags` objects: key ≤ 36 (at least one character), value present, ≤ 43 and may be empty;
 * "If the first and last characters of the tag key and value are spaces, the system deletes the space".
 */
export function imageTagsError(value: unknown): MockError | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    return imsErrors.requestFormat;
  }
  for (const item of value) {
    if (!isJsonObject(item) || typeof item.key !== 'string') {
      return imsErrors.tagInvalid;
    }
    // Image Tag Format: "The format is {"key":"keyA", "value":"valueA"}" — both members; the value may be "".
    if (typeof item.value !== 'string') {
      return imsErrors.tagInvalid;
    }
    const key = item.key.trim();
    const tagValue = item.value.trim();
    if (key.length === 0 || key.length > 36 || tagValue.length > 43) {
      return imsErrors.tagInvalid;
    }
  }
  return undefined;
}

/** 000/001 "Use either tags or image_tags", then each list's own rules. */
export function tagFieldsError(body: JsonObject, allowBoth = false): MockError | undefined {
  if (body.tags !== undefined && body.image_tags !== undefined && !allowBoth) {
    return imsErrors.tagInvalid;
  }
  return imsTagsError(body.tags) ?? imageTagsError(body.image_tags);
}

/** The tags an image gets: `tags` as given, or `image_tags` as `key.value` (trimmed). */
export function imageTagsOf(body: JsonObject): string[] {
  if (Array.isArray(body.tags)) {
    return body.tags.map(String);
  }
  if (Array.isArray(body.image_tags)) {
    return body.image_tags.map((t: JsonObject) => `${String(t.key).trim()}.${String(t.value ?? '').trim()}`);
  }
  return [];
}

// OBS bucket names: 3–63 lower-case letters, digits, hyphens and periods (IMG.0109 "The bucket name contains
// invalid characters").
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** 000/001 image_url: "The format is OBS bucket name:Image file name." */
export function imageUrlError(value: unknown): MockError | undefined {
  if (value === undefined) {
    return imsErrors.urlFormat;
  }
  if (typeof value !== 'string') {
    return imsErrors.requestFormat;
  }
  const colon = value.indexOf(':');
  if (colon < 0 || colon === value.length - 1) {
    return imsErrors.urlFormat;
  }
  const bucket = value.slice(0, colon);
  const file = value.slice(colon + 1);
  if (bucket.length === 0) {
    return imsErrors.bucketEmpty;
  }
  if (!BUCKET.test(bucket)) {
    return imsErrors.bucketName;
  }
  if (file.includes(' ')) {
    return imsErrors.fileNameSpaces;
  }
  return undefined;
}

/** An integer within [min, max] (IMG.0055 "The memory or disk size is invalid."); wrong JSON type → IMG.0001. */
export function sizeError(value: unknown, min: number, max: number): MockError | undefined {
  if (value === undefined) {
    return imsErrors.diskOrMemory;
  }
  if (typeof value !== 'number') {
    return imsErrors.requestFormat;
  }
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    return imsErrors.diskOrMemory;
  }
  return undefined;
}
