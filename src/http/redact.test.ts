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

describe('whole values', () => {
  test('a secret is hidden where it stands as a value, never inside a word', () => {
    const secrets = new SecretRegistry();
    secrets.add('pected');
    secrets.add('tures');
    expect(redactText('expected fixtures; token=pected&x="tures"', secrets)).toBe(
      'expected fixtures; token=***&x="***"',
    );
  });

  test('a secret that starts or ends with punctuation is still hidden next to letters', () => {
    const secrets = new SecretRegistry();
    secrets.add('!S3cret');
    expect(redactText('pw:!S3cret.', secrets)).toBe('pw:***.');
    expect(redactText('x!S3cret', secrets)).toBe('x***');
  });
});
