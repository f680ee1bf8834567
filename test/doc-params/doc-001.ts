import type { DocTable } from './doc-param.js';

/**
 * 001_39f30023824dbbb4.txt: the system-disk table (variant `system`), the data-disk table (variant `data`) and
 * "Response parameters". Rows both tables share are common fields; `type` is the variant discriminator.
 */
export const doc001: DocTable = {
  document: '001_39f30023824dbbb4.txt',
  operation: 'ims.quickimport',
  rows: [
    { where: 'request', path: ['name'], mandatory: true, type: 'string', length: { min: 1, max: 128 } },
    { where: 'request', path: ['description'], mandatory: false, type: 'string', length: { max: 1024 } },
    { where: 'request', variant: 'system', path: ['os_version'], mandatory: true, type: 'string' },
    { where: 'request', path: ['image_url'], mandatory: true, type: 'string' },
    { where: 'request', path: ['min_disk'], mandatory: true, type: 'integer', range: { min: 1, max: 1024 } },
    { where: 'request', path: ['tags'], mandatory: false, type: 'array' },
    { where: 'request', path: ['image_tags'], mandatory: false, type: 'array' },
    { where: 'request', path: ['type'], mandatory: false, type: 'string', default: 'ECS' },
    {
      where: 'request',
      variant: 'system',
      path: ['architecture'],
      mandatory: false,
      type: 'string',
      enum: ['x86', 'arm'],
      default: 'x86',
    },
    {
      where: 'request',
      variant: 'data',
      path: ['os_type'],
      mandatory: true,
      type: 'string',
      enum: ['Linux', 'Windows'],
    },
    { where: 'response', status: '200', path: ['job_id'], mandatory: true, type: 'string' },
  ],
};
