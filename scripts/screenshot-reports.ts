/**
 * Screenshots of a run's reports in headless Chromium (Debian's `chromium`, /usr/bin/chromium):
 *   <reportDir>/allure-report/index.html → docs/screenshots/allure-report.png
 *   <reportDir>/compliance.md            → docs/screenshots/compliance-md.png
 *
 * Usage: npx tsx scripts/screenshot-reports.ts [reportDir]   (default: reports; run `npm run conformance` first)
 *
 * Allure's app loads its data with fetch, so the report folder is served by a tiny static server on 127.0.0.1
 * rather than opened as file://. compliance.md is turned into plain HTML here (headings, tables, lists, code,
 * paragraphs): no dependency beyond Node and Chromium. The helpers are exported for test/allure-html.test.ts.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromiumFlags, chromiumPath } from './chromium.js';

export { chromiumPath };

const baseFlags = chromiumFlags;

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  /** Base URL, ending with `/`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A script for Allure's page: the results tree starts collapsed (ims-conformance › suites › ims › …), so once the
 * app has drawn it, this opens the group rows (never a test row) level by level, a few dozen at most, so a
 * capture shows the suites — one per operation — and not one closed row.
 */
export const expandAllureTree = `<script>(function(){var seen={},clicks=0,n=0;var t=setInterval(function(){n++;
var rows=document.querySelectorAll('[class*="tree-section-title"]');
for(var i=0;i<rows.length&&clicks<40;i++){var k=rows[i].textContent;if(seen[k]){continue;}seen[k]=1;clicks++;
(rows[i].closest('[class*="tree-section_"]')||rows[i]).click();}
if(n>120||clicks>=40){clearInterval(t);}},100);})();</script>`;

/**
 * Serves the files under `root` on a free 127.0.0.1 port (GET only; nothing outside `root`); `inject` is added
 * before `</body>` of every HTML page served.
 */
