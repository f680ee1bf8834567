/**
 * HTML of a Markdown seed (000–003: Markdown whose parameter tables are raw HTML) through markdown-it: CommonMark
 * compliant, keeps raw HTML blocks (the seeds' tables) where they stand, and already in the tree (Allure's
 * report plugins use the same 14.x). The HTML the documents carry is then trimmed to structure: no ids, classes,
 * widths or empty `<a name>` anchors (half of a seed's bytes), no scripts, event handlers or styles.
 * @see https://github.com/markdown-it/markdown-it
 */
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });

/** The document as HTML (no wrapper element); links to other pages go through `linkTarget`. */
export function markdownToHtml(text: string, linkTarget: (href: string) => string | undefined): string {
  return tidyDocumentHtml(markdown.render(text), linkTarget);
}

/**
 * Document HTML reduced to what reading needs: attributes other than colspan/rowspan/href dropped, anchors without
 * text removed, `<script>`/`<style>`/`<img>`/`<iframe>` removed (the report loads nothing and runs only its own
 * script), links rewritten by `linkTarget` (a `#…` inside the report, or plain text when it returns undefined).
 */
export function tidyDocumentHtml(html: string, linkTarget: (href: string) => string | undefined): string {
  return html
    .replace(/<(script|style|iframe|object)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(img|link|meta|base|embed|source)\b[^>]*>/gi, '')
    .replace(/<a\s+name="[^"]*"\s*><\/a>/gi, '')
    .replace(/<([a-z][a-z0-9]*)(\s[^>]*)>/gi, (_, tag: string, attrs: string) => `<${tag}${keptAttributes(attrs)}>`)
    .replace(/<a>([\s\S]*?)<\/a>/gi, '$1')
    .replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/gi, (_, href: string, inner: string) => {
      const to = linkTarget(href);
      return to === undefined ? `<span class="link">${inner}</span>` : `<a href="${to}">${inner}</a>`;
    });
}

function keptAttributes(attrs: string): string {
  let out = '';
  for (const m of attrs.matchAll(/([a-z-]+)\s*=\s*"([^"]*)"/gi)) {
    const name = (m[1] ?? '').toLowerCase();
    if (name === 'colspan' || name === 'rowspan' || name === 'href') {
      out += ` ${name}="${m[2] ?? ''}"`;
    }
  }
  return out;
}
