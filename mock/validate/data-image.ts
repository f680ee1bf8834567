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

/** Returns the first documented error of a data image request, or undefined when it is valid. */
export function dataImageError(body: JsonObject): MockError | undefined {
  return (
    imageNameError(body.name) ??
    descriptionError(body.description) ??
    osTypeError(body.os_type) ??
    imageUrlError(body.image_url) ??
    // 000, min_disk: "Value range: 40 GB to 2048 GB" (001's quick import allows 1–1024; each follows its own document)
    sizeError(body.min_disk, 40, 2048) ??
    (body.cmk_id !== undefined && typeof body.cmk_id !== 'string' ? imsErrors.requestFormat : undefined) ??
    tagFieldsError(body)
  );
}

/** 000 os_type: "It can only be Windows or Linux." (case-sensitive); 001 DataImage: "Linux or Windows". */
export function osTypeError(value: unknown): MockError | undefined {
  if (value === 'Windows' || value === 'Linux') {
    return undefined;
  }
  return value === undefined || typeof value === 'string' ? imsErrors.osType : imsErrors.requestFormat;
}
