import { type KindModule, NOTHING } from './kind.js';

/** `required`: the field is present (the object schema's `required` list; checked where the key is looked up). */
export const requiredKind: KindModule = {
  ...NOTHING,
  violations: () => ['missing_required'],
  describe: () => 'present (mandatory)',
};
