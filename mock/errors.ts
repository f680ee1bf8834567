/**
 * The mock's error table: every error it answers with, keyed by name, each with the code, status
 * and message of the reference page it comes from (STYLE.md §3 item 5). Bodies are serialised once.
 *
 * IMS codes: ../shared/docs/reference/ims-error_codes.rst, Table 1 (the page lists them all as 400;
 * where a seed or the status-code page asks for another status, the entry says so).
 * EVS codes: ../shared/docs/reference/evs-error_codes.rst. EVS envelope keys are the OpenStack
 * fault names (003/004 "error indicates a general error, for example, badRequest or itemNotFound";
 * evs-status_codes.rst "413 overLimit").
 */

/** One documented error: the envelope key, HTTP status, code and message. */
export interface MockError {
  readonly service: 'ims' | 'evs';
  /** Envelope key: `error` for IMS; `badRequest`, `itemNotFound`, `overLimit`, `badMethod`, `error` for EVS. */
  readonly envelope: string;
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** The serialised body, computed once. */
  readonly body: string;
}

function ims(status: number, code: string, message: string): MockError {
  return {
    service: 'ims',
    envelope: 'error',
    status,
    code,
    message,
    body: JSON.stringify({ error: { code, message } }),
  };
}

function evs(envelope: string, status: number, code: string, message: string): MockError {
  return { service: 'evs', envelope, status, code, message, body: JSON.stringify({ [envelope]: { code, message } }) };
}

/** IMS errors (ims-error_codes.rst, Table 1 unless noted). */
export const imsErrors = {
  // IMG.0001 "The request message format is invalid.": malformed JSON, wrong JSON types, wrong content type.
  requestFormat: ims(400, 'IMG.0001', 'The request message format is invalid.'),
  // Body over the size limit: IMG.0001 with 413 (the brief's status; the table has no size code).
  bodyTooLarge: ims(413, 'IMG.0001', 'The request message format is invalid.'),
  // Request headers over the server's limit (HTTP 431, RFC 6585 §5): the same code in the IMS envelope, like 413.
  headersTooLarge: ims(431, 'IMG.0001', 'The request message format is invalid.'),
  nameTooLong: ims(400, 'IMG.0002', 'The image name contains more than 128 characters.'),
  nameFormat: ims(400, 'IMG.0003', 'The image name format is invalid.'),
  descriptionTooLong: ims(400, 'IMG.0004', 'The description contains more than 1024 characters.'),
  bodyEmpty: ims(400, 'IMG.0007', 'The request body is empty.'),
  nameMissing: ims(400, 'IMG.0013', 'The image name is not specified.'),
  urlFormat: ims(400, 'IMG.0017', 'The URL format is incorrect.'),
  // ims-status_codes.rst "404 Not Found: The server cannot find the requested page."
  routeNotFound: ims(404, 'IMG.0017', 'The URL format is incorrect.'),
  jobNotFound: ims(404, 'IMG.0023', 'An exception occurred during task query.'),
  imageType: ims(400, 'IMG.0024', 'The image type in the request is incorrect.'),
  imageProtected: ims(400, 'IMG.0028', 'The image in the request is protected.'),
  descriptionFormat: ims(400, 'IMG.0054', 'The image description format is invalid.'),
  diskOrMemory: ims(400, 'IMG.0055', 'The memory or disk size is invalid.'),
  osVersion: ims(400, 'IMG.0056', 'Invalid OS version.'),
  imageFile: ims(
    400,
    'IMG.0057',
    'The image file is empty, not found, or in incorrect format, or you do not have enough permission to access the file.',
  ),
  imageFileTooLarge: ims(400, 'IMG.0059', 'The size of the image file exceeds the maximum allowed.'),
  bucketEmpty: ims(400, 'IMG.0068', 'The specified bucket name is empty.'),
  diskFormat: ims(400, 'IMG.0072', 'The specified image format is not supported.'),
  // 401 with IMG.0087 (ims-status_codes.rst "401 Unauthorized"; the table lists the code as 400).
  unauthorized: ims(401, 'IMG.0087', 'The token is incorrect.'),
  operationNotSupported: ims(405, 'IMG.0105', 'The operation is not supported.'),
  bucketName: ims(400, 'IMG.0109', 'The bucket name contains invalid characters.'),
  tagInvalid: ims(400, 'IMG.0115', 'The image tag is invalid.'),
  osType: ims(400, 'IMG.0122', 'The OS type is invalid.'),
  // Not found with 404 (GET/DELETE reference pages, "404 Not Found"); the table lists IMG.0144 as 400.
  imageNotFound: ims(404, 'IMG.0144', 'The image does not exist.'),
  fileNameSpaces: ims(400, 'IMG.0175', 'The folder name and image file name cannot contain spaces.'),
  architecture: ims(400, 'IMG.0212', 'The value of Architecture must be x86 or Arm.'),
  // Injected faults (mock/faults.ts): ims-status_codes.rst "500 Internal Server Error", "503 Service Unavailable";
  // the table's only system-error code is IMG.0061 "Unknown system error." (listed as 400).
  internal: ims(500, 'IMG.0061', 'Unknown system error.'),
  unavailable: ims(503, 'IMG.0061', 'Unknown system error.'),
} as const satisfies Record<string, MockError>;

/** EVS errors (evs-error_codes.rst). */
export const evsErrors = {
  malformedBody: evs('badRequest', 400, 'EVS.5400', 'Malformed request body.'),
  malformedUrl: evs('badRequest', 400, 'EVS.5400', 'Malformed request url.'),
  bodyUriMismatch: evs('badRequest', 400, 'EVS.5400', 'Request body and URI mismatch.'),
  // 003/004 force: "If force is set to false and the disk is in the in-use state, the image cannot be forcibly exported."
  invalidStatus: evs('badRequest', 400, 'EVS.5400', 'Must specify a valid status.'),
  bodyTooLarge: evs('overLimit', 413, 'EVS.5400', 'Malformed request body.'),
  unauthorized: evs('error', 401, 'EVS.5401', 'Authentication required.'),
  notFound: evs('itemNotFound', 404, 'EVS.5404', 'Resource(Volume, Snapshot, Backup .etc) cound not be found.'),
  // Injected faults (mock/faults.ts): evs-error_codes.rst EVS.5500 / EVS.5503.
  internal: evs('computeFault', 500, 'EVS.5500', 'Internal server error.'),
  unavailable: evs('serviceUnavailable', 503, 'EVS.5503', 'Service unavailable.'),
  // evs-status_codes.rst "405 Method Not Allowed"
  badMethod: evs('badMethod', 405, 'EVS.5400', 'Malformed request url.'),
} as const satisfies Record<string, MockError>;

export type ImsErrorName = keyof typeof imsErrors;
export type EvsErrorName = keyof typeof evsErrors;
