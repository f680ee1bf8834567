import { isPlainObject } from '../json/value.js';
import type { EnvelopeSpec } from '../model/spec.js';
import { findingFor, shortJson } from './finding.js';
import { opIndex } from './op-index.js';
import type { RegisteredCheck } from './types.js';

/** The `code` inside an error envelope (`{error:{code}}`, `{badRequest:{code}}`…). */
export function errorCodeOf(body: unknown): string | undefined {
  if (!isPlainObject(body)) {
    return undefined;
  }
  const inner = Object.values(body)[0];
  return isPlainObject(inner) && typeof inner.code === 'string' ? inner.code : undefined;
}

/**
 * Strict profile only: the error code of a refused request is one the service's error-code page documents,
 * with the documented status. The default profile leaves codes alone (the seeds name no code per constraint).
 * @see docs/reference/ims-error_codes.rst, evs-error_codes.rst
 */
export function errorCodeCheck(envelopes: (name: string) => EnvelopeSpec | undefined): RegisteredCheck {
  return {
    id: 'error_code',
    description: 'strict: the error code is a documented one with its documented status',
    covers: (ctx, x) => (ctx.strict && x.response && x.response.status >= 400 ? [`${ctx.op.id}.envelope`] : []),
    run(ctx, x) {
      const r = x.response;
      const c = opIndex(ctx.op).envelope;
      const name = r ? ctx.op.spec.responses[String(r.status)]?.envelope : undefined;
      const codes = name ? envelopes(name)?.codes : undefined;
      if (!ctx.strict || !r || !c || !codes) {
        return [];
      }
      const code = errorCodeOf(r.json);
      const documented = code ? codes[code] : undefined;
      if (documented && documented.status === r.status) {
        return [];
      }
      return [
        findingFor(ctx, 'error_code', c, {
          title: documented ? 'error code documented with another status' : 'error code not documented',
          received: `${r.status} ${shortJson(r.json)}`,
          documented: documented
            ? `${code} with status ${documented.status}`
            : `one of the ${Object.keys(codes).length} codes of the ${name} page`,
        }),
      ];
    },
  };
}
