/**
 * Headless Debian `chromium` (/usr/bin/chromium) driven by playwright-core, which uses the installed browser by
 * its path and never downloads one (the machines here have no outside network). Each launch gets a fresh
 * profile folder, removed on close. Used by the browser tests under test/ and the screenshot scripts.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

/** The flags every headless start needs on this machine (closed network, root, no GPU). */
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--hide-scrollbars',
] as const;

/** Whether the browser is installed (`.ci/run` installs it with apt-get). */
export function chromiumInstalled(): boolean {
  return existsSync(chromiumPath);
}

export interface LaunchedChromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export interface LaunchOptions {
  readonly viewport?: { readonly width: number; readonly height: number };
  /** No network at all, not even loopback (default true: a file:// page must need none). */
  readonly offline?: boolean;
}

/** A browser context with a fresh profile. */
export async function launchChromium(options: LaunchOptions = {}): Promise<LaunchedChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'ims-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumFlags],
    viewport: { ...(options.viewport ?? { width: 1500, height: 1000 }) },
    offline: options.offline ?? true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
