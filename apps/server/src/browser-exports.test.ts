/**
 * The items list's Export control in a real browser (Debian's chromium via playwright-core) against
 * the real server on 127.0.0.1: a viewer filters Tajik items, is not offered TLP:RED, downloads a
 * CSV of exactly the filtered items and a STIX bundle that passes the STIX 2.1 rule check.
 * Screenshot in test-artifacts/dashboard/. Skips, saying so, only when /usr/bin/chromium is missing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { addUser, openAuth, validateStixBundle } from '@ogoh/app';
import { type Browser, chromium } from 'playwright-core';
import { type Fixture, fixture } from './testing.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const WEB_DIST = join(ROOT, 'apps/web/dist');
const SHOTS = join(ROOT, 'test-artifacts/dashboard');
const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);

before(() => {
  const r = spawnSync(process.execPath, [join(ROOT, 'apps/web/build.mjs')], {
    encoding: 'utf8',
    timeout: 240_000,
  });
  assert.equal(r.status, 0, `web build failed:\n${r.stderr}`);
});

let f: Fixture | undefined;
let browser: Browser | undefined;
after(async () => {
  await browser?.close();
  await f?.close();
});

test('export: a viewer downloads the filtered items as CSV and a valid STIX bundle; TLP:RED is not offered', {
  skip: HAVE_CHROMIUM ? false : `${CHROMIUM} is missing: apt-get install chromium (CI installs it)`,
  timeout: 180_000,
}, async () => {
  f = await fixture({ demoItems: 100, webDir: WEB_DIST });
  const auth = await openAuth(f.app);
  await addUser(auth, { username: 'farhod', role: 'viewer', password: 'farhod-pass-1' });
  await auth.close();
  await f.server.listen({ host: '127.0.0.1', port: 0 });
  const addr = f.server.server.address();
  assert.ok(addr && typeof addr === 'object');
  const base = `http://127.0.0.1:${addr.port}`;
  mkdirSync(SHOTS, { recursive: true });

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (/Failed to load resource: .* 401/.test(m.text())) return;
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));

  await page.goto(`${base}/`);
  await page.getByLabel('Username').fill('farhod');
  await page.getByLabel('Password').fill('farhod-pass-1');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();

  await page.goto(`${base}/items?lang=tg`);
  await page.getByRole('heading', { name: 'Items' }).waitFor();
  await page.getByText('Export', { exact: true }).click();
  const tlp = page.getByLabel('Marking (TLP)');
  const offered = await tlp.locator('option').allTextContents();
  assert.deepEqual(offered, ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT']);
  await page.getByLabel('Format').selectOption('csv');
  await tlp.selectOption('green');
  await page.screenshot({ path: join(SHOTS, 'export-menu.png'), fullPage: true });

  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download' }).click(),
  ]);
  assert.match(csvDownload.suggestedFilename(), /^ogoh-export-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await csvDownload.path())!, 'utf8');
  const rows = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  assert.match(rows[0]!, /^tlp,item_id,/);
  const tg = await f.app.store.queryItems({ lang: 'tg', limit: 1000 });
  assert.ok(tg.items.length > 0);
  assert.equal(rows.length - 1, tg.items.length, 'one row per filtered item');
  assert.ok(rows.slice(1).every((r) => r.startsWith('TLP:GREEN,')));

  await page.getByLabel('Format').selectOption('stix');
  const [stixDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download' }).click(),
  ]);
  assert.match(stixDownload.suggestedFilename(), /\.stix\.json$/);
  const bundle = JSON.parse(readFileSync((await stixDownload.path())!, 'utf8'));
  assert.deepEqual(validateStixBundle(bundle), []);
  assert.equal(
    bundle.objects.filter((o: { type: string }) => o.type === 'media-content').length,
    tg.items.length,
  );
  assert.deepEqual(problems, []);
});
