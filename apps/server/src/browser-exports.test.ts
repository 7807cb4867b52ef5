/**
 * The items list's Export control in a real browser (Debian's chromium via playwright-core) against
 * the real server on 127.0.0.1: a viewer filters Tajik items, is not offered TLP:RED, downloads a
 * CSV of exactly the filtered items and a STIX bundle that passes the STIX 2.1 rule check.
 * Screenshot in test-artifacts/dashboard/. Skips, saying so, only when /usr/bin/chromium is missing.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { addUser, openAuth, validateStixBundle } from '@ogoh/app';
import type { Browser } from 'playwright-core';
import {
  buildWeb,
  CHROMIUM_SKIP,
  launchChromium,
  listenLocal,
  logIn,
  openDashboard,
  SHOTS,
  WEB_DIST,
} from './browser-harness.ts';
import { type Fixture, fixture } from './testing.ts';

before(buildWeb);

let f: Fixture | undefined;
let browser: Browser | undefined;
after(async () => {
  await browser?.close();
  await f?.close();
});

test('export: a viewer downloads the filtered items as CSV and a valid STIX bundle; TLP:RED is not offered', {
  skip: CHROMIUM_SKIP,
  timeout: 180_000,
}, async () => {
  f = await fixture({ demoItems: 100, webDir: WEB_DIST });
  const auth = await openAuth(f.app);
  await addUser(auth, { username: 'farhod', role: 'viewer', password: 'farhod-pass-1' });
  await auth.close();
  const base = await listenLocal(f);

  browser = await launchChromium();
  const { page, problems } = await openDashboard(browser, base, { acceptDownloads: true });
  await logIn(page, 'farhod', 'farhod-pass-1');

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
