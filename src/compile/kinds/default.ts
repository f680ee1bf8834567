import { type KindModule, NOTHING } from './kind.js';

/** `default`: the value the service takes when the field is absent (judged by the defaults check). */
export const defaultKind: KindModule = {
  ...NOTHING,
  describe: (field) => `defaults to ${JSON.stringify(field.default?.value)}`,
};
