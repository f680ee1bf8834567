/**
 * The sentence index of a document: its parameter-table rows and its prose sentences, each with the section it sits
 * in and its line, so that every row / normative sentence can be tied to the constraints resting on it. Reads the
 * two shapes the seeds come in: Markdown with HTML tables (000–003) and reStructuredText with grid and simple
 * tables (004). Example code blocks are not units (the specs carry them as verbatim examples).
 */

/** One unit of a document: a table row or a sentence of prose. */
export interface DocUnit {
  /** Stable within a document: `<document>#<n>` in reading order. */
  readonly id: string;
  readonly kind: 'row' | 'sentence';
  /** The heading (or table caption) the unit sits under. */
  readonly section: string;
  /** The unit's text, tags stripped and entities decoded; a row's cells joined with " | ". */
  readonly text: string;
  /** 1-based line of the unit's start in the document file. */
  readonly line: number;
  /** Whether the unit states something a service must do (false: headings of tables, captions, "or"). */
  readonly normative: boolean;
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
};

/** Tags stripped, entities decoded, Markdown/RST emphasis and escapes removed, whitespace collapsed. */
export function plainText(s: string): string {
  return s
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(lt|gt|amp|quot|#39);/g, (m) => ENTITIES[m] ?? m)
    .replace(/\*\*/g, '')
    .replace(/\\([_(){}\\*])/g, '$1')
    .replace(/:ref:`([^`<]*?)\s*(<[^>]*>)?`/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/!\[\]\([^)]*\)/g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ([.,:;])(?= |$)/g, '$1')
    .trim();
}

/** Sentences of a prose line: split after . ! ? followed by a space and a capital letter. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z"(])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A sentence worth accounting for: a few words, not a caption ending in ":", not a bare status line. */
function normativeSentence(s: string): boolean {
  const words = s.split(/\s+/).filter((w) => /[A-Za-z]/.test(w));
  return words.length >= 4 && !s.endsWith(':') && !/^STATUS CODE/.test(s);
}

const HEADER_CELLS = /^(Parameter|Returned Value|Return Value)$/;

class Builder {
  readonly units: DocUnit[] = [];
  section = '';
  readonly document: string;
  constructor(document: string) {
    this.document = document;
  }

  row(cells: readonly string[], line: number): void {
    const clean = cells.map(plainText).filter((c) => c.length > 0);
    if (clean.length === 0) {
      return;
    }
    const header = HEADER_CELLS.test(clean[0] ?? '');
    this.push('row', clean.join(' | '), line, !header);
  }

  prose(raw: string, line: number): void {
    const text = plainText(raw.replace(/^\s*[-*]\s+/, '').replace(/^>\s*/, ''));
    for (const s of sentencesOf(text)) {
      this.push('sentence', s, line, normativeSentence(s));
    }
  }

  private push(kind: DocUnit['kind'], text: string, line: number, normative: boolean): void {
    this.units.push({
      id: `${this.document}#${this.units.length + 1}`,
      kind,
      section: this.section,
      text,
      line,
      normative,
    });
  }
}

