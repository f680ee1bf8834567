import { findingFor } from './finding.js';
import { opIndex } from './op-index.js';
import type { RegisteredCheck } from './types.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

/** A response with a body is JSON, as every documented response and example is. */
export const contentTypeCheck: RegisteredCheck = {
  id: 'content_type',
  description: 'a response with a body has a JSON content type',
  covers: (ctx, x) => (x.response && x.response.text.length > 0 ? [`${ctx.op.id}.content_type`] : []),
  run(ctx, x) {
    const c = opIndex(ctx.op).contentType;
    const r = x.response;
    if (!c || !r || r.text.length === 0) {
      return [];
    }
    const type = r.headers['content-type'] ?? '(none)';
    if (JSON_TYPE.test(type) && r.json !== undefined) {
      return [];
    }
    return [
      findingFor(ctx, 'content_type', c, {
        title: JSON_TYPE.test(type) ? 'JSON content type but the body does not parse' : 'response is not JSON',
        received: `Content-Type: ${type}${r.parseError ? ` (${r.parseError})` : ''}`,
        documented: 'application/json',
      }),
    ];
  },
};
