/**
 * What every dashboard browser test shares: where the built web app and the screenshots live, the
 * web build, Debian's chromium launched headless, the server listening on 127.0.0.1, and a watcher
 * that collects console errors, CSP violations and page errors.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { Fixture } from './testing.ts';

export const ROOT = new URL('../../../', import.meta.url).pathname;
export const WEB_DIST = join(ROOT, 'apps/web/dist');
export const SHOTS = join(ROOT, 'test-artifacts/dashboard');
export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
/** `skip` for a browser test: false, or why it cannot run here. */
export const CHROMIUM_SKIP: false | string = HAVE_CHROMIUM
  ? false
  : `${CHROMIUM} is missing: apt-get install chromium (CI installs it)`;

/** Builds apps/web/dist (build.mjs returns at once when dist is newer than every web source). */
export function buildWeb(): void {
  const r = spawnSync(process.execPath, [join(ROOT, 'apps/web/build.mjs')], {
    encoding: 'utf8',
    timeout: 240_000,
  });
  assert.equal(r.status, 0, `web build failed:\n${r.stderr}`);
}

/** Starts the fixture's server on 127.0.0.1 (a free port) and returns its base URL. */
export async function listenLocal(f: Fixture): Promise<string> {
  await f.server.listen({ host: '127.0.0.1', port: 0 });
  const addr = f.server.server.address();
  assert.ok(addr && typeof addr === 'object');
  mkdirSync(SHOTS, { recursive: true });
  return `http://127.0.0.1:${addr.port}`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
}

/**
 * Collects what must fail a test: console errors, CSP violations, uncaught page errors. The
 * dashboard's first /api/me before logging in is a 401 by design (chromium logs it): ignored.
 */
export function watchProblems(page: Page, problems: string[] = []): string[] {
  page.on('console', (m) => {
    if (/Failed to load resource: .* 401/.test(m.text())) return;
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

/** A dashboard tab: the page, the problems its watcher collected, and a full-page screenshot by name. */
export interface DashboardTab {
  page: Page;
  problems: string[];
  shot: (name: string) => Promise<Buffer>;
}

/**
 * Opens a new browser context at 1280 px (English UI unless `locale` says otherwise) on the
 * dashboard's login screen, watching for problems from the first request.
 */
export async function openDashboard(
  browser: Browser,
  base: string,
  options: { height?: number; acceptDownloads?: boolean; locale?: string } = {},
): Promise<DashboardTab> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: options.height ?? 900 },
    locale: options.locale ?? 'en-US',
    ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
  });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${base}/`);
  return {
    page,
    problems,
    shot: (name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true }),
  };
}

/** Logs in through the login form and waits for the overview, as a user would. */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  // The first page of a test file is also Chromium's cold start and the bundle's first parse: on a
  // loaded two-core machine that once took longer than an action's 30 s default.
  try {
    await page.getByLabel('Username').waitFor({ timeout: 120_000 });
  } catch (e) {
    // seen once on a quiet machine: say what the page held instead of only the timeout
    const html = await page.content().catch(() => '(no content)');
    await page.screenshot({ path: join(SHOTS, 'login-timeout.png'), fullPage: true }).catch(() => undefined);
    throw new Error(`no login form at ${page.url()} after 120 s; the page held: ${html.slice(0, 1500)}`, {
      cause: e,
    });
  }
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
}
