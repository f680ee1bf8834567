import type { ErrorObject } from 'ajv';
import { compileSchema } from '../compile/ajv.js';
import { evaluateResponse } from '../compile/evaluate.js';
import { judgeUnderReadings } from '../compile/readings.js';
import { escapeSegment, valueAtPointer } from '../json/pointer.js';
import type { Finding } from '../model/verdict.js';
import { findingFor, shortJson } from './finding.js';
import { judgesResponseConstraint, notJudged, unparsedBody } from './judged.js';
import { opIndex } from './op-index.js';
import type { CheckContext, RegisteredCheck } from './types.js';

/** ajv's errors as `pointer: message (keyword)` lines (STYLE.md §3.3), pointers kept as ajv gives them. */
export function ajvLines(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const extra =
      e.keyword === 'required' ? ` ${JSON.stringify((e.params as { missingProperty?: string }).missingProperty)}` : '';
    return `${e.instancePath || '/'}: ${e.message ?? 'is invalid'}${extra} (${e.keyword})`;
  });
}

function envelopeFindings(ctx: CheckContext, status: number, body: unknown, lines: string[]): Finding[] {
  const c = opIndex(ctx.op).envelope;
  if (!c) {
    return [];
  }
  const response = ctx.op.spec.responses[String(status)];
  const envelope = response?.envelope ?? 'error';
  // The erratum of the status met, and only that one (specs: an erratum sits on the response its page concerns).
  const charged = response?.erratum ? { ...c, erratum: response.erratum } : c;
  return [
    findingFor(ctx, 'body_schema', charged, {
      title: `error body is not the ${envelope} envelope`,
      received: `${status} ${shortJson(body)} — ${lines.join('; ')}`,
      documented: `the ${envelope} envelope`,
    }),
  ];
}

/** An error envelope no sentence documents for this status (IMS 401/403/404/5xx): a strict-profile option. */
function strictOnly(ctx: CheckContext, status: number): boolean {
  return ctx.op.spec.responses[String(status)]?.envelopeStrict === true && !ctx.strict;
}

/** The response constraints of a status the body-schema check is about (the envelope of an error status). */
function constraintsOfStatus(ctx: CheckContext, status: number) {
  const index = opIndex(ctx.op);
  if (ctx.op.spec.responses[String(status)]?.envelope) {
    return index.envelope ? [index.envelope] : [];
  }
  return (index.responseCovers.get(status) ?? []).flatMap((id) => {
    const c = index.byId.get(id);
    return c ? [c] : [];
  });
}

/**
 * The response body validates against the documented schema of its status (ajv, all errors, JSON pointers);
 * each broken response constraint becomes its own finding, so a missing field and a wrong type are two rows.
 * A body that did not parse judges nothing: its constraints get `not_checked` findings with the reason (the
 * content-type check reports the body itself), and a constraint on a field whose object the body lacks is not
 * counted as judged.
 */
export const bodySchemaCheck: RegisteredCheck = {
  id: 'body_schema',
  description: 'the response body validates against the documented schema of its status',
  covers(ctx, x) {
    const r = x.response;
    if (r === undefined || r.json === undefined || !ctx.op.responseSchemas.has(r.status) || strictOnly(ctx, r.status)) {
      return [];
    }
    const body = r.json;
    return constraintsOfStatus(ctx, r.status)
      .filter((c) => c.side !== 'response' || judgesResponseConstraint(c, body))
      .map((c) => c.id);
  },
  run(ctx, x) {
    const r = x.response;
    const schema = r ? ctx.op.responseSchemas.get(r.status) : undefined;
    if (!r || !schema || strictOnly(ctx, r.status)) {
      return [];
    }
    const unparsed = unparsedBody(r);
    if (unparsed !== undefined) {
      return notJudged(ctx, 'body_schema', constraintsOfStatus(ctx, r.status), unparsed);
    }
    const validate = compileSchema(schema);
    if (validate(r.json)) {
      return [];
    }
    const lines = ajvLines(validate.errors);
    if (ctx.op.spec.responses[String(r.status)]?.envelope) {
      return envelopeFindings(ctx, r.status, r.json, lines);
    }
    const violations = evaluateResponse(ctx.op.spec, ctx.op.constraints, r.status, r.json);
    const byId = opIndex(ctx.op).byId;
    const out: Finding[] = [];
    for (const v of violations) {
      const c = byId.get(v.constraintId);
      if (!c) {
        continue;
      }
      const related = lines.filter((l) => l.startsWith(`${v.pointer}:`) || l.startsWith(`${v.pointer}/`));
      // Under an erratum with readings, only a value another reading allows is disputed (a warning).
      const at = c.readings ? valueAtPointer(r.json, v.pointer) : undefined;
      // A reading may name the field otherwise (extra_spec for extra_specs): its sibling is looked up in the parent.
      const parent = v.pointer.slice(0, v.pointer.lastIndexOf('/'));
      const sibling = (key: string) => valueAtPointer(r.json, `${parent}/${escapeSegment(key)}`);
      const disputed =
        at !== undefined && judgeUnderReadings(c, at.value, { present: at.present, sibling }) === 'disputed';
      out.push(
        findingFor(ctx, 'body_schema', c, {
          title: `response ${v.pointer || '/'} ${c.kind === 'required' ? 'is missing' : `breaks ${c.kind}`}`,
          received: `${v.pointer || '/'}: ${v.message}${related.length ? ` — ${related.join('; ')}` : ''}`,
          documented: c.description,
          pointer: v.pointer,
          disputed,
        }),
      );
    }
    if (out.length === 0) {
      // ajv saw something the per-constraint evaluation cannot name: charge the body type of that status.
      const c = byId.get(`${ctx.op.id}.response.${r.status}.type`) ?? byId.get(`${ctx.op.id}.status`);
      if (c) {
        out.push(
          findingFor(ctx, 'body_schema', c, {
            title: 'response body breaks its schema',
            received: lines.join('; '),
            documented: `the documented ${r.status} body`,
          }),
        );
      }
    }
    return out;
  },
};
