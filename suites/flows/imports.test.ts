/**
 * Stateful flows of the two import operations (000, 001): request → job → image with what was asked.
 * @see ../../src/run/flows/imports.ts
 */
import { importFlow } from '../../src/run/flows/imports.js';
import { defineFlows } from '../../src/run/flows/suite.js';

defineFlows('flows: image import jobs', [
  {
    name: 'data image import → job SUCCESS → image has the requested properties',
    creates: ['ims.dataimage'],
    needs: ['obs.dataimage'],
    constraints: [
      'ims.dataimage.job.success',
      'ims.dataimage.job.type',
      'ims.dataimage.image.virtual_env_type',
      'ims.dataimage.image.image_tags',
    ],
    run: async (run, log) => {
      await importFlow(run, log, {
        operationId: 'ims.dataimage',
        caseId: 'flow:dataimage',
        expectJob: 'SUCCESS',
        body: {
          name: `${run.namePrefix}flow-dataimage`,
          description: 'ims-conformance data image flow',
          image_url: run.fixtures['obs.dataimage'] ?? 'missing-fixture:obs.dataimage',
          min_disk: 40,
          os_type: 'Linux',
          image_tags: [{ key: 'imsc', value: 'flow' }],
        },
      });
    },
  },
  {
    // The other side of "Use either tags or image_tags": the `key.value` tags come back on the image as sent.
    name: 'data image import with tags → job SUCCESS → image carries the tags',
    creates: ['ims.dataimage'],
    needs: ['obs.dataimage'],
    constraints: ['ims.dataimage.job.success', 'ims.dataimage.tags.echo'],
    run: async (run, log) => {
      await importFlow(run, log, {
        operationId: 'ims.dataimage',
        caseId: 'flow:dataimage-tags',
        expectJob: 'SUCCESS',
        body: {
          name: `${run.namePrefix}flow-dataimage-tags`,
          image_url: run.fixtures['obs.dataimage'] ?? 'missing-fixture:obs.dataimage',
          min_disk: 40,
          os_type: 'Windows',
          tags: ['imsc.flow', 'k2.'],
        },
      });
    },
  },
  {
    name: 'quick import of a system disk image → job SUCCESS → image has the requested properties',
    creates: ['ims.quickimport'],
    needs: ['obs.system'],
    constraints: [
      'ims.quickimport.job.success',
      'ims.quickimport.job.type',
      'ims.quickimport.image.virtual_env_type',
      'ims.quickimport.architecture.uefi',
      'ims.quickimport.description.echo',
      'ims.quickimport.image.os_depends',
    ],
    run: async (run, log) => {
      await importFlow(run, log, {
        operationId: 'ims.quickimport',
        variant: 'system',
        caseId: 'flow:quickimport:system',
        expectJob: 'SUCCESS',
        body: {
          name: `${run.namePrefix}flow-quick-system`,
          description: 'ims-conformance quick import flow',
          image_url: run.fixtures['obs.system'] ?? 'missing-fixture:obs.system',
          // 001: "must be greater than the size of the selected image file" (the fixture file is below 40 GB).
          min_disk: 40,
          os_version: 'CentOS 7.0 64bit',
          architecture: 'arm',
          tags: ['imsc.flow'],
        },
      });
    },
  },
  {
    name: 'quick import of a system disk image without architecture (x86 default)',
    creates: ['ims.quickimport'],
    needs: ['obs.system'],
    constraints: ['ims.quickimport.job.success'],
    run: async (run, log) => {
      await importFlow(run, log, {
        operationId: 'ims.quickimport',
        variant: 'system',
        caseId: 'flow:quickimport:system-default-arch',
        expectJob: 'SUCCESS',
        body: {
          name: `${run.namePrefix}flow-quick-x86`,
          image_url: run.fixtures['obs.system'] ?? 'missing-fixture:obs.system',
          min_disk: 40,
          os_version: 'CentOS 7.0 64bit',
        },
      });
    },
  },
  {
    name: 'quick import of a data disk image → job SUCCESS → image has the requested properties',
    creates: ['ims.quickimport'],
    needs: ['obs.data'],
    constraints: [
      'ims.quickimport.job.success',
      'ims.quickimport.image.virtual_env_type',
      'ims.quickimport.image.image_tags',
    ],
    run: async (run, log) => {
      await importFlow(run, log, {
        operationId: 'ims.quickimport',
        variant: 'data',
        caseId: 'flow:quickimport:data',
        expectJob: 'SUCCESS',
        body: {
          name: `${run.namePrefix}flow-quick-data`,
          image_url: run.fixtures['obs.data'] ?? 'missing-fixture:obs.data',
          min_disk: 40,
          type: 'DataImage',
          os_type: 'Linux',
          // Format of image_tags: spaces around a key and a value are deleted (the image shows imsc_pad.v).
          image_tags: [
            { key: 'imsc', value: 'flow' },
            { key: ' imsc_pad ', value: ' v ' },
          ],
        },
      });
    },
  },
  {
    name: 'quick import of a file that does not exist → job FAIL',
    creates: ['ims.quickimport'],
    needs: ['obs.missing'],
    constraints: ['ims.quickimport.image_url.file_missing', 'ims.quickimport.job.fail_details'],
    run: async (run, log) => {
      await importFlow(run, log, {
        operationId: 'ims.quickimport',
        variant: 'system',
        caseId: 'flow:quickimport:missing',
        expectJob: 'FAIL',
        body: {
          name: `${run.namePrefix}flow-quick-missing`,
          image_url: run.fixtures['obs.missing'] ?? 'missing-fixture:obs.missing',
          min_disk: 40,
          os_version: 'CentOS 7.0 64bit',
        },
      });
    },
  },
  {
    // The twin of the quick-import case: 000 imports "a data disk image file uploaded to the OBS bucket".
    name: 'data image import of a file that does not exist → job FAIL',
    creates: ['ims.dataimage'],
    needs: ['obs.missing'],
    constraints: ['ims.dataimage.image_url.file_missing', 'ims.dataimage.job.fail_details'],
    run: async (run, log) => {
      await importFlow(run, log, {
        operationId: 'ims.dataimage',
        caseId: 'flow:dataimage:missing',
        expectJob: 'FAIL',
        body: {
          name: `${run.namePrefix}flow-data-missing`,
          image_url: run.fixtures['obs.missing'] ?? 'missing-fixture:obs.missing',
          min_disk: 40,
          os_type: 'Linux',
        },
      });
    },
  },
]);
