import { defineOperationSuite } from '../../src/run/operation-suite.js';

defineOperationSuite('ims.imagedelete');
