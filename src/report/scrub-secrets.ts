/**
 * The last line of defence before a report reaches disk: every occurrence of a known secret becomes
 * `***`. Texts are redacted upstream (http/redact.ts); this pass catches what slipped through.
 */

/**
 * `text` with each secret replaced by `***`, longest secret first (so a secret containing another is
 * scrubbed whole), in its raw form and in its JSON-escaped form. Empty secrets are ignored.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') {
      continue;
    }
    forms.add(secret);
    // Inside compliance.json a secret with quotes, backslashes or control characters is escaped.
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    out = out.split(form).join('***');
  }
  return out;
}
