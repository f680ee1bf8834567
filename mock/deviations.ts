/**
 * The deviation catalogue: named ways the mock can break the documents on request, each a plausible bug of a
 * real implementation of the service. The suite proves it catches deviations by running against a mock with
 * one switched on (`--deviation NAME`, config key `deviations`). Each entry cites the sentence it breaks; the
 * code sits in the route or validator it concerns, behind a Set lookup on `config.deviations`.
 */
import type { MockConfig } from './config.js';

export type DeviationOperation =
  | 'dataimage'
  | 'quickimport'
  | 'image_create'
  | 'image_get'
  | 'image_delete'
  | 'job_get'
  | 'volume_upload_image'
  | 'volume_get';

/** The kind of check that should catch the deviation. */
export type DeviationKind =
  | 'status'
  | 'body_schema'
  | 'content_type'
  | 'echo'
  | 'defaults'
  | 'error_envelope'
  | 'request_validation'
  | 'auth'
  | 'isolation'
  | 'async_job'
  | 'evs';

export interface Deviation {
  readonly name: string;
  /** Which document sentence it breaks (doc, section) and how. */
  readonly description: string;
  readonly operation: DeviationOperation;
  readonly kind: DeviationKind;
}

const D000 = '000_e6aba1037ae22d43.txt';
const D001 = '001_39f30023824dbbb4.txt';
const D002 = '002_8c42299bbd57248d.txt';
const DEVS = '003_a8bfe361bd8e1ef3.txt/004_b0c8bd44a9534185.txt';
const ATTR = 'ims-image_attributes.rst, Image Attributes';
const JOB = 'ims-querying_the_status_of_an_asynchronous_job.rst';

