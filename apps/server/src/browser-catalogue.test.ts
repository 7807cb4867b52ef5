/**
 * The catalogue in a real browser (Debian's chromium via playwright-core) against the real server on
 * 127.0.0.1: narratives by family and the 23 techniques, a card opened in Tajik and its printable
 * page (its own CSP, no violations), a counter-message reviewed with the passage marked, and the
 * check page showing each flag's card text. Screenshots in test-artifacts/dashboard/. Skips, saying
 * so, only when /usr/bin/chromium is missing.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { addUser, openAuth } from '@ogoh/app';
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
  watchProblems,
} from './browser-harness.ts';
import { type Fixture, fixture } from './testing.ts';

/** The browser's own, for functions that run in the page (this package has no DOM typings). */
declare const getComputedStyle: (el: unknown) => { borderTopWidth: string };

before(buildWeb);

let f: Fixture | undefined;
let browser: Browser | undefined;
after(async () => {
  await browser?.close();
  await f?.close();
});

test('catalogue: families and techniques, a Tajik card and its printable page, a reviewed counter-message, cards beside check flags', {
  skip: CHROMIUM_SKIP,
  timeout: 180_000,
}, async () => {
  f = await fixture({ demoItems: 0, webDir: WEB_DIST });
  const auth = await openAuth(f.app);
  await addUser(auth, { username: 'zarina', role: 'viewer', password: 'zarina-pass-1' });
  await auth.close();
  const base = await listenLocal(f);

  browser = await launchChromium();
  const { page, problems, shot } = await openDashboard(browser, base);
  const watch = (p: typeof page) => watchProblems(p, problems);
  await logIn(page, 'zarina', 'zarina-pass-1');

  // The catalogue in English: four families, 23 techniques.
  await page.locator('header nav').getByRole('link', { name: 'Catalogue' }).click();
  await page.getByRole('heading', { name: 'Narratives and techniques' }).waitFor();
  await page.locator('button.card-open').first().waitFor();
  assert.equal(await page.locator('.catalogue-list').first().locator('button.card-open').count(), 22);
  assert.equal(await page.locator('.catalogue-list').nth(1).locator('button.card-open').count(), 23);
  assert.equal(await page.locator('.catalogue-list').first().locator('.catalogue-group-title').count(), 4);

  // Switch the UI to Tajik and open a card: the card follows the UI language.
  await page.getByLabel('Language').selectOption('tg');
  await page.getByRole('heading', { name: 'Ривоятҳо ва усулҳо' }).waitFor();
  await page.locator('button[data-card="isk-reward-belonging-youth"]').click();
  await page.waitForURL(/\/catalogue\?card=isk-reward-belonging-youth/);
  const card = page.locator('article.literacy-card');
  await card.getByRole('heading', { name: /Ваъдаи пул/ }).waitFor();
  assert.match((await card.textContent()) ?? '', /Чӣ тавр санҷидан мумкин/);
  await shot('catalogue-01-card-tg');

  // The printable page opens in a new tab with its own CSP and no violations.
  const [printable] = await Promise.all([
    page.context().waitForEvent('page'),
    card.getByRole('link', { name: 'Корт барои чоп' }).click(),
  ]);
  watch(printable);
  await printable.waitForLoadState();
  await printable.getByRole('heading', { name: /Ваъдаи пул/ }).waitFor();
  // The inline stylesheet applied (allowed by hash): the card has a coloured top border.
  const border = await printable
    .locator('article.card')
    .evaluate((el) => getComputedStyle(el).borderTopWidth);
  assert.equal(border, '8px');
  await printable.screenshot({ path: join(SHOTS, 'catalogue-02-printable-tg.png'), fullPage: true });
  await printable.close();

  // Review a counter-message typed on a Russian keyboard: the passage is marked, reasons in Tajik.
  await page
    .getByPlaceholder('Пешнависи паёми муқобил…')
    .fill('Мо зидди терроризм ҳастем. Хамаи помирихо чудоихоханд.');
  await page.getByRole('button', { name: 'Санҷидан' }).click();
  await page.locator('.review-draft mark').waitFor();
  assert.equal(await page.locator('.review-draft mark').textContent(), 'Хамаи помирихо чудоихоханд');
  assert.match((await page.locator('.review-findings').textContent()) ?? '', /ҷалбкунандагон/i);
  await page.locator('.review-panel').screenshot({ path: join(SHOTS, 'catalogue-03-review-tg.png') });

  // The check page shows the card text beside each flag, in the UI language.
  await page
    .locator('header nav')
    .getByRole('link', { name: 'Санҷиш' })
    .click()
    .catch(async () => {
      await page.goto(`${base}/check`);
    });
  await page.waitForURL(/\/check/);
  await page
    .locator('textarea[name="text"]')
    .fill('Только Россия может защитить. Россия — гарант безопасности.');
  await page.locator('form.check-form button[type="submit"]').click();
  const note = page.locator('.card-note').first();
  await note.waitFor();
  assert.match((await note.textContent()) ?? '', /Ин чист:.*Чӣ тавр санҷидан мумкин:/s);
  await shot('catalogue-04-check-cards-tg');

  assert.deepEqual(problems, []);
});
