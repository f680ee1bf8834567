import { describe, expect, test } from 'vitest';
import { redactHeaders, redactText, SecretRegistry } from './redact.js';

describe('redaction', () => {
  test('credential headers are *** whatever their value, in any case', () => {
    const headers = {
      'x-auth-token': 'a',
      Authorization: 'SDK-HMAC-SHA256 Access=AK',
      'X-Subject-Token': 'b',
      Cookie: 'c',
    };
    expect(redactHeaders({ ...headers, Accept: 'application/json' }, undefined)).toEqual({
      'x-auth-token': '***',
      Authorization: '***',
      'X-Subject-Token': '***',
      Cookie: '***',
      Accept: 'application/json',
    });
  });

  test('registered secrets are hidden in raw, URL-encoded, form-encoded and JSON-escaped form', () => {
    const secrets = new SecretRegistry();
    secrets.add('p a"ss/word');
    const raw = 'p a"ss/word';
    const texts = [raw, encodeURIComponent(raw), JSON.stringify(raw), new URLSearchParams({ q: raw }).toString()];
    for (const text of texts) {
      expect(redactText(`before ${text} after`, secrets)).not.toContain('ss');
    }
    expect(redactText(`x ${raw} y`, secrets)).toBe('x *** y');
  });

  test('a secret containing another is hidden whole; empty values are ignored', () => {
    const secrets = new SecretRegistry();
    secrets.add('abc');
    secrets.add('xxabcxx');
    secrets.add('');
    secrets.add(undefined);
    expect(redactText('1 xxabcxx 2 abc 3', secrets)).toBe('1 *** 2 *** 3');
  });

  test('other headers keep their text but lose registered secrets', () => {
    const secrets = new SecretRegistry();
    secrets.add('tok123');
    expect(redactHeaders({ 'X-Note': 'has tok123 inside' }, secrets)).toEqual({ 'X-Note': 'has *** inside' });
  });
});
