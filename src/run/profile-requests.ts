/**
 * Requests that keep to what both services document, under a profile's `requests` (profiles/<name>.yaml): a body
 * field outside the profile's value list takes its first listed value, and an operation the other service takes
 * without a body is sent without one, except in a case about that field (or about a body field), whose outcome
 * the profile reports as `differs`. What changed is added to the case's label, so no report hides it.
 */
import type { GeneratedCase } from '../model/case.js';
import type { CompiledOperation, Constraint } from '../model/compiled.js';
import type { ProfileRequests } from '../spec/profile.js';

/** The case as the profile sends it (the same object when nothing changes). */
export function shapeCase(
  op: CompiledOperation,
  gcase: GeneratedCase,
  requests: ProfileRequests | undefined,
  profile: string,
): GeneratedCase {
  if (requests === undefined || gcase.body === undefined) {
    return gcase;
  }
  const about = gcase.constraintId === undefined ? undefined : op.constraints.find((c) => c.id === gcase.constraintId);
  if (requests.body === 'none') {
    if (about?.side === 'request') {
      return gcase;
    }
    const { body: _dropped, ...rest } = gcase;
    return { ...rest, label: `${gcase.label} (sent without a body: profile ${profile})` };
  }
  const body = gcase.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return gcase;
  }
  const shaped: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  const notes: string[] = [];
  for (const [field, allowed] of Object.entries(requests.values)) {
    if (!Object.hasOwn(shaped, field) || isAbout(about, field)) {
      continue;
    }
    const value = shaped[field];
    if (!allowed.some((a) => JSON.stringify(a) === JSON.stringify(value))) {
      shaped[field] = allowed[0];
      notes.push(`/${field} ${JSON.stringify(value)} → ${JSON.stringify(allowed[0])}`);
    }
  }
  if (notes.length === 0) {
    return gcase;
  }
  return { ...gcase, body: shaped, label: `${gcase.label} (${notes.join(', ')}: profile ${profile})` };
}

/** Whether the case's constraint is about the top-level body field `field`. */
function isAbout(about: Constraint | undefined, field: string): boolean {
  const first = about?.path[0];
  return about?.side === 'request' && first !== undefined && 'key' in first && first.key === field;
}
