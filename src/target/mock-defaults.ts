/**
 * The embedded mock's built-in project, credentials and fixtures: one place, used by
 * local-mock.ts and by tests. (The mock itself may only import src/model, so it keeps its own copy
 * of these values; a test comparing the two belongs with the mock.)
 */

export const MOCK_PROJECT_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const MOCK_TOKEN = 'mock-token-project-a';

export const MOCK_FIXTURES = {
  obs: {
    system: 'ims-image:centos70.zvhd2',
    data: 'ims-image:datadisk.raw',
    dataimage: 'image-test:fedora_data1.qcow2',
    missing: 'ims-image:no-such-file.raw',
  },
  volumes: {
    available: '5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e01',
    inUse: '5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e02',
    flow: '5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e04',
  },
  otherProject: {
    projectId: 'b1b2c3d4e5f60718293a4b5c6d7e8f90',
    token: 'mock-token-project-b',
    volume: '6d9f4b63-7a1f-4c9b-8e5d-1b2c3d4e5f01',
  },
} as const;