/** Units of a Markdown document with HTML tables (seeds 000–003). */
function markdownUnits(document: string, lines: readonly string[]): DocUnit[] {
  const b = new Builder(document);
  let inCode = false;
  let row: { cells: string[]; line: number } | undefined;
  let cell: string[] | undefined;
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (/^\s*```/.test(raw)) {
      inCode = !inCode;
      return;
    }
    if (inCode) {
      return;
    }
    const heading = /^#+\s+(.*)$/.exec(raw);
    if (heading) {
      b.section = plainText(heading[1] ?? '');
      return;
    }
    if (/<tr[\s>]/.test(raw)) {
      row = { cells: [], line };
    }
    if (row) {
      // Cells open with <td or <th and close with </td> or </th>; a cell may span several lines.
      let rest = raw;
      while (rest.length > 0) {
        const open = /<t[dh]\b[^>]*>/.exec(rest);
        const close = /<\/t[dh]>/.exec(rest);
        if (cell === undefined) {
          if (!open) {
            break;
          }
          cell = [];
          rest = rest.slice(open.index + open[0].length);
          continue;
        }
        if (close) {
          cell.push(rest.slice(0, close.index));
          row.cells.push(cell.join(' '));
          cell = undefined;
          rest = rest.slice(close.index + close[0].length);
          continue;
        }
        cell.push(rest);
        break;
      }
      if (/<\/tr>/.test(raw)) {
        b.row(row.cells, row.line);
        row = undefined;
      }
      return;
    }
    if (/<\/?(table|thead|tbody|a name)/.test(raw) && plainText(raw) === '') {
      return;
    }
    const bullet = /^\s*-\s+(.*)$/.exec(raw);
    if (bullet && plainText(bullet[1] ?? '').length > 0 && !/[.!?]$/.test(plainText(bullet[1] ?? ''))) {
      // A bullet without a full stop is a caption ("Request parameters"): the section of the table under it.
      b.section = plainText(bullet[1] ?? '');
      return;
    }
    if (plainText(raw).length > 0) {
      b.prose(raw, line);
    }
  });
  return b.units;
}

/** Units of a reStructuredText document with grid and simple tables (seed 004). */
function rstUnits(document: string, lines: readonly string[]): DocUnit[] {
  const b = new Builder(document);
  let codeIndent: number | undefined;
  let grid: { cols: string[]; line: number } | undefined;
  let simple = 0;
  const indent = (s: string) => s.length - s.trimStart().length;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const next = lines[i + 1] ?? '';
    if (codeIndent !== undefined) {
      if (raw.trim() === '' || indent(raw) > codeIndent) {
        return;
      }
      codeIndent = undefined;
    }
    if (/^\s*\.\. code-block::/.test(raw)) {
      codeIndent = indent(raw);
      return;
    }
    if (/^\s*(:original_name:|\.\. _)/.test(raw) || raw.trim() === '') {
      return;
    }
    if (/^[=-]{3,}$/.test(next.trim()) && !/^\s*[=+]/.test(raw) && raw.trim().length > 0 && indent(raw) === 0) {
      b.section = plainText(raw);
      return;
    }
    if (/^[=-]{3,}$/.test(raw.trim()) && indent(raw) === 0) {
      return;
    }
    const t = raw.trim();
    if (/^=+(\s+=+)+$/.test(t)) {
      simple = (simple + 1) % 3;
      return;
    }
    if (simple === 2) {
      // A simple table's body row: cells are separated by two or more spaces.
      b.row(t.split(/\s{2,}/), line);
      return;
    }
    if (simple === 1) {
      return;
    }
    if (/^\+[-=+]+\+$/.test(t)) {
      // A row ends at a +---+ line; a +===+ line ends the header row, which is not a unit.
      if (grid?.cols.some((c) => plainText(c).length > 0) && !t.includes('=')) {
        b.row(grid.cols, grid.line);
      }
      grid = undefined;
      return;
    }
    if (t.startsWith('|') && t.endsWith('|')) {
      const cells = t.slice(1, -1).split('|');
      grid ??= { cols: cells.map(() => ''), line };
      cells.forEach((c, k) => {
        if (grid) {
          grid.cols[k] = `${grid.cols[k] ?? ''} ${c.replace(/^\s*-\s+/, ' ').replace(/^\s*\.\. note::/, ' ')}`;
        }
      });
      return;
    }
    if (/^\s*-\s+\.\. _/.test(raw)) {
      return;
    }
    // A line without a full stop outside a table is a caption ("Parameters in the error field"): a section.
    const caption = plainText(raw.replace(/^\s*-\s+/, ''));
    if (!/[.!?]$/.test(caption) && caption.length < 100) {
      b.section = caption;
      return;
    }
    b.prose(raw, line);
  });
  return b.units;
}

/** Every row and sentence of a document, in reading order. */
export function documentUnits(document: string, text: string): DocUnit[] {
  const lines = text.split(/\r?\n/);
  return /\.\. _|:original_name:/.test(text) ? rstUnits(document, lines) : markdownUnits(document, lines);
}
