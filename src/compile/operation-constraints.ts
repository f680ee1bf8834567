import type { Constraint, ViolationKind } from '../model/compiled.js';
import type { OperationSpec, ResponseSpec, RuleSpec } from '../model/spec.js';
import { type ConstraintMap, type ConstraintWalk, keySegment, walkField } from './constraints.js';

function ruleViolations(rule: RuleSpec): ViolationKind[] {
  if (rule.kind === 'exclusive') {
    return ['exclusive_both'];
  }
  return rule.when && (rule.then?.required?.length || rule.then?.forbidden?.length) ? ['condition_broken'] : [];
}

function ruleConstraint(spec: OperationSpec, rule: RuleSpec): Constraint {
  const executable = ruleViolations(rule).length > 0;
  const description =
    rule.kind === 'exclusive'
      ? `at most one of ${rule.fields?.join(', ')}`
      : (rule.description ??
        `when ${rule.when?.pointer} is ${rule.when?.in.join('/')}: ${[
          rule.then?.required?.length ? `requires ${rule.then.required.join(', ')}` : '',
          rule.then?.forbidden?.length ? `forbids ${rule.then.forbidden.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('; ')}`);
  return {
    id: rule.id,
    operationId: spec.id,
    kind: rule.kind,
    side: 'request',
    path: [],
    pointer: '',
    citation: { ...rule.cite, doc: rule.cite.doc ?? spec.document },
    description,
    rule,
    violations: ruleViolations(rule),
    ...(rule.erratum ? { erratum: rule.erratum } : {}),
    ...(executable
      ? {}
      : rule.checkedBy === 'flow'
        ? { checkedBy: 'flow' as const }
        : {
            notChecked:
              'the rule depends on facts the request does not carry (e.g. the image file behind image_url); ' +
              'no request-level check can decide it',
          }),
  };
}

/** The documented success status entry, or the first response, for citations of operation-level constraints. */
function successEntry(spec: OperationSpec): ResponseSpec | undefined {
  return spec.responses[String(spec.success)] ?? Object.values(spec.responses)[0];
}

/** Constraints about the exchange as a whole: status, content type, error envelope, authentication. */
function exchangeConstraints(spec: OperationSpec): Constraint[] {
  const ok = successEntry(spec);
  const errors = Object.entries(spec.responses).find(([, r]) => r.envelope);
  const auth = spec.responses['401'];
  const out: Constraint[] = [];
  const make = (suffix: string, kind: Constraint['kind'], description: string, r: ResponseSpec | undefined) => {
    if (!r) {
      return;
    }
    out.push({
      id: `${spec.id}.${suffix}`,
      operationId: spec.id,
      kind,
      side: 'exchange',
      path: [],
      pointer: '',
      citation: { ...r.cite, doc: r.cite.doc ?? spec.document },
      description,
      violations: [],
      ...(r.erratum ? { erratum: r.erratum } : {}),
    });
  };
  make('status', 'status', `answers a valid request with ${spec.success}, an invalid one with 400, never 5xx`, ok);
  make('content_type', 'content_type', 'answers with a JSON content type', ok);
  if (errors) {
    // One envelope constraint for every error status: an erratum of one status (the spelling of one error key on
    // 400) is not the envelope's; the check applies each status's own erratum where that status is met.
    const { erratum: _one, ...envelope } = errors[1];
    make('envelope', 'envelope', `errors carry the ${errors[1].envelope} envelope`, envelope);
  }
  make('auth', 'auth', 'refuses a request without a valid token with 401', auth);
  if (Object.keys(spec.pathParams ?? {}).length > 0) {
    make(
      'not_found',
      'status',
      'answers 404 with the error envelope for an id that does not exist',
      spec.responses['404'],
    );
  }
  return out;
}

/**
 * The constraint list of an operation: one entry per documented constraint, ids derived from the field paths
 * (`<spec id>.<field path>.<kind>`), rules with their own ids, response fields under `response.<status>`.
 */
export function compileConstraints(spec: OperationSpec): Constraint[] {
  const out: ConstraintMap = new Map();
  const base = { spec, segments: [] as string[], path: [] };
  for (const [name, param] of Object.entries(spec.pathParams ?? {})) {
    walkField(out, { ...base, side: 'path', segments: ['path', keySegment(name)], path: [{ key: name }] }, param);
  }
  // A path segment has no JSON type and cannot be absent (another path is another route): what the documents
  // say of path parameters is checked as `<op>.not_found` (an id that does not exist) and by echo blocks.
  for (const [id, c] of out) {
    if (c.side === 'path' && (c.kind === 'type' || c.kind === 'required')) {
      out.delete(id);
    }
  }
  const request = spec.request;
  if (request) {
    const w: ConstraintWalk = { ...base, side: 'request' };
    for (const [name, field] of Object.entries(request.fields)) {
      walkField(out, { ...w, segments: [keySegment(name)], path: [{ key: name }] }, field);
    }
    for (const [variant, v] of Object.entries(request.variants ?? {})) {
      for (const [name, field] of Object.entries(v.fields)) {
        walkField(out, { ...w, variants: [variant], segments: [keySegment(name)], path: [{ key: name }] }, field);
      }
    }
    if (request.additional !== undefined && request.additional !== 'allow') {
      const root = { type: 'object' as const, cite: successEntry(spec)?.cite ?? { section: '', quote: '' } };
      walkField(out, w, { ...root, additional: request.additional });
      out.delete(`${spec.id}.type`);
    }
  }
  for (const [status, response] of Object.entries(spec.responses)) {
    if (response.body) {
      const w: ConstraintWalk = { ...base, side: 'response', segments: ['response', status], status: Number(status) };
      walkField(out, w, response.body);
    }
  }
  return [...out.values(), ...(request?.rules ?? []).map((r) => ruleConstraint(spec, r)), ...exchangeConstraints(spec)];
}
