import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeferredEffects } from './store.js';

describe('DeferredEffects', () => {
  it('applies only what is due, in due order, ties in the order added', () => {
    const effects = new DeferredEffects();
    const ran: string[] = [];
    effects.at(30, () => ran.push('c'));
    effects.at(10, () => ran.push('a1'));
    effects.at(Number.POSITIVE_INFINITY, () => ran.push('never'));
    effects.at(10, () => ran.push('a2'));
    effects.at(20, () => ran.push('b'));
    effects.settle(5);
    expect(ran).toEqual([]);
    effects.settle(20);
    expect(ran).toEqual(['a1', 'a2', 'b']);
    effects.settle(1e12);
    expect(ran).toEqual(['a1', 'a2', 'b', 'c']);
  });

  it('runs any schedule as a stable sort by due time would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 20 }),
        (dues, cut) => {
          const effects = new DeferredEffects();
          const ran: number[] = [];
          for (const [i, due] of dues.entries()) {
            effects.at(due, () => {
              ran.push(i);
            });
          }
          effects.settle(cut);
          const expected = dues
            .map((due, i) => ({ due, i }))
            .filter((d) => d.due <= cut)
            .sort((a, b) => a.due - b.due || a.i - b.i)
            .map((d) => d.i);
          expect(ran).toEqual(expected);
          effects.settle(20);
          expect([...ran].sort((a, b) => a - b)).toEqual(dues.map((_, i) => i));
        },
      ),
    );
  });
});
