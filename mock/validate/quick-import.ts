/**
 * POST /v2/cloudimages/quickimport/action request rules: the system disk variant (type ECS/BMS or absent)
 * and the data disk variant (type DataImage).
 * @see ../shared/docs/seeds/001_39f30023824dbbb4.txt, both "Parameters" tables
 */
import { imsErrors, type MockError } from '../errors.js';
import { osTypeError } from './data-image.js';
import {
  descriptionError,
  imageNameError,
  imageUrlError,
  type JsonObject,
  NAME_CHARS_WITH_BRACKETS,
  sizeError,
  tagFieldsError,
} from './fields.js';
import { isListedOsVersion } from './os-version.js';

export type QuickImportType = 'ECS' | 'BMS' | 'DataImage';

/** 001 type: "ECS/BMS for system disk images. The default value is ECS."; "DataImage for data disk images". */
export function quickImportType(body: JsonObject): QuickImportType | undefined {
  // 001 type is a String, ECS when absent: null is not absent (it is refused like any other non-string).
  const type = body.type === undefined ? 'ECS' : body.type;
  return type === 'ECS' || type === 'BMS' || type === 'DataImage' ? type : undefined;
}

function osVersionError(value: unknown, optional: boolean): MockError | undefined {
  if (value === undefined && optional) {
    return undefined;
  }
  if (typeof value === 'string') {
    return isListedOsVersion(value) ? undefined : imsErrors.osVersion;
  }
  return value === undefined ? imsErrors.osVersion : imsErrors.requestFormat;
}

function architectureError(value: unknown, anyCase: boolean): MockError | undefined {
  // 001 architecture: "Available values include: x86, arm. The default value is x86."
  const given = anyCase && typeof value === 'string' ? value.toLowerCase() : value;
  if (given === undefined || given === 'x86' || given === 'arm') {
    return undefined;
  }
  return typeof value === 'string' ? imsErrors.architecture : imsErrors.requestFormat;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * Returns the first documented error of a quick import request, or undefined when it is valid.
 * `deviations` loosens the rules named in mock/deviations.ts.
 */
export function quickImportError(body: JsonObject, deviations: ReadonlySet<string> = NONE): MockError | undefined {
  const type = quickImportType(body);
  if (type === undefined) {
    return typeof body.type === 'string' ? imsErrors.imageType : imsErrors.requestFormat;
  }
  const common =
    imageNameError(
      body.name,
      deviations.has('quickimport-name-129-chars') ? 255 : 128,
      deviations.has('quickimport-name-angle-bracket') ? NAME_CHARS_WITH_BRACKETS : undefined,
    ) ??
    descriptionError(body.description, deviations.has('quickimport-description-carriage-return')) ??
    imageUrlError(body.image_url) ??
    // 001 min_disk: "The value ranges from 1 to 1024" (the file-size rule is checked by the job)
    (deviations.has('quickimport-min-disk-negative') && typeof body.min_disk === 'number' && body.min_disk < 0
      ? undefined
      : sizeError(
          body.min_disk,
          1,
          deviations.has('quickimport-data-min-disk-1024-refused') && type === 'DataImage' ? 1023 : 1024,
        )) ??
    tagFieldsError(body);
  if (common !== undefined) {
    return common;
  }
  // 001: os_version is mandatory for a system disk image, os_type for a data disk image.
  return type === 'DataImage'
    ? osTypeError(body.os_type)
    : (osVersionError(body.os_version, deviations.has('quickimport-os-version-optional')) ??
        architectureError(body.architecture, deviations.has('quickimport-architecture-any-case')));
}
