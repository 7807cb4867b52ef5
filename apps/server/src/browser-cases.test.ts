/**
 * Cases in a real browser (Debian's chromium via playwright-core) against the real server on
 * 127.0.0.1: an analyst opens an item of a multi-source story, adds it to a new case, opens the case,
 * moves it to review, adds a note, sees the brief preview (English, then Tajik) in its frame, and
 * downloads the case as a STIX bundle that passes the STIX 2.1 rule check. Fails on any console
 * error or CSP violation. Screenshots in test-artifacts/dashboard/. Skips, saying so, only when
 * /usr/bin/chromium is missing.
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

test('cases: add an item to a new case, open it, review it, preview the brief, download STIX', {
  skip: CHROMIUM_SKIP,
  timeout: 240_000,
}, async () => {
  f = await fixture({ demoItems: 150, webDir: WEB_DIST });
  const auth = await openAuth(f.app);
  await addUser(auth, { username: 'nilufar', role: 'analyst', password: 'nilufar-pass-1' });
  await auth.close();
  const story = (await f.app.store.listStories({ minSize: 2, limit: 1 })).stories[0]!;
  const base = await listenLocal(f);

  browser = await launchChromium();
  const { page, problems } = await openDashboard(browser, base, { height: 1000, acceptDownloads: true });
  await logIn(page, 'nilufar', 'nilufar-pass-1');

  // the item page: Add to case → a new case
  await page.goto(`${base}/items/${story.firstItemId}`);
  await page.getByText('Add to case', { exact: true }).click();
  await page.getByLabel('a new case titled').fill('Квотаҳо: санҷиши иддао');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page
    .getByRole('status')
    .getByText(/^Added to ca_/)
    .waitFor();
  await page.screenshot({ path: join(SHOTS, 'cases-add-to-case.png'), fullPage: true });
  await page.getByRole('link', { name: 'Open the case' }).click();

  // the case page
  await page.getByRole('heading', { name: 'Квотаҳо: санҷиши иддао' }).waitFor();
  const caseId = new URL(page.url()).pathname.split('/').pop()!;
  assert.match(caseId, /^ca_/);
  await page.getByRole('heading', { name: 'Evidence' }).waitFor();
  assert.equal(await page.locator('.case-evidence > li').count(), 1);
  await page.getByLabel('Move to').selectOption('in_review');
  await page.locator('.badge', { hasText: 'in review' }).waitFor();
  await page.getByPlaceholder('A note for the team…').fill('Манбаи аввалро санҷед');
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.getByText('Манбаи аввалро санҷед').first().waitFor();

  // the brief preview, in English then in Tajik
  const frame = page.frameLocator('iframe.brief-preview');
  await frame.getByText('DRAFT — for human review').first().waitFor();
  await frame.getByText('TLP:AMBER', { exact: true }).first().waitFor();
  await page.getByLabel('Language of the brief').selectOption('tg');
  await frame.getByText('ЛОИҲА — барои баррасии инсон').first().waitFor();
  await frame.getByRole('heading', { name: 'Занҷираи пайдоиш' }).waitFor();
  await page.locator('iframe.brief-preview').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'cases-case-brief-tg.png'), fullPage: true });

  // the audit trail names the analyst
  const log = await page.locator('.case-log li').allTextContents();
  assert.ok(
    log.some((l) => /nilufar opened the case/.test(l)),
    log.join('\n'),
  );
  assert.ok(
    log.some((l) => /nilufar changed the status: open → in_review/.test(l)),
    log.join('\n'),
  );

  // the case as a STIX bundle (the export helper's route), through the case page's Export control
  const exportMenu = page.locator('details.export-menu', { hasText: 'Export' });
  await exportMenu.locator('summary').click();
  // a click that lands while the brief frame is still laying out can miss the summary: make sure
  await exportMenu.evaluate((d) => d.setAttribute('open', ''));
  await exportMenu.getByLabel('Format').selectOption('stix');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    exportMenu.getByRole('button', { name: 'Download' }).click(),
  ]);
  const bundle = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  assert.deepEqual(validateStixBundle(bundle), []);
  assert.ok(bundle.objects.some((o: { type: string }) => o.type === 'report' || o.type === 'incident'));

  // the item page now says which case holds it
  await page.goto(`${base}/items/${story.firstItemId}`);
  await page.locator('.in-cases').getByRole('link', { name: 'Квотаҳо: санҷиши иддао' }).waitFor();

  // the cases list shows it
  await page.getByRole('link', { name: 'Cases' }).click();
  await page.getByRole('cell', { name: /Квотаҳо: санҷиши иддао/ }).waitFor();
  await page.screenshot({ path: join(SHOTS, 'cases-list.png'), fullPage: true });
  assert.deepEqual(problems, []);
});
