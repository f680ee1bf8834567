import { expect, test } from 'vitest';
import { evsTime, isoMillis, isoSeconds } from './time.js';

test.for([
  [Date.UTC(2016, 5, 2, 7, 49, 48, 999), '2016-06-02T07:49:48Z'],
  [Date.UTC(2016, 5, 2, 7, 49, 49, 0), '2016-06-02T07:49:49Z'],
  [Date.UTC(2016, 5, 2, 7, 49, 48, 0), '2016-06-02T07:49:48Z'],
  [-1, '1969-12-31T23:59:59Z'],
] as const)('isoSeconds(%s) = %s, also after other seconds were formatted (cache)', ([ms, text]) => {
  isoSeconds(0);
  expect(isoSeconds(ms)).toBe(text);
  expect(isoSeconds(ms)).toBe(text);
});

test('isoMillis and evsTime', () => {
  const ms = Date.UTC(2024, 10, 6, 6, 19, 43, 195);
  expect(isoMillis(ms)).toBe('2024-11-06T06:19:43.195Z');
  expect(evsTime(ms)).toBe('2024-11-06T06:19:43.195000');
});
