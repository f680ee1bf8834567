/**
 * Redaction: secrets never leave memory. Every exchange, curl line, error message and log line
 * goes through here before it is kept anywhere.
 */

/** What a redacted value reads. */
export const REDACTED = '***';

/** Headers whose value is a credential whatever it contains (compared lower-case). */
const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'x-auth-token',
  'x-subject-token',
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-security-token',
]);

/**
 * Every secret value the run has read (tokens, passwords, AK, SK). The target loader and the
 * authorizers fill it; redaction replaces each value, and its URL- and JSON-escaped forms, by `***`.
 */
export class SecretRegistry {
  readonly #forms = new Set<string>();
  #sorted: readonly string[] | undefined;
  #patterns: readonly { form: string; re: RegExp }[] | undefined;

  /** Registers a secret (empty values are ignored); returns the value for chaining. */
  add(value: string | undefined): string | undefined {
    if (value === undefined || value === '') {
      return value;
    }
    for (const form of escapedForms(value)) {
      this.#forms.add(form);
    }
    this.#sorted = undefined;
    this.#patterns = undefined;
    return value;
  }

  /** Each form with the pattern that finds it as a whole value (see {@link wholeValue}), longest first. */
  patterns(): readonly { form: string; re: RegExp }[] {
    this.#patterns ??= this.forms().map((form) => ({ form, re: wholeValue(form) }));
    return this.#patterns;
  }

  /** True when no secret is registered. */
  get empty(): boolean {
    return this.#forms.size === 0;
  }

  /** Every form to hide, longest first so a secret that contains another is hidden whole. */
  forms(): readonly string[] {
    this.#sorted ??= [...this.#forms].sort((a, b) => b.length - a.length);
    return this.#sorted;
  }
}

function escapedForms(value: string): string[] {
  const forms = [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)];
  // application/x-www-form-urlencoded and URLSearchParams write a space as `+`.
  forms.push(new URLSearchParams({ v: value }).toString().slice(2));
  return forms.filter((form) => form !== '');
}

/**
 * A pattern of `form` as a whole value: where the secret starts (ends) with a letter or digit, the character before
 * (after) it must not be one, so a short secret never eats the middle of a word ("e***pected" for a secret "x").
 */
function wholeValue(form: string): RegExp {
  const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const before = /^[A-Za-z0-9]/.test(form) ? '(?<![A-Za-z0-9])' : '';
  const after = /[A-Za-z0-9]$/.test(form) ? '(?![A-Za-z0-9])' : '';
  return new RegExp(`${before}${escaped}${after}`, 'g');
}

/** Returns `text` with every registered secret, as a whole value, replaced by `***`. */
export function redactText(text: string, secrets: SecretRegistry | undefined): string {
  if (secrets === undefined || secrets.empty) {
    return text;
  }
  let out = text;
  for (const { form, re } of secrets.patterns()) {
    if (out.includes(form)) {
      out = out.replace(re, REDACTED);
    }
  }
  return out;
}

/** Returns a copy with credential headers set to `***` and registered secrets hidden in the others. */
export function redactHeaders(
  headers: Readonly<Record<string, string>>,
  secrets: SecretRegistry | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : redactText(value, secrets);
  }
  return out;
}
