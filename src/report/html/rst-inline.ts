/**
 * Inline markup of the reStructuredText subset the reference pages use: ``literal``, **strong**, *emphasis*,
 * :ref:`text <label>`, `text <url>`_ and interpreted text; everything else is escaped text.
 * @see https://docutils.sourceforge.io/docs/ref/rst/restructuredtext.html#inline-markup
 */
import { htmlEscape } from './html-escape.js';

const inline =
  /``(.+?)``|\*\*(.+?)\*\*|\*([^*\s](?:[^*]*?[^*\s])?)\*|:ref:`([^`]*?)\s*<([^>`]+)>`|:[a-z-]+:`([^`]+)`|`([^`<]*?)\s*<([^>`]+)>`__?|`([^`]+)`_{0,2}/g;

/** HTML of one paragraph's text; `:ref:` labels become `#<idPrefix><label>` links. */
export function rstInline(text: string, idPrefix: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(inline)) {
    out += htmlEscape(unescapeRst(text.slice(last, m.index)));
    last = m.index + m[0].length;
    const [, literal, strong, em, refText, refLabel, role, linkText, linkUrl, interpreted] = m;
    if (literal !== undefined) {
      out += `<code>${htmlEscape(literal)}</code>`;
    } else if (strong !== undefined) {
      out += `<strong>${htmlEscape(unescapeRst(strong))}</strong>`;
    } else if (em !== undefined) {
      out += `<em>${htmlEscape(unescapeRst(em))}</em>`;
    } else if (refLabel !== undefined) {
      out += `<a href="#${htmlEscape(anchorId(idPrefix, refLabel))}">${htmlEscape(refText || refLabel)}</a>`;
    } else if (linkUrl !== undefined) {
      // External links stay text: the report must not lead the reader's browser to the network unasked.
      out += `${htmlEscape(linkText || linkUrl)}`;
    } else {
      out += htmlEscape(role ?? interpreted ?? '');
    }
  }
  return out + htmlEscape(unescapeRst(text.slice(last)));
}

/** An element id for a document label, unique across the documents of one page. */
export function anchorId(idPrefix: string, label: string): string {
  return `${idPrefix}${label
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')}`;
}

/** RST's backslash escapes: `\ ` disappears, `\x` is `x`. */
function unescapeRst(text: string): string {
  return text.replace(/\\ /g, '').replace(/\\(.)/g, '$1');
}
