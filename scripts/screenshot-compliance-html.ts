/**
 * Screenshots of compliance.html in headless Chromium (Debian's `chromium`, through scripts/chromium.ts):
 *   the overview                                   → docs/screenshots/compliance-html-overview.png
 *   the document of the first failing passage, its evidence open → docs/screenshots/compliance-html-document.png
 *
 * Usage: npx tsx scripts/screenshot-compliance-html.ts [reportDir]   (default: reports). The README's pictures
 * come from a standard run against the mock with one catalogued deviation and a baseline from the clean mock:
 *   npm run conformance -- --seed 1 --report-dir /tmp/clean
 *   npm run mock -- --port 8080 --deviation dataimage-min-disk-unchecked &
 *   IMS_ENDPOINT=http://127.0.0.1:8080 EVS_ENDPOINT=http://127.0.0.1:8080 IMS_AUTH_TOKEN=mock-token-project-a \
 *     IMS_PROJECT_ID=a1b2c3d4e5f60718293a4b5c6d7e8f90 npm run conformance -- --seed 1 --baseline /tmp/clean/compliance.json
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromiumInstalled, chromiumPath, launchChromium } from './chromium.js';

async function main(argv: readonly string[]): Promise<number> {
  const page = join(resolve(argv[0] ?? 'reports'), 'compliance.html');
  const outDir = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'docs', 'screenshots');
  if (!chromiumInstalled()) {
    process.stderr.write(`${chromiumPath} not found: apt-get install -y chromium\n`);
    return 2;
  }
  if (!existsSync(page)) {
    process.stderr.write(`${page} not found: run "npm run conformance" first\n`);
    return 2;
  }
  mkdirSync(outDir, { recursive: true });
  const browser = await launchChromium({ viewport: { width: 1500, height: 940 } });
  try {
    const tab = await browser.context.newPage();
    await tab.goto(pathToFileURL(page).href);
    await tab.waitForSelector('body[data-ready="true"]');
    await tab.screenshot({ path: join(outDir, 'compliance-html-overview.png') });
    process.stdout.write(`wrote ${join(outDir, 'compliance-html-overview.png')}\n`);
    const failing = tab.locator('.doc-body .mark.v-fail').first();
    if ((await failing.count()) === 0) {
      process.stderr.write(`${page}: no failing passage to show; run against a mock with a deviation\n`);
      return 1;
    }
    const doc = await failing.evaluate((el) => el.closest('article')?.getAttribute('data-doc') ?? '');
    await tab.goto(`${pathToFileURL(page).href}#doc=${encodeURIComponent(doc)}`);
    await failing.scrollIntoViewIfNeeded();
    await failing.click();
    await tab.evaluate('window.scrollBy(0, -250)');
    await tab.screenshot({ path: join(outDir, 'compliance-html-document.png') });
    process.stdout.write(`wrote ${join(outDir, 'compliance-html-document.png')}\n`);
    return 0;
  } finally {
    await browser.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
