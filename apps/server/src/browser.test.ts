/**
 * The dashboard in a real browser (Debian's chromium via playwright-core) against the real server on
 * 127.0.0.1 and a real SQLite store with a small demo corpus: log in, search with a keyboard-typed
 * Tajik query, open an item and a story, check a pasted Tajik text, switch the UI to Tajik, and look
 * at a phone width. Screenshots go to test-artifacts/dashboard/. Fails on any console error or CSP
 * violation. Skips, saying so, only when /usr/bin/chromium is missing (.ci/run installs it).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { addUser, openAuth } from '@ogoh/app';
import type { Browser, Page } from 'playwright-core';
import {
  buildWeb,
  CHROMIUM_SKIP,
  launchChromium,
  listenLocal,
  openDashboard,
  WEB_DIST,
} from './browser-harness.ts';
import { type Fixture, fixture, PASSWORD } from './testing.ts';

let built = false;
before(() => {
  buildWeb(); // returns at once when apps/web/dist is newer than the web sources
  built = true;
});

test('the dashboard bundle stays under 1 MB of gzipped JavaScript', () => {
  assert.ok(built);
  const js = readdirSync(join(WEB_DIST, 'assets')).filter((f) => f.endsWith('.js'));
  const gz = js.reduce(
    (n, f) => n + gzipSync(readFileSync(join(WEB_DIST, 'assets', f)), { level: 9 }).length,
    0,
  );
  console.log(`dashboard JS: ${js.length} file(s), ${(gz / 1024).toFixed(1)} KiB gzipped`);
  assert.ok(gz < 1024 * 1024, `${gz} bytes gzipped`);
  const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline scripts (CSP)');
  assert.doesNotMatch(html, /\sstyle=/, 'no inline styles (CSP)');
});

let f: Fixture | undefined;
let browser: Browser | undefined;
let base = '';

after(async () => {
  await browser?.close();
  await f?.close();
});

test('log in, search in Tajik, open an item and a story, check a text, switch to Tajik, phone width', {
  skip: CHROMIUM_SKIP,
  timeout: 240_000,
}, async () => {
  f = await fixture({ demoItems: 300, webDir: WEB_DIST });
  const auth = await openAuth(f.app);
  await addUser(auth, { username: 'dilbar', role: 'analyst', password: 'dilbar-pass-1' });
  await auth.close();
  base = await listenLocal(f);

  browser = await launchChromium();
  const { page, problems, shot } = await openDashboard(browser, base);
  const nav = page.locator('header nav');

  // Log in.
  await page.getByLabel('Username').fill('dilbar');
  await page.getByLabel('Password').fill('dilbar-pass-1');
  await shot('00-login');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  await page.locator('.chart-canvas canvas').first().waitFor();
  await page.locator('.count-value').first().waitFor();
  assert.equal(await page.locator('.count-value').first().textContent(), '300');
  await shot('01-overview');

  // Search with a Tajik query typed key by key, in Tajik letters.
  await nav.getByRole('link', { name: 'Items' }).click();
  const box = page.getByRole('searchbox');
  await box.click();
  await page.keyboard.type('ҳукумат', { delay: 20 });
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/items\?q=/);
  await page.locator('li.result').first().waitFor();
  const found = await page.locator('li.result').count();
  assert.ok(found > 0);
  const texts = (await page.locator('li.result').allTextContents()).join(' ').toLowerCase();
  assert.ok(texts.includes('ҳукумат') || texts.includes('хукумат'), 'results mention the query');
  await page.getByText(/Tajik matches typed either way/).waitFor();
  await shot('02-items-search');

  // The same query typed on a Russian layout (х for ҳ) finds the same first item.
  const firstId = await page.locator('li.result a').first().getAttribute('href');
  await box.fill('');
  await box.click();
  await page.keyboard.type('хукумат', { delay: 20 });
  await page.keyboard.press('Enter');
  await page.waitForURL(/q=%D1%85/);
  await page.locator('li.result').first().waitFor();
  assert.equal(await page.locator('li.result a').first().getAttribute('href'), firstId);

  // Open an item.
  await page.locator('li.result a').first().click();
  await page.waitForURL(/\/items\/it_/);
  await page.locator('.item-text').waitFor();
  assert.ok(((await page.locator('.facts').textContent()) ?? '').includes('confidence'));
  await page.getByRole('button', { name: 'Show the raw record' }).click();
  await page.locator('pre.raw').waitFor();
  await shot('03-item');

  // Open the largest story and its timeline.
  await nav.getByRole('link', { name: 'Stories' }).click();
  await page.locator('table tbody tr').first().waitFor();
  await page.locator('table tbody tr a').first().click();
  await page.waitForURL(/\/stories\/st_/);
  await page.locator('ol.timeline li').nth(1).waitFor();
  assert.ok((await page.locator('ol.timeline li').count()) >= 2);
  await page.locator('ul.prov li').nth(1).waitFor();
  assert.equal(
    await page.locator('ul.prov li').count(),
    await page.locator('ol.timeline li').count(),
    'one tree node per member',
  );
  await shot('04-story');

  // Check a pasted Tajik text.
  await nav.getByRole('link', { name: 'Check' }).click();
  await page
    .locator('textarea')
    .fill(
      'Ҳукумати Ҷумҳурии Тоҷикистон имрӯз дар Душанбе барномаи нави рушди энергетика ва сохтмони нерӯгоҳи Роғунро тасдиқ кард.',
    );
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('.check-lang').waitFor();
  assert.match((await page.locator('.check-lang').textContent()) ?? '', /^tg\b/i);
  // Narratives and techniques show when the detectors flag something, else an honest "no detections yet".
  await page.locator('.check-result').waitFor();
  await shot('05-check');

  // Upload a feed on the sources page, then analyse it as a background job.
  const feed = join(f.dir, 'upload-feed.xml');
  writeFileSync(
    feed,
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Browser upload</title>
<link>https://browser-upload.example/</link>
<item><guid>b-1</guid><title>Ҳукумат нархи нонро муқаррар кард</title><link>https://browser-upload.example/1</link>
<pubDate>Mon, 02 Mar 2026 10:00:00 +0500</pubDate><description>Ҳукумати Тоҷикистон имрӯз нархи нонро дар Душанбе муқаррар кард.</description></item>
<item><guid>b-2</guid><title>Второй материал</title><link>https://browser-upload.example/2</link>
<pubDate>Mon, 02 Mar 2026 11:00:00 +0500</pubDate><description>Правительство сообщило о ценах на хлеб в Душанбе.</description></item>
</channel></rss>`,
  );
  await nav.getByRole('link', { name: 'Sources' }).click();
  await page.locator('input[type=file]').setInputFiles(feed);
  await page.getByRole('button', { name: 'Upload and ingest' }).click();
  await page.locator('.ingest-report').waitFor();
  assert.match((await page.locator('.ingest-report').textContent()) ?? '', /rss: 2 new, 0 duplicate/);
  await page.getByRole('button', { name: 'Analyse new items' }).click();
  await page.getByText(/^Analysed 2 items/).waitFor();
  await page.getByRole('cell', { name: 'browser-upload.example' }).waitFor();
  await shot('05b-sources-upload');

  // Switch the UI to Tajik; it stays Tajik after a reload.
  await page.getByLabel('Language').selectOption('tg');
  await nav.getByRole('link', { name: 'Маводҳо' }).waitFor();
  await page.getByRole('heading', { name: 'Манбаъҳо' }).waitFor();
  await page.reload();
  await nav.getByRole('link', { name: 'Шарҳи умумӣ' }).click();
  await page.getByRole('heading', { name: 'Шарҳи умумӣ' }).waitFor();
  await page.locator('.chart-canvas canvas').first().waitFor();
  assert.equal(await page.evaluate('document.documentElement.lang'), 'tg');
  await shot('06-overview-tajik');

  // A phone: nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(200);
  await shot('07-phone-overview');
  await overflowCheck(page, 'overview');
  await page.goto(`${base}/items?q=${encodeURIComponent('ҳукумат')}`);
  await page.locator('li.result').first().waitFor();
  await shot('08-phone-items');
  await overflowCheck(page, 'items');

  // Log out; an admin logs in and creates an API key in the settings, shown once.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('button', { name: 'Баромад' }).click();
  await page.getByRole('button', { name: 'Ворид шудан' }).waitFor();
  await page.getByLabel('Номи корбар').fill('admin');
  await page.getByLabel('Рамз').fill(PASSWORD);
  await page.getByRole('button', { name: 'Ворид шудан' }).click();
  await nav.getByRole('link', { name: 'Танзимот' }).click();
  await page.getByLabel('Барои чӣ').fill('export script');
  await page.getByRole('button', { name: 'Сохтани калид' }).click();
  const key = (await page.locator('code.new-key').textContent()) ?? '';
  assert.match(key, /^ogoh_/);
  await page.getByRole('cell', { name: 'export script' }).waitFor();
  await shot('09-settings-tajik');
  const me = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(me.status, 200, 'the key made in the dashboard works');

  assert.deepEqual(problems, []);
});

async function overflowCheck(page: Page, what: string): Promise<void> {
  const wide = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
  assert.ok(wide <= 1, `${what} is ${wide}px wider than a 390px screen`);
}
