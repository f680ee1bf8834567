import type { CharsetBlock, FieldSpec, SplitBlock, TrimBlock } from '../model/spec.js';

/** Escapes a string for use inside a regex (outside a character class). */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** A whole-string regex source that accepts exactly the strings the charset allows. */
export function charsetPattern(block: CharsetBlock): string {
  const allowed = block.allowed === undefined ? '[\\s\\S]' : `[${block.allowed}]`;
  const forbidden = (block.forbidden ?? []).map(escapeRegex).join('|');
  return forbidden ? `^(?:(?!${forbidden})${allowed})*$` : `^${allowed}*$`;
}

/** Regex source refusing a leading or trailing character of the trim block (default: space). */
export function trimPattern(block: TrimBlock): string {
  const chars = (block.chars ?? [' ']).map(escapeRegex).join('|');
  return `^(?!(?:${chars}))[\\s\\S]*(?<!(?:${chars}))$`;
}

/** Regex source of one `split` part: its charset (or anything but the separator) and its length bounds. */
function partPattern(part: FieldSpec, separator: string): string {
  const cls = part.charset?.allowed === undefined ? `[^${escapeRegex(separator)}]` : `[${part.charset.allowed}]`;
  const min = part.length?.min ?? 0;
  const max = part.length?.max;
  return `${cls}{${min},${max ?? ''}}`;
}

/** Whole-string regex source for a split value such as `key.value` (IMS tags) or `bucket:file`. */
export function splitPattern(block: SplitBlock): string {
  const parts = Object.values(block.parts).map((p) => partPattern(p, block.separator));
  return `^${parts.join(escapeRegex(block.separator))}$`;
}

/** Splits a value into its named parts (the last part takes the rest), or undefined if a separator is missing. */
export function splitValue(block: SplitBlock, value: string): Record<string, string> | undefined {
  const names = Object.keys(block.parts);
  const out: Record<string, string> = {};
  let rest = value;
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (i === names.length - 1) {
      out[name] = rest;
      break;
    }
    const at = rest.indexOf(block.separator);
    if (at < 0) {
      return undefined;
    }
    out[name] = rest.slice(0, at);
    rest = rest.slice(at + block.separator.length);
  }
  return out;
}
