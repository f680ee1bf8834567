import { describe, expect, test } from 'vitest';
import { scrubSecrets } from './scrub-secrets.js';

describe('scrubSecrets', () => {
  test.for([
    { name: 'every occurrence', text: 'tok abc and abc', secrets: ['abc'], want: 'tok *** and ***' },
    { name: 'longest first', text: 'key=AKSECRET', secrets: ['SECRET', 'AKSECRET'], want: 'key=***' },
    { name: 'JSON-escaped form', text: '{"p":"pa\\"ss"}', secrets: ['pa"ss'], want: '{"p":"***"}' },
    { name: 'empty secret ignored', text: 'keep me', secrets: [''], want: 'keep me' },
    { name: 'regex characters are literal', text: 'a.b a+b', secrets: ['a+b'], want: 'a.b ***' },
  ])('$name', ({ text, secrets, want }) => {
    expect(scrubSecrets(text, secrets)).toBe(want);
  });
});
