import { type KindModule, NOTHING } from './kind.js';

/** `echo`: the value comes back in a documented response or resource field (judged by the echo check). */
export const echoKind: KindModule = {
  ...NOTHING,
  describe: (field) => `echoed at ${field.echo?.in} ${field.echo?.pointer}`,
};