/** The catalogue (stable names; one line of citation each). */
export const DEVIATIONS = [
  // 000 data image
  {
    name: 'dataimage-min-disk-unchecked',
    description: `${D000}, Request parameters, min_disk "Value range: 40 GB to 2048 GB": 39 and 2049 are accepted`,
    operation: 'dataimage',
    kind: 'request_validation',
  },
  {
    name: 'dataimage-tags-and-image-tags',
    description: `${D000}, Request parameters, tags/image_tags "Use either tags or image_tags.": both are accepted`,
    operation: 'dataimage',
    kind: 'request_validation',
  },
  {
    name: 'dataimage-os-type-any-case',
    description: `${D000}, Request parameters, os_type "It can only be Windows or Linux.": "linux" is accepted`,
    operation: 'dataimage',
    kind: 'request_validation',
  },
  {
    name: 'dataimage-status-201',
    description: `${D000}, Returned Value "Normal 200" / Example response "STATUS CODE 200": answers 201`,
    operation: 'dataimage',
    kind: 'status',
  },
  {
    name: 'dataimage-job-id-number',
    description: `${D000}, Response parameters, job_id "String": job_id is a JSON number`,
    operation: 'dataimage',
    kind: 'body_schema',
  },
  {
    name: 'dataimage-not-data-image',
    description: `${D002}, Response parameters, virtual_env_type "For a data disk image, the value is DataImage.": the imported image says FusionCompute`,
    operation: 'dataimage',
    kind: 'async_job',
  },
  {
    name: 'missing-token-accepted',
    description: `${D000} (and every IMS/EVS page), Returned Value "401 Unauthorized: Authentication failed.": a request without X-Auth-Token or signature is served as the first project`,
    operation: 'dataimage',
    kind: 'auth',
  },
  // 001 quick import
  {
    name: 'quickimport-name-angle-bracket',
    description: `${D001} name "see Image Attributes"; ${ATTR}, name: letters, digits, "-", ".", "_" and space only: "img<1>" is accepted`,
    operation: 'quickimport',
    kind: 'request_validation',
  },
  {
    name: 'quickimport-name-129-chars',
    description: `${ATTR}, name "The name contains 1 to 128 characters." (IMG.0002): a 129-character name is accepted`,
    operation: 'quickimport',
    kind: 'request_validation',
  },
  {
    name: 'quickimport-os-version-optional',
    description: `${D001}, system disk parameters, os_version Mandatory "Yes": a system disk image without os_version is accepted`,
    operation: 'quickimport',
    kind: 'request_validation',
  },
  {
    name: 'quickimport-description-carriage-return',
    description: `${D001}, description "Carriage returns and angle brackets (< >) are not allowed.": "\\r" is accepted`,
    operation: 'quickimport',
    kind: 'request_validation',
  },
  {
    name: 'quickimport-flat-error-envelope',
    description: `${D001}, Returned Values "400 Bad Request … see Error Codes"; ims-error_codes.rst: 400s answer {"error_code","error_msg"} instead of {"error":{"code","message"}}`,
    operation: 'quickimport',
    kind: 'error_envelope',
  },
  // (quickimport-default-architecture-arm is gone: the default x86 shows in no documented field, and "not UEFI
  // without architecture" rests on no sentence — 001 says only that ARM switches to UEFI.)
  // 002 create image metadata
  {
    name: 'image-create-extra-property-256',
    description: `${D002}, NOTE "Parameters in the request body are strings of no more than 255 characters": a 256-character extra property is accepted`,
    operation: 'image_create',
    kind: 'request_validation',
  },
  {
    name: 'image-create-visibility-public',
    description: `${D002}, visibility "the value of visibility can be set to private only.": "public" is accepted and echoed`,
    operation: 'image_create',
    kind: 'request_validation',
  },
  {
    name: 'image-create-status-200',
    description: `${D002}, Returned Values "Normal 201" / Example response "STATUS CODE 201": answers 200`,
    operation: 'image_create',
    kind: 'status',
  },
  {
    name: 'image-create-min-ram-string',
    description: `${D002}, Response parameters, min_ram "Integer": min_ram is a string`,
    operation: 'image_create',
    kind: 'body_schema',
  },
  {
    name: 'image-create-missing-owner',
    description: `${D002}, Response parameters, owner "Specifies the ID of the project to which the image belongs.": owner is absent`,
    operation: 'image_create',
    kind: 'body_schema',
  },
  {
    name: 'image-create-name-lowercased',
    description: `${D002}, name "Specifies the image name.": the answer's name is the requested name in lower case`,
    operation: 'image_create',
    kind: 'echo',
  },
  {
    name: 'image-create-default-disk-format-raw',
    description: `${D002}, disk_format "The default value is vhd.": an image created without disk_format gets raw`,
    operation: 'image_create',
    kind: 'defaults',
  },
  // GET / DELETE /v2/images/{image_id}
  {
    name: 'image-get-leaks-other-project',
    description: `${D002}, visibility "Specifies whether the image is available to other tenants. The value is private.": GET shows another project's image`,
    operation: 'image_get',
    kind: 'isolation',
  },
  {
    name: 'image-get-text-content-type',
    description:
      'ims-api_usage_guidelines.rst "Requests/Responses are transmitted using JSON messages, with the media type … Application/json": answers text/plain',
    operation: 'image_get',
    kind: 'content_type',
  },
  {
    name: 'image-delete-status-200',
    description:
      'ims-deleting_an_image_native_openstack_api.rst, Example response "STATUS CODE 204": answers 200 with a body',
    operation: 'image_delete',
    kind: 'status',
  },
  {
    name: 'image-delete-ignores-protected',
    description: `${D002}, protected "A protected image cannot be deleted.": a protected image is deleted (204)`,
    operation: 'image_delete',
    kind: 'status',
  },
  // GET /v1/{project_id}/jobs/{job_id}
  {
    name: 'job-never-ends',
    description: `${JOB}, Response, status "SUCCESS … FAIL …" and end_time: import jobs stay RUNNING forever`,
    operation: 'job_get',
    kind: 'async_job',
  },
  {
    name: 'job-success-without-image-id',
    description: `${JOB}, Table 2, image_id "returned only when the value of job_type is … imsImportImageJob / imsImportDataImageJob": SUCCESS without entities.image_id`,
    operation: 'job_get',
    kind: 'async_job',
  },
  {
    name: 'job-get-text-content-type',
    description:
      'ims-api_usage_guidelines.rst "… with the media type represented by Application/json": the job answers text/plain',
    operation: 'job_get',
    kind: 'content_type',
  },
  // EVS export and disk query
  {
    name: 'evs-export-ignores-force',
    description: `${DEVS}, force "If force is set to false and the disk is in the in-use state, the image cannot be forcibly exported.": an in-use disk is exported without force`,
    operation: 'volume_upload_image',
    kind: 'evs',
  },
  {
    name: 'evs-export-volume-stays-uploading',
    description: `${DEVS}, Function "The exported image will be displayed in the IMS private image list": the export never ends; the disk stays uploading and the image queued`,
    operation: 'volume_upload_image',
    kind: 'evs',
  },
  {
    name: 'evs-export-no-image-id',
    description: `${DEVS}, Parameters in the os-volume_upload_image field, image_id "Specifies the ID of the exported image.": absent`,
    operation: 'volume_upload_image',
    kind: 'evs',
  },
  {
    name: 'evs-export-other-revision-default',
    description: `${DEVS}, disk_format "The default value is vhd." (003) / "zvhd2" (004): the other revision's default is used`,
    operation: 'volume_upload_image',
    kind: 'defaults',
  },
  {
    name: 'evs-export-bare-error',
    description: `${DEVS}, Response, error "Specifies the error message returned when an error occurs": 400s are a bare {"message","code"} without the envelope key`,
    operation: 'volume_upload_image',
    kind: 'error_envelope',
  },
  // Deviations that refuse exactly the one value the suite's generators used to send for a violation kind and
  // accept its neighbours (issue 17): each is caught only because the suite now draws from the whole space.
  {
    name: 'dataimage-description-angle-brackets',
    description: `${D000}, Request parameters, description "Carriage returns and angle brackets (< >) are not allowed.": refuses \\r but accepts < and >`,
    operation: 'dataimage',
    kind: 'request_validation',
  },
  {
    name: 'dataimage-description-null',
    description: `${D000}, Request parameters, description "String": null is taken for an absent description (12345 is still refused)`,
    operation: 'dataimage',
    kind: 'request_validation',
  },
  {
    name: 'dataimage-name-trailing-space',
    description: `${ATTR}, name "cannot start or end with a space": refuses a leading space, accepts a trailing one`,
    operation: 'dataimage',
    kind: 'request_validation',
  },
  {
    name: 'quickimport-min-disk-negative',
    description: `${D001}, Request parameters, min_disk "The value ranges from 1 to 1024": refuses 0 (min-1) but accepts negative sizes`,
    operation: 'quickimport',
    kind: 'request_validation',
  },
  {
    name: 'image-create-disk-format-padded',
    description: `${D002}, Request parameters, disk_format "The value can be vhd, zvhd, raw, zvhd2, or qcow2.": the value is trimmed first, so "vhd " is accepted`,
    operation: 'image_create',
    kind: 'request_validation',
  },
  {
    name: 'image-create-extra-property-number',
    description: `${D002}, Request parameters, NOTE "Parameters in the request body are strings of no more than 255 characters": a number is accepted as an extra property (a string over 255 is still refused)`,
    operation: 'image_create',
    kind: 'request_validation',
  },
  {
    name: 'volume-get-size-string',
    description: 'evs-querying_details_about_a_disk.rst, Response parameters, size "Integer": size is a string',
    operation: 'volume_get',
    kind: 'body_schema',
  },
  // Issue 16: errata judged by their readings — a value wrong (or right) under every reading is not a warning.
  {
    name: 'image-create-name-256',
    description: `${D002}, name "The name contains 1 to 255 characters." and Image Attributes "1 to 128": a 256-character name (wrong under both readings) is accepted`,
    operation: 'image_create',
    kind: 'request_validation',
  },
  {
    name: 'quickimport-data-min-disk-1024-refused',
    description: `${D001}, data disk table, min_disk "The value ranges from 1 to 1024." and ${D000} "40 GB to 2048 GB": a data image with min_disk 1024 (valid under both readings) is refused`,
    operation: 'quickimport',
    kind: 'request_validation',
  },
  {
    name: 'quickimport-architecture-any-case',
    description: `${D001}, architecture "Available values include: x86, arm" and ims-error_codes.rst IMG.0212 "x86 or Arm": "ARM" (wrong under both readings) is accepted`,
    operation: 'quickimport',
    kind: 'request_validation',
  },
  // Issue 16: sentences that had no rule, or half of one.
  {
    name: 'image-create-owner-other-project',
    description: `${D002}, Response parameters, owner "Specifies the ID of the project to which the image belongs.": owner names another project`,
    operation: 'image_create',
    kind: 'isolation',
  },
  {
    name: 'image-create-local-time',
    description: `${D002}, Response parameters, created_at/updated_at "The value is in UTC format.": local time with a +08:00 offset`,
    operation: 'image_create',
    kind: 'body_schema',
  },
  {
    name: 'dataimage-job-type-system',
    description: `${JOB}, Response parameters, job_type "imsImportDataImageJob: Creating a data disk image from an external image file": a data image import reports imsImportImageJob`,
    operation: 'dataimage',
    kind: 'async_job',
  },
  {
    name: 'job-fail-without-error-code',
    description: `${JOB}, Response parameters, entities "If the status is abnormal, an error code and details will be returned.": FAIL jobs have no error_code nor fail_reason`,
    operation: 'job_get',
    kind: 'async_job',
  },
  {
    name: 'dataimage-missing-file-succeeds',
    description: `${D000}, image_url "Specifies the URL of the external image file in the OBS bucket.": an import of a file the bucket does not hold ends SUCCESS`,
    operation: 'dataimage',
    kind: 'async_job',
  },
  {
    name: 'quickimport-description-dropped',
    description: `${D001}, description "Provides supplementary information about the image."; ${ATTR}, __description: the quick-imported image has no description`,
    operation: 'quickimport',
    kind: 'echo',
  },
  {
    name: 'evs-export-size-bytes',
    description: `${DEVS}, Parameters in the os-volume_upload_image field, size "Specifies the disk size, in GB.": the disk size in bytes`,
    operation: 'volume_upload_image',
    kind: 'evs',
  },
  {
    name: 'evs-export-default-os-type-windows',
    description: `${DEVS}, __os_type "If this parameter is not specified, default value linux is used as the OS type of the image.": the image exported without __os_type is a Windows image`,
    operation: 'volume_upload_image',
    kind: 'defaults',
  },
  {
    name: 'image-create-os-bit-fixed',
    description: `${D002}, Response parameters, __os_bit "The value of this parameter depends on that of __os_version.": __os_bit is 32 whatever the version`,
    operation: 'image_create',
    kind: 'body_schema',
  },
  {
    name: 'image-create-platform-fixed',
    description: `${D002}, Response parameters, __platform "The value of this parameter depends on that of __os_version."; ims-values_of_related_parameters.rst, Table 1: __platform is Ubuntu (the example's) whatever the version`,
    operation: 'image_create',
    kind: 'body_schema',
  },
  // Issue 16, errata as readings: each breaks every reading of an erratum that used to only warn.
  {
    name: 'image-create-default-os-version-respelt',
    description: `${D002}, Request parameters, __os_version "If this parameter is not specified, the value will be set to Other Linux(64 bit).": an image created without __os_version answers "Other Linux 64bit" (neither that nor a Table 1 value)`,
    operation: 'image_create',
    kind: 'defaults',
  },
  {
    name: 'volume-get-volume-type-object',
    description:
      'evs-querying_details_about_a_disk.rst, Parameters in the volume field, volume_type "String … The value can be ESSD, GPSSD, SSD, SAS, or SATA." (the example: null): the disk answers the export\'s volume_type object',
    operation: 'volume_get',
    kind: 'body_schema',
  },
  {
    name: 'evs-export-error-null',
    description: `${DEVS}, Response, error "Object" (003: "String"): the 202 body carries "error": null, of neither type`,
    operation: 'volume_upload_image',
    kind: 'body_schema',
  },
  {
    name: 'evs-export-no-extra-specs',
    description: `${DEVS}, Parameters in the volume_type field, "extra_spec | Object" (the example: extra_specs): volume_type carries the disk type specifications under neither name`,
    operation: 'volume_upload_image',
    kind: 'body_schema',
  },
  {
    name: 'image-create-source-type-obs',
    description: `${D002}, Response parameters, __image_source_type "Only UDS is supported currently." (the example: "uds"): the 201 body says "obs"`,
    operation: 'image_create',
    kind: 'body_schema',
  },
  {
    name: 'volume-get-tenant-not-project',
    description: `evs-querying_details_about_a_disk.rst, Response parameters, os-vol-tenant-attr:tenant_id "The tenant ID is the same as the project ID.": the disk's tenant is another id than the project in the URI`,
    operation: 'volume_get',
    kind: 'echo',
  },
  {
    name: 'image-delete-any-project',
    description:
      'ims-deleting_an_image_native_openstack_api.rst, Function "You can only delete your own private images.": another project\'s token deletes the image',
    operation: 'image_delete',
    kind: 'isolation',
  },
  {
    name: 'image-create-answer-active',
    description: `${D002}, Response parameters, status "queued: indicates that the image metadata has already been created, and it is ready for the image file to upload.": the 201 of a metadata-only creation says active`,
    operation: 'image_create',
    kind: 'body_schema',
  },
  {
    name: 'evs-export-image-container-format-other',
    description: `${DEVS}, Parameters in the os-volume_upload_image field, container_format "Specifies the container type of the exported image." (default bare): the image IMS shows is ovf`,
    operation: 'volume_upload_image',
    kind: 'evs',
  },
  {
    name: 'quickimport-image-platform-other',
    description: `${D001}, os_version; ${D002}, __platform "The value of this parameter depends on that of __os_version."; Values of Related Parameters, Table 1: the quick-imported system image's __platform is Other whatever its os_version`,
    operation: 'quickimport',
    kind: 'async_job',
  },
  {
    name: 'quickimport-image-tags-untrimmed',
    description:
      'ims-image_tag_format.rst, Format of image_tags "If the first and last characters of the tag key and value are spaces, the system deletes the space by default.": the quick-imported image keeps the spaces',
    operation: 'quickimport',
    kind: 'async_job',
  },
  {
    name: 'evs-export-volume-type-other',
    description: `${DEVS}, Parameters in the os-volume_upload_image field, volume_type "Specifies the disk type information.": the 202 names another type (SSD) than the disk's (SAS)`,
    operation: 'volume_upload_image',
    kind: 'evs',
  },
  {
    name: 'evs-export-description-other',
    description: `${DEVS}, Parameters in the os-volume_upload_image field, display_description "Specifies the disk description.": the 202 carries a text that is not the disk's description`,
    operation: 'volume_upload_image',
    kind: 'evs',
  },
] as const satisfies readonly Deviation[];

export type DeviationName = (typeof DEVIATIONS)[number]['name'];

/** Every catalogue name, for config validation. */
export const DEVIATION_NAMES: ReadonlySet<string> = new Set(DEVIATIONS.map((d) => d.name));

/** True when the deviation is switched on (a Set lookup; the normal path pays nothing else). */
export function deviates(config: MockConfig, name: DeviationName): boolean {
  return config.deviations.size > 0 && config.deviations.has(name);
}
