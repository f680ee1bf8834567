import { defineOperationSuite } from '../../src/run/operation-suite.js';

defineOperationSuite('evs.uploadimage');
