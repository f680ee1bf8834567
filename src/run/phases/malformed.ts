import type { GeneratedCase } from '../../model/case.js';
import type { Phase } from './phase.js';
import { firstValidCase, runCase } from './send.js';

const MALFORMED = [
  { name: 'malformed JSON → 400', raw: '{"name": ', contentType: 'application/json' },
  { name: 'JSON array instead of an object → 400', raw: '[]', contentType: 'application/json' },
  // A valid JSON body under another content type: only the content type is wrong, so a service that ignores
  // Content-Type is told apart from one that refuses malformed JSON.
  { name: 'wrong content type → 4xx', raw: undefined, contentType: 'text/plain' },
] as const;

/** Bodies that are not the documented JSON object: malformed JSON, an array, another content type. */
export const malformedPhase: Phase = {
  name: 'malformed bodies',
  needsFixture: true,
  applies: ({ op, selectedHere }) =>
    op.spec.request !== undefined && op.spec.method !== 'GET' && selectedHere(`${op.id}.status`),
  cases: () =>
    MALFORMED.map(({ name, raw, contentType }) => ({
      name,
      async run({ run, op, options, sink }) {
        const base = firstValidCase(run, op);
        const text = raw ?? JSON.stringify(base.body ?? {});
        const gcase: GeneratedCase = {
          ...base,
          expect: 'reject',
          label:
            raw === undefined
              ? `the valid JSON body as ${contentType}`
              : `body ${JSON.stringify(raw)} as ${contentType}`,
        };
        await runCase(run, op, gcase, `${op.id}:malformed:${raw ?? contentType}`, options.seed, sink, {
          body: { raw: text, contentType },
        });
      },
    })),
};
