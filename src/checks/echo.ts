import { valueAtPointer } from '../json/pointer.js';
import type { GeneratedCase } from '../model/case.js';
import type { Constraint } from '../model/compiled.js';
import type { Finding } from '../model/verdict.js';
import { findingFor, jsonValue } from './finding.js';
import { notJudged, unparsedBody } from './judged.js';
import { opIndex } from './op-index.js';
import type { RegisteredCheck } from './types.js';

/** Equal as documented values: arrays compare as sets (tag order is not documented), objects deeply. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const key = (v: unknown) => JSON.stringify(v);
    const sa = new Set(a.map(key));
    const sb = new Set(b.map(key));
    return sa.size === sb.size && [...sa].every((k) => sb.has(k));
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Pointer of a request field constraint's value (top-level path steps only). */
export function requestPointer(c: Constraint): string | undefined {
  return c.path.every((s) => 'key' in s) ? c.pointer : undefined;
}

function echoes(ctx: Parameters<RegisteredCheck['run']>[0]): readonly Constraint[] {
  return opIndex(ctx.op).echoes;
}

/** What the case sent for a request or path constraint's field. */
export function sentValue(c: Constraint, gcase: GeneratedCase): { present: boolean; value: unknown } {
  if (c.side === 'path') {
    const [step] = c.path;
    const value = step && 'key' in step ? gcase.pathParams[step.key] : undefined;
    return { present: value !== undefined, value };
  }
  const p = requestPointer(c);
  return p === undefined ? { present: false, value: undefined } : valueAtPointer(gcase.body, p);
}

/**
 * Values of a valid request come back in the synchronous response where the document says so (name, tags,
 * min_disk… of POST /v2/images; image_name of the EVS export).
 */
export const echoCheck: RegisteredCheck = {
  id: 'echo',
  description: 'request values are echoed where the document says they come back',
  covers(ctx, x, gcase) {
    if (gcase.expect !== 'accept' || x.response?.status !== ctx.op.spec.success || x.response.json === undefined) {
      return [];
    }
    return echoes(ctx)
      .filter((c) => sentValue(c, gcase).present)
      .map((c) => c.id);
  },
  run(ctx, x, gcase) {
    const r = x.response;
    if (gcase.expect !== 'accept' || !r || r.status !== ctx.op.spec.success) {
      return [];
    }
    const unparsed = unparsedBody(r);
    if (unparsed !== undefined) {
      return notJudged(
        ctx,
        'echo',
        echoes(ctx).filter((c) => sentValue(c, gcase).present),
        unparsed,
      );
    }
    const out: Finding[] = [];
    for (const c of echoes(ctx)) {
      const sent = sentValue(c, gcase);
      const echo = c.field?.echo;
      if (!sent.present || !echo) {
        continue;
      }
      const got = valueAtPointer(r.json, echo.pointer);
      if (!got.present || !sameValue(sent.value, got.value)) {
        out.push(
          findingFor(ctx, 'echo', c, {
            title: `${echo.pointer} does not echo the request`,
            received: got.present ? `${echo.pointer} = ${jsonValue(got.value)}` : `${echo.pointer} absent`,
            documented: `${echo.pointer} = ${jsonValue(sent.value)} (as sent at ${c.pointer})`,
            pointer: echo.pointer,
            // Another reading fixes the answer whatever was sent (002's response table: protected "The value is
            // false."): that value is disputed, any other is wrong under every reading.
            disputed:
              got.present && (c.readings ?? []).some((x) => x.value !== undefined && sameValue(x.value, got.value)),
          }),
        );
      }
    }
    return out;
  },
};
