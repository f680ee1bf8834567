/**
 * Stateful flows of the EVS export (003/004): the image in IMS, the disk afterwards, force, another project.
 * @see ../../src/run/flows/export.ts
 */
import { exportFlow, forceFlow, otherProjectExportFlow } from '../../src/run/flows/export.js';
import { defineFlows } from '../../src/run/flows/suite.js';

defineFlows('flows: export a disk as an image', [
  {
    name: 'export an available disk → 202 echoes name, default disk_format, the disk size → image in IMS, usable, linux',
    creates: ['evs.uploadimage'],
    needs: ['volumes.flow'],
    constraints: [
      'evs.uploadimage.image.in_ims',
      'evs.uploadimage.image.usable',
      'evs.uploadimage.size.disk',
      'evs.uploadimage.volume_type.disk',
      'evs.uploadimage.display_description.disk',
      'evs.uploadimage.os_volume_upload_image.__os_type.default',
    ],
    run: exportFlow,
  },
  {
    name: 'an in-use disk: refused without force (400), accepted with force: true (202)',
    creates: ['evs.uploadimage'],
    needs: ['volumes.in_use'],
    constraints: ['evs.uploadimage.force.in_use'],
    run: forceFlow,
  },
  {
    name: "another project's disk is not found (404)",
    creates: ['evs.uploadimage'],
    needs: ['other.volume'],
    constraints: ['evs.uploadimage.volume.other_project'],
    run: otherProjectExportFlow,
  },
]);
