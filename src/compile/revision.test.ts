import { describe, expect, test } from 'vitest';
import type { OperationSpec } from '../model/spec.js';
import { compiledSpecs } from '../run/specs.js';
import { documentedRevisions } from './revision.js';

describe('documented revisions', () => {
  test('read from the specs: the EVS export documents 003 and 004, 004 marked default', () => {
    const specs = compiledSpecs().loaded.operations.map((o) => o.spec);
    expect(documentedRevisions(specs)).toEqual({ all: ['003', '004'], default: '004' });
  });

  test('a revision added to a spec is offered; without a default mark the last one is used', () => {
    const spec = (revisions: OperationSpec['revisions']) => ({ id: 'x', revisions }) as unknown as OperationSpec;
    const doc = { document: 'd.txt', description: '' };
    expect(documentedRevisions([spec({ '003': doc, '005': doc }), spec(undefined)])).toEqual({
      all: ['003', '005'],
      default: '005',
    });
  });
});
