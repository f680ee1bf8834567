import { describe, expect, test } from 'vitest';
import { uniqueTestNames } from './test-names.js';

describe('uniqueTestNames', () => {
  test('a repeated name gets its ordinal; the first and the unique ones stay as they are', () => {
    const names = uniqueTestNames([{ name: 'a' }, { name: 'b' }, { name: 'a' }, { name: 'a' }]).map((e) => e.name);
    expect(names).toEqual(['a', 'b', 'a (2)', 'a (3)']);
  });
});
