import { describe, expect, test } from 'vitest';
import { escapeCell, fence } from './markdown.js';

describe('escapeCell', () => {
  test.for([
    { name: 'pipe', given: 'a|b', want: 'a\\|b' },
    { name: 'newlines', given: 'a\nb\r\nc', want: 'a<br>b<br>c' },
    { name: 'html', given: '<b>&</b>', want: '&lt;b&gt;&amp;&lt;/b&gt;' },
    { name: 'backslash before pipe', given: 'a\\|b', want: 'a\\\\\\|b' },
  ])('$name', ({ given, want }) => {
    expect(escapeCell(given)).toBe(want);
  });
});

describe('fence', () => {
  test('outgrows backtick runs in the body', () => {
    expect(fence('a ```` b')).toBe('`````text\na ```` b\n`````');
    expect(fence('plain')).toBe('```text\nplain\n```');
  });
});
