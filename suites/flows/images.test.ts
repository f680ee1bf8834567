/**
 * Stateful flow of native image metadata (002 and the GET/DELETE reference pages).
 * @see ../../src/run/flows/metadata.ts
 */
import { imageMetadataFlow, protectedImageFlow } from '../../src/run/flows/metadata.js';
import { defineFlows } from '../../src/run/flows/suite.js';

defineFlows('flows: image metadata', [
  {
    name: 'create image metadata → GET shows the same values, queued → other project 404, its DELETE refused → DELETE → GET 404',
    creates: ['ims.imagecreate'],
    constraints: [
      'ims.imagecreate.image.readable',
      'ims.imagecreate.owner.project',
      'ims.imagecreate.os.depends',
      'ims.imagecreate.image.private',
      'ims.imagedelete.own_images_only',
      'ims.imagedelete.image.gone',
    ],
    run: imageMetadataFlow,
  },
  {
    name: 'a protected image cannot be deleted (DELETE refused, GET still shows it)',
    creates: ['ims.imagecreate'],
    constraints: ['ims.imagedelete.protected'],
    run: protectedImageFlow,
  },
]);
