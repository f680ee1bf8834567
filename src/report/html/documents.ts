/**
 * The documents a compliance page shows: every seed (normative) and every reference page a constraint of the
 * report cites, read from the documents folder and rendered to HTML (Markdown seeds through markdown-it; seed
 * 004 and the reference pages, reStructuredText, through rst-to-html).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComplianceReport } from '../../model/verdict.js';
import { markdownToHtml } from './markdown-to-html.js';
import { rstToHtml } from './rst-to-html.js';

export interface ReportDocument {
  /** File name, as citations name it, e.g. `000_e6aba1037ae22d43.txt`. */
  readonly name: string;
  readonly kind: 'seed' | 'reference';
  /** The document's first heading. */
  readonly title: string;
  readonly html: string;
}

/** The seeds, then the cited reference pages, each rendered; a folder without them gives an empty list. */
export function loadReportDocuments(folder: string | undefined, report: ComplianceReport): ReportDocument[] {
  if (folder === undefined) {
    return [];
  }
  const seeds = listFiles(join(folder, 'seeds')).map((name) => ({ name, kind: 'seed' as const }));
  const cited = new Set(report.constraints.map((c) => c.citation.doc));
  const references = listFiles(join(folder, 'reference'))
    .filter((name) => cited.has(name))
    .map((name) => ({ name, kind: 'reference' as const }));
  const all = [...seeds, ...references];
  const linkTarget = referenceLinker(references.map((r) => r.name));
  return all.map(({ name, kind }, index) => {
    const text = readFileSync(join(folder, kind === 'seed' ? 'seeds' : 'reference', name), 'utf8');
    const idPrefix = `d${index}-`;
    // Sphinx output starts with its `:original_name:` field; the Markdown seeds with a `#` title.
    const html = text.startsWith(':original_name:') ? rstToHtml(text, { idPrefix }) : markdownToHtml(text, linkTarget);
    return { name, kind, title: firstHeading(html) ?? name, html };
  });
}

function listFiles(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => !n.startsWith('.'))
        .sort()
    : [];
}

/**
 * The seeds link pages of the cloud's site (`image-attributes.md#section…`); the reference folder holds them
 * under `ims-image_attributes.rst`. A link to a page the report shows becomes `#doc=<name>`; others are text.
 */
function referenceLinker(names: readonly string[]): (href: string) => string | undefined {
  const byStem = new Map(
    names.map((n) => [
      n
        .replace(/^(ims|evs)-/, '')
        .replace(/\.rst$/, '')
        .replace(/_/g, '-'),
      n,
    ]),
  );
  return (href) => {
    const stem = /^([a-z0-9_-]+)\.md(?:#.*)?$/i.exec(href)?.[1]?.toLowerCase().replace(/_/g, '-');
    const name = stem === undefined ? undefined : byStem.get(stem);
    return name === undefined ? undefined : `#doc=${encodeURIComponent(name)}`;
  };
}

function firstHeading(html: string): string | undefined {
  const m = /<h1>([\s\S]*?)<\/h1>/.exec(html);
  const text = m?.[1]?.replace(/<[^>]+>/g, '').trim();
  return text
    ?.replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
