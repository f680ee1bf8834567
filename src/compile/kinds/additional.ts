import { type KindModule, NOTHING } from './kind.js';

/** `additional`: what undocumented properties of an object may be (the object schema's additionalProperties). */
export const additionalKind: KindModule = {
  ...NOTHING,
  violations: () => ['extra_property'],
  describe: (field) =>
    field.additional === 'forbid' ? 'no other properties' : 'other properties follow the documented rule',
};
