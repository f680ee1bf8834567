import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { docsFolder } from './docs-folder.js';
import { rstToHtml } from './rst-to-html.js';

const render = (text: string) => rstToHtml(text, { idPrefix: 'd1-' });

describe('rstToHtml', () => {
  test('titles by adornment order, labels as ids, :ref: as in-page links, inline markup', () => {
    const html = render(
      [
        ':original_name: x.html',
        '',
        '.. _topic:',
        '',
        'Title',
        '=====',
        '',
        'Section',
        '-------',
        '',
        'Set **force** to ``true``; see :ref:`the field <topic>` and `site <https://example.com>`_.',
      ].join('\n'),
    );
    expect(html).toBe(
      '<a id="d1-topic"></a><h1>Title</h1><h2>Section</h2><p>Set <strong>force</strong> to <code>true</code>; see <a href="#d1-topic">the field</a> and site.</p>',
    );
  });

  test('a grid table: header, body cells parsed as RST (lists, paragraphs), a cell spanning two columns', () => {
    const html = render(
      [
        '+------+-----------------+',
        '| Name | Description     |',
        '+======+=================+',
        '| a    | -  one          |',
        '|      | -  two **b**    |',
        '+------+-----------------+',
        '| spanning both columns  |',
        '+------+-----------------+',
      ].join('\n'),
    );
    expect(html).toBe(
      '<table><thead><tr><th>Name</th><th>Description</th></tr></thead><tbody><tr><td>a</td><td><ul><li><p>one</p></li><li><p>two <strong>b</strong></p></li></ul></td></tr><tr><td colspan="2">spanning both columns</td></tr></tbody></table>',
    );
  });

  test('a simple table with a header; a continuation line joins the row above', () => {
    const html = render(
      [
        '=========== ==========',
        'Status Code Meaning',
        '=========== ==========',
        '202         Accepted',
        '            for now',
        '=========== ==========',
        '',
      ].join('\n'),
    );
    expect(html).toBe(
      '<table><thead><tr><th>Status Code</th><th>Meaning</th></tr></thead><tbody><tr><td>202</td><td>Accepted for now</td></tr></tbody></table>',
    );
  });

  test('lists with nested blocks, table captions, notes, literal blocks; text is escaped', () => {
    const html = render(
      [
        '-  Normal',
        '',
        '   202',
        '',
        '.. table:: **Table 1** Codes',
        '',
        '   ==== ====',
        '   a    b',
        '   ==== ====',
        '',
        '.. note::',
        '',
        '   Mind <this>.',
        '',
        '.. code-block:: json',
        '',
        '   {"a": "<b>"}',
        '',
        'Example::',
        '',
        '   raw',
      ].join('\n'),
    );
    expect(html).toBe(
      '<ul><li><p>Normal</p><p>202</p></li></ul><p class="caption"><strong>Table 1</strong> Codes</p><table><tbody><tr><td>a</td><td>b</td></tr></tbody></table><div class="admonition"><p class="admonition-title">Note</p><p>Mind &lt;this&gt;.</p></div><pre>{&quot;a&quot;: &quot;&lt;b&gt;&quot;}</pre><p>Example:</p><pre>raw</pre>',
    );
  });
});

// The pages themselves: nothing of their RST markup may survive as text (a table border, a role, a directive).
const folder = docsFolder();
const pages =
  folder === undefined ? [] : readdirSync(join(folder, 'reference')).map((name) => join(folder, 'reference', name));
const seed004 = folder === undefined ? [] : readdirSync(join(folder, 'seeds')).filter((n) => n.startsWith('004'));
describe.skipIf(folder === undefined && process.env.CI !== 'true')(
  'the documents render without leftover markup',
  () => {
    test('the documents folder is there (CI has shared/ beside the clone)', () => {
      expect(folder).toBeDefined();
    });
    test.for([...pages, ...seed004.map((n) => join(folder ?? '', 'seeds', n))])('%s', (file) => {
      const html = render(readFileSync(file, 'utf8'));
      const text = html.replace(/<pre>[\s\S]*?<\/pre>/g, '');
      expect(text).not.toMatch(/\+[-=]{3,}\+|:ref:`|\*\*\w|``|^\.\. |\n\.\. [a-z-]+::/);
      expect(html).toMatch(/<h1>/);
    });
  },
);
