/**
 * HTML of the reStructuredText subset that seed 004 and the reference pages are written in (Sphinx output of
 * the cloud's documentation): section titles, `.. _label:` targets, bullet and enumerated lists, grid tables and
 * simple tables (cells parsed as RST again), `.. table::` captions, `.. note::`, literal blocks (`::`,
 * `.. code-block::`), paragraphs. No npm library renders RST (docutils is Python); this subset is what the pages
 * use, checked page by page in rst-to-html.test.ts. Anything else is kept as escaped text, never dropped.
 * @see https://docutils.sourceforge.io/docs/ref/rst/restructuredtext.html
 */
import { htmlEscape } from './html-escape.js';
import { anchorId, rstInline } from './rst-inline.js';

export interface RstOptions {
  /** Prefix of every element id, so the labels of several documents in one page stay unique. */
  readonly idPrefix: string;
}

/** The document as HTML (no wrapper element). */
export function rstToHtml(text: string, options: RstOptions): string {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\t/g, '        ').split('\n');
  return new RstRenderer(options.idPrefix).blocks(lines);
}

const adornment = /^([=\-~^"'`#*+_:.])\1+\s*$/;
const bullet = /^([-*+•])( +)\S/;
const enumerated = /^(\d+|#)[.)]( +)\S/;
const gridBorder = /^\+[-=+]+\+\s*$/;
const simpleBorder = /^=+( +=+)+\s*$/;
const directive = /^\.\. ([a-z-]+)::\s*(.*)$/;
const target = /^\.\. _([^:]+):\s*$/;

class RstRenderer {
  /** Adornment styles in order of first use: their index is the heading level. */
  private readonly styles: string[] = [];

  private readonly idPrefix: string;

  constructor(idPrefix: string) {
    this.idPrefix = idPrefix;
  }

  /** HTML of a run of lines that start at indentation 0 (relative). */
  blocks(lines: readonly string[]): string {
    let out = '';
    let i = 0;
    while (i < lines.length) {
      const line = lines[i] ?? '';
      if (line.trim() === '') {
        i += 1;
        continue;
      }
      const step = this.block(lines, i);
      out += step.html;
      i = step.next;
    }
    return out;
  }

  private block(lines: readonly string[], i: number): { html: string; next: number } {
    const line = lines[i] ?? '';
    const nextLine = lines[i + 1] ?? '';
    if (/^ /.test(line)) {
      const body = indented(lines, i, 0);
      return { html: `<div class="indent">${this.blocks(body.lines)}</div>`, next: body.next };
    }
    if (/^:[\w-]+:( |$)/.test(line) && i === 0) {
      return { html: '', next: i + 1 }; // Sphinx's `:original_name:` field: metadata, not text.
    }
    const label = target.exec(line);
    if (label?.[1] !== undefined) {
      return { html: `<a id="${htmlEscape(anchorId(this.idPrefix, label[1]))}"></a>`, next: i + 1 };
    }
    const dir = directive.exec(line);
    if (dir !== null) {
      return this.directive(dir[1] ?? '', dir[2] ?? '', lines, i);
    }
    if (line.startsWith('..')) {
      return { html: '', next: indented(lines, i + 1, 1).next }; // a comment and its indented body
    }
    if (line.trim() === '::') {
      const body = indented(lines, i + 1, 1);
      return { html: pre(body.lines), next: body.next };
    }
    if (adornment.test(line) && adornment.test(lines[i + 2] ?? '') && nextLine.trim() !== '') {
      return { html: this.heading(nextLine.trim(), `o${line[0]}`), next: i + 3 };
    }
    // Sphinx wants the underline as long as the title; wide (CJK) titles are shorter in columns than in code units.
    if (
      adornment.test(nextLine) &&
      nextLine.trim().length >= Math.min(line.trim().length, 4) &&
      !gridBorder.test(line)
    ) {
      return { html: this.heading(line.trim(), nextLine[0] ?? '='), next: i + 2 };
    }
    if (gridBorder.test(line)) {
      return this.gridTable(lines, i);
    }
    if (simpleBorder.test(line)) {
      return this.simpleTable(lines, i);
    }
    if (bullet.test(line)) {
      return this.list(lines, i, 'ul');
    }
    if (enumerated.test(line)) {
      return this.list(lines, i, 'ol');
    }
    return this.paragraph(lines, i);
  }

  private heading(text: string, style: string): string {
    let level = this.styles.indexOf(style);
    if (level < 0) {
      this.styles.push(style);
      level = this.styles.length - 1;
    }
    const n = Math.min(level + 1, 6);
    return `<h${n}>${rstInline(text, this.idPrefix)}</h${n}>`;
  }

  private directive(
    name: string,
    argument: string,
    lines: readonly string[],
    i: number,
  ): { html: string; next: number } {
    const body = indented(lines, i + 1, 1);
    // Directive options (`:language: json`) come first in the body.
    const content = dropOptions(body.lines);
    if (name === 'code-block' || name === 'code' || name === 'sourcecode') {
      return { html: pre(content), next: body.next };
    }
    if (name === 'table') {
      const caption = argument === '' ? '' : `<p class="caption">${rstInline(argument, this.idPrefix)}</p>`;
      return { html: `${caption}${this.blocks(content)}`, next: body.next };
    }
    const title = name.charAt(0).toUpperCase() + name.slice(1);
    const first = argument === '' ? [] : [argument];
    return {
      html: `<div class="admonition"><p class="admonition-title">${htmlEscape(title)}</p>${this.blocks([...first, '', ...content])}</div>`,
      next: body.next,
    };
  }

  private paragraph(lines: readonly string[], i: number): { html: string; next: number } {
    const text: string[] = [];
    let j = i;
    while (j < lines.length && (lines[j] ?? '').trim() !== '' && !/^ /.test(lines[j] ?? '')) {
      text.push((lines[j] ?? '').trim());
      j += 1;
    }
    let joined = text.join(' ');
    let literal = '';
    if (joined.endsWith('::')) {
      // "Paragraph::" introduces a literal block and shows as "Paragraph:".
      joined = joined.slice(0, -1);
      const body = indented(lines, j, 1);
      if (body.lines.length > 0) {
        literal = pre(body.lines);
        j = body.next;
      }
    }
    return { html: `<p>${rstInline(joined, this.idPrefix)}</p>${literal}`, next: j };
  }

  private list(lines: readonly string[], i: number, tag: 'ul' | 'ol'): { html: string; next: number } {
    const marker = tag === 'ul' ? bullet : enumerated;
    let out = '';
    let j = i;
    for (;;) {
      const m = marker.exec(lines[j] ?? '');
      if (m === null) {
        break;
      }
      const width = (m[1] ?? '').length + (m[2] ?? '').length;
      const first = (lines[j] ?? '').slice(width);
      const body = indented(lines, j + 1, width);
      out += `<li>${this.blocks([first, ...body.lines])}</li>`;
      j = body.next;
      while (j < lines.length && (lines[j] ?? '').trim() === '') {
        j += 1;
      }
    }
    return { html: `<${tag}>${out}</${tag}>`, next: j };
  }

  private gridTable(lines: readonly string[], i: number): { html: string; next: number } {
    let j = i;
    const rows: string[] = [];
    while (j < lines.length && /^[+|]/.test(lines[j] ?? '')) {
      rows.push((lines[j] ?? '').trimEnd());
      j += 1;
    }
    const top = rows[0] ?? '';
    const columns = [...top].flatMap((c, k) => (c === '+' ? [k] : []));
    const headEnd = rows.findIndex((r) => /^\+=/.test(r));
    let body = '';
    let head = '';
    let group: string[] = [];
    rows.forEach((row, k) => {
      if (row.startsWith('+')) {
        if (group.length > 0) {
          const html = this.gridRow(group, columns, k <= headEnd ? 'th' : 'td');
          if (k <= headEnd) {
            head += html;
          } else {
            body += html;
          }
        }
        group = [];
      } else {
        group.push(row);
      }
    });
    return { html: table(head, body), next: j };
  }

  /** One row of a grid table; a cell whose right border is missing spans the next column. */
  private gridRow(group: readonly string[], columns: readonly number[], cell: 'th' | 'td'): string {
    const first = group[0] ?? '';
    let out = '';
    let start = 0;
    for (let k = 1; k < columns.length; k += 1) {
      const at = columns[k] ?? 0;
      if (k < columns.length - 1 && first[at] !== '|') {
        continue;
      }
      const from = (columns[start] ?? 0) + 1;
      const text = group.map((line) => line.slice(from, at));
      const span = k - start;
      out += `<${cell}${span > 1 ? ` colspan="${span}"` : ''}>${this.cell(text)}</${cell}>`;
      start = k;
    }
    return `<tr>${out}</tr>`;
  }

  private simpleTable(lines: readonly string[], i: number): { html: string; next: number } {
    const border = lines[i] ?? '';
    const columns: [number, number][] = [...border.matchAll(/=+/g)].map((m) => [m.index, m.index + m[0].length]);
    const groups: string[][][] = [[]];
    let j = i + 1;
    while (j < lines.length) {
      const line = lines[j] ?? '';
      if (simpleBorder.test(line)) {
        j += 1;
        if ((lines[j] ?? '').trim() === '') {
          break; // the closing border
        }
        groups.push([]);
        continue;
      }
      const cells = columns.map(([from, to], k) => line.slice(from, k === columns.length - 1 ? undefined : to).trim());
      const rows = groups[groups.length - 1] ?? [];
      const last = rows[rows.length - 1];
      if (line.trim() !== '' && cells[0] === '' && last !== undefined) {
        // A line with an empty first column continues the row above.
        cells.forEach((c, k) => {
          last[k] = `${last[k] ?? ''} ${c}`.trim();
        });
      } else if (line.trim() !== '') {
        rows.push(cells);
      }
      j += 1;
    }
    const render = (rows: string[][] | undefined, cell: 'th' | 'td'): string =>
      (rows ?? [])
        .map((r) => `<tr>${r.map((c) => `<${cell}>${rstInline(c, this.idPrefix)}</${cell}>`).join('')}</tr>`)
        .join('');
    const hasHead = groups.length > 1;
    return {
      html: table(hasHead ? render(groups[0], 'th') : '', render(hasHead ? groups[1] : groups[0], 'td')),
      next: j,
    };
  }

  /** A cell's lines as RST again; a lone paragraph loses its `<p>` to keep rows compact. */
  private cell(text: readonly string[]): string {
    const html = this.blocks(dedent(text.map((t) => t.trimEnd())));
    const lone = /^<p>((?:(?!<\/?p>).)*)<\/p>$/s.exec(html);
    return lone?.[1] ?? html;
  }
}

function table(head: string, body: string): string {
  return `<table>${head === '' ? '' : `<thead>${head}</thead>`}<tbody>${body}</tbody></table>`;
}

function pre(lines: readonly string[]): string {
  return `<pre>${htmlEscape(
    dedent(lines)
      .join('\n')
      .replace(/^\n+|\n+$/g, ''),
  )}</pre>`;
}

/**
 * The block indented under line `i - 1`: the lines from `i` on that are blank or indented by at least `min`
 * spaces, dedented by their common indentation; trailing blank lines are not part of it.
 */
function indented(lines: readonly string[], i: number, min: number): { lines: string[]; next: number } {
  let j = i;
  let end = i;
  while (j < lines.length) {
    const line = lines[j] ?? '';
    if (line.trim() === '') {
      j += 1;
      continue;
    }
    if (line.length - line.trimStart().length < min) {
      break;
    }
    j += 1;
    end = j;
  }
  return { lines: dedent(lines.slice(i, end)), next: end };
}

function dedent(lines: readonly string[]): string[] {
  const widths = lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length);
  const cut = widths.length === 0 ? 0 : Math.min(...widths);
  return lines.map((l) => l.slice(cut));
}

function dropOptions(lines: readonly string[]): string[] {
  let k = 0;
  while (k < lines.length && /^:[\w-]+:/.test(lines[k] ?? '')) {
    k += 1;
  }
  return lines.slice(k);
}