export async function serveStatic(root: string, inject = ''): Promise<StaticServer> {
  const base = resolve(root);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    let file = resolve(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      file = join(file, 'index.html');
    }
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' });
    const body = readFileSync(file);
    res.end(
      extname(file) === '.html' && inject !== '' ? body.toString('utf8').replace('</body>', `${inject}</body>`) : body,
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

export interface ChromiumRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs headless Chromium once with a fresh profile: `args` are the action flags (`--screenshot=…`, `--dump-dom`)
 * and the URL last. The virtual time budget lets the page's scripts run and fetch before the capture.
 */
export function runChromium(args: readonly string[], timeoutMs = 60_000): Promise<ChromiumRun> {
  const profile = mkdtempSync(join(tmpdir(), 'ims-chromium-'));
  return new Promise((done) => {
    const child = spawn(chromiumPath, [...baseFlags, `--user-data-dir=${profile}`, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-8_000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const finish = (code: number | null): void => {
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
      done({ code, stdout, stderr });
    };
    child.on('error', (e) => {
      stderr += e.message;
      finish(-1);
    });
    child.on('close', finish);
  });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Inline markdown: `code`, **bold**, [text](link) — on escaped text. */
function inline(text: string): string {
  return escapeHtml(text)
    .replace(/&lt;br&gt;/g, '<br>')
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
}

/** Splits a table row on unescaped pipes. */
function cells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

/** A minimal markdown → HTML: headings, pipe tables, fenced code, bullet lists and paragraphs. */
export function markdownToHtml(markdown: string, title: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.startsWith('```')) {
      const code: string[] = [];
      i += 1;
      while (i < lines.length && !(lines[i] ?? '').startsWith('```')) {
        code.push(lines[i] ?? '');
        i += 1;
      }
      i += 1;
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1]?.length ?? 1;
      out.push(`<h${level}>${inline(heading[2] ?? '')}</h${level}>`);
      i += 1;
      continue;
    }
    if (line.trim().startsWith('|')) {
      const rows: string[] = [];
      while (i < lines.length && (lines[i] ?? '').trim().startsWith('|')) {
        rows.push(lines[i] ?? '');
        i += 1;
      }
      const [head, ...rest] = rows;
      const body = rest.filter((r) => !/^\|?\s*:?-{3,}/.test(r.trim()));
      out.push(
        '<table>',
        `<thead><tr>${cells(head ?? '')
          .map((c) => `<th>${inline(c)}</th>`)
          .join('')}</tr></thead>`,
        `<tbody>${body
          .map(
            (r) =>
              `<tr>${cells(r)
                .map((c) => `<td>${inline(c)}</td>`)
                .join('')}</tr>`,
          )
          .join('')}</tbody>`,
        '</table>',
      );
      continue;
    }
    if (/^\s*[-*]\s+/.test(line)) {
      const items: string[] = [];
      while (i < lines.length && /^\s*[-*]\s+/.test(lines[i] ?? '')) {
        items.push(`<li>${inline((lines[i] ?? '').replace(/^\s*[-*]\s+/, ''))}</li>`);
        i += 1;
      }
      out.push(`<ul>${items.join('')}</ul>`);
      continue;
    }
    if (line.trim() === '') {
      i += 1;
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && (lines[i] ?? '').trim() !== '' && !/^(#|```|\||\s*[-*]\s)/.test(lines[i] ?? '')) {
      para.push(lines[i] ?? '');
      i += 1;
    }
    out.push(`<p>${inline(para.join(' '))}</p>`);
  }
  const style = [
    'body{font-family:system-ui,sans-serif;margin:24px;color:#1f2328;font-size:14px}',
    'table{border-collapse:collapse;margin:8px 0 16px}',
    'th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}',
    'th{background:#f6f8fa}',
    'code{background:#f6f8fa;padding:1px 4px;border-radius:4px;font-size:12px}',
    'pre{background:#f6f8fa;padding:12px;overflow:auto}',
    'h1{border-bottom:1px solid #d0d7de;padding-bottom:6px}',
  ].join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${style}</style></head><body>\n${out.join('\n')}\n</body></html>\n`;
}

async function screenshot(url: string, png: string): Promise<void> {
  const run = await runChromium([`--screenshot=${png}`, '--window-size=1400,1000', '--virtual-time-budget=5000', url]);
  if (run.code !== 0 || !existsSync(png)) {
    throw new Error(
      `chromium exited ${run.code} without ${png}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`,
    );
  }
  process.stdout.write(`wrote ${png}\n`);
}

async function main(argv: readonly string[]): Promise<number> {
  const reportDir = resolve(argv[0] ?? 'reports');
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const outDir = join(repo, 'docs', 'screenshots');
  if (!existsSync(chromiumPath)) {
    process.stderr.write(`${chromiumPath} not found: apt-get install -y chromium\n`);
    return 2;
  }
  const allure = join(reportDir, 'allure-report');
  const markdown = join(reportDir, 'compliance.md');
  for (const need of [join(allure, 'index.html'), markdown]) {
    if (!existsSync(need)) {
      process.stderr.write(`${need} not found: run "npm run conformance -- --depth smoke" first\n`);
      return 2;
    }
  }
  mkdirSync(outDir, { recursive: true });
  // The report's config groups the tree by service → operation → constraint and opens it: no clicking needed.
  const server = await serveStatic(allure);
  try {
    await screenshot(server.url, join(outDir, 'allure-report.png'));
  } finally {
    await server.close();
  }
  const tmp = mkdtempSync(join(tmpdir(), 'ims-compliance-html-'));
  try {
    const html = join(tmp, 'compliance.html');
    writeFileSync(html, markdownToHtml(readFileSync(markdown, 'utf8'), 'compliance.md'), 'utf8');
    await screenshot(pathToFileURL(html).href, join(outDir, 'compliance-md.png'));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
