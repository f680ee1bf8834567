import type { DocTable } from './doc-param.js';

/** 000_e6aba1037ae22d43.txt, "Request parameters" and "Response parameters". */
export const doc000: DocTable = {
  document: '000_e6aba1037ae22d43.txt',
  operation: 'ims.dataimage',
  rows: [
    { where: 'request', path: ['name'], mandatory: true, type: 'string', length: { min: 1, max: 128 } },
    { where: 'request', path: ['description'], mandatory: false, type: 'string', length: { max: 1024 } },
    { where: 'request', path: ['os_type'], mandatory: true, type: 'string', enum: ['Windows', 'Linux'] },
    { where: 'request', path: ['image_url'], mandatory: true, type: 'string' },
    { where: 'request', path: ['min_disk'], mandatory: true, type: 'integer', range: { min: 40, max: 2048 } },
    { where: 'request', path: ['cmk_id'], mandatory: false, type: 'string' },
    { where: 'request', path: ['tags'], mandatory: false, type: 'array' },
    { where: 'request', path: ['image_tags'], mandatory: false, type: 'array' },
    { where: 'response', status: '200', path: ['job_id'], mandatory: true, type: 'string' },
  ],
};
