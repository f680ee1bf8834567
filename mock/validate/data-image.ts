/**
 * POST /v1/cloudimages/dataimages/action request rules.
 * @see ../shared/docs/seeds/000_e6aba1037ae22d43.txt, "Request parameters"
 */
import { imsErrors, type MockError } from '../errors.js';
import {
  descriptionError,
  imageNameError,
  imageUrlError,
  type JsonObject,
  sizeError,
  tagFieldsError,
} from './fields.js';

const NONE: ReadonlySet<string> = new Set();

/**
 * Returns the first documented error of a data image request, or undefined when it is valid.
 * `deviations` loosens the rules named in mock/deviations.ts.
 */
export function dataImageError(body: JsonObject, deviations: ReadonlySet<string> = NONE): MockError | undefined {
  const anySize = deviations.has('dataimage-min-disk-unchecked');
  return (
    imageNameError(body.name, 128, undefined, deviations.has('dataimage-name-trailing-space')) ??
    descriptionError(body.description, false, {
      brackets: deviations.has('dataimage-description-angle-brackets'),
      nullIsAbsent: deviations.has('dataimage-description-null'),
    }) ??
    osTypeError(body.os_type, deviations.has('dataimage-os-type-any-case')) ??
    imageUrlError(body.image_url) ??
    // 000, min_disk: "Value range: 40 GB to 2048 GB" (001's quick import allows 1–1024; each follows its own document)
    sizeError(body.min_disk, anySize ? 1 : 40, anySize ? Number.MAX_SAFE_INTEGER : 2048) ??
    (body.cmk_id !== undefined && typeof body.cmk_id !== 'string' ? imsErrors.requestFormat : undefined) ??
    tagFieldsError(body, deviations.has('dataimage-tags-and-image-tags'))
  );
}

/** 000 os_type: "It can only be Windows or Linux." (case-sensitive); 001 DataImage: "Linux or Windows". */
export function osTypeError(value: unknown, anyCase = false): MockError | undefined {
  if (value === 'Windows' || value === 'Linux' || (anyCase && (value === 'windows' || value === 'linux'))) {
    return undefined;
  }
  return value === undefined || typeof value === 'string' ? imsErrors.osType : imsErrors.requestFormat;
}
