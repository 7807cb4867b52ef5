/**
 * The jobs page in a real browser (Debian's chromium via playwright-core) against the real server
 * on 127.0.0.1 and its worker thread: an analyst queues a CSV export from the Jobs page, watches it
 * go from queued to done in the self-refreshing list (progress, attempts, times), and downloads the
 * file through the row's link. Screenshots in test-artifacts/dashboard/. Fails on any console error
 * or CSP violation; skips, saying so, only when /usr/bin/chromium is missing.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  buildWeb,
  CHROMIUM_SKIP,
  launchChromium,
  listenLocal,
  logIn,
  openDashboard,
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

test('jobs: an analyst queues an export, sees it reach done with its progress, and downloads the file', {
  skip: CHROMIUM_SKIP,
  timeout: 240_000,
}, async () => {
  f = await fixture({ demoItems: 80, webDir: WEB_DIST, worker: { pollIntervalMs: 200 } });
  const base = await listenLocal(f);
  browser = await launchChromium();
  const { page, problems, shot } = await openDashboard(browser, base, { acceptDownloads: true });
  await logIn(page, 'analyst', f.password);
  await page.locator('header nav').getByRole('link', { name: 'Jobs' }).click();
  await page.getByRole('heading', { name: 'Background jobs', level: 1 }).waitFor();

  const form = page.locator('section', {
    has: page.getByRole('heading', { name: 'Export in the background' }),
  });
  await form.getByLabel('Format').selectOption('csv');
  await form.getByLabel('Items at most').fill('25');
  await form.getByRole('button', { name: 'Queue the export' }).click();
  const queued = (await form.getByRole('status').textContent()) ?? '';
  const id = /job (\S+)\.$/.exec(queued)?.[1];
  assert.ok(id, `the job id is shown: ${queued}`);

  // the list refreshes by itself until the job is done
  const row = page.locator(`tr[data-job="${id}"]`);
  await row.waitFor();
  await page.locator(`tr[data-job="${id}"][data-state="done"]`).waitFor({ timeout: 120_000 });
  const text = (await row.textContent()) ?? '';
  assert.match(text, /Export/);
  assert.match(text, /Done/);
  assert.match(text, /1\/\d/, 'attempts shown');
  assert.match(text, /25 items, TLP:AMBER/);
  assert.equal(await row.locator('progress').getAttribute('value'), '1');
  await shot('jobs-page');

  const download = page.waitForEvent('download');
  await row.getByRole('link', { name: /^Download ogoh-export-.*\.csv$/ }).click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^ogoh-export-\d{4}-\d{2}-\d{2}\.csv$/);
  const body = await readFile((await file.path())!, 'utf8');
  assert.equal(body.trim().split('\n').length >= 26, true, 'a header and 25 rows');

  // the page in Tajik
  await page.locator('header select').first().selectOption('tg');
  await page.getByRole('heading', { name: 'Вазифаҳои пасзамина', level: 1 }).waitFor();
  await row.getByText('Тайёр').waitFor();
  await shot('jobs-page-tg');
  assert.deepEqual(problems, []);
});
