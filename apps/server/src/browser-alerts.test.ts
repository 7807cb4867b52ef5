/**
 * Alert rules and the alerts page in a real browser (Debian's chromium via playwright-core) against
 * the real server on 127.0.0.1: an admin adds a rule in Settings and sees its signing secret once,
 * sends a test event to a loopback URL the SSRF guard refuses (no OGOH_ALERTS_ALLOW_PRIVATE), and
 * the Alerts page shows the event pending and the failed attempt with the guard's reason and its
 * retry time. Screenshots in test-artifacts/dashboard/. Fails on any console error or CSP
 * violation; skips, saying so, only when /usr/bin/chromium is missing.
 */
import assert from 'node:assert/strict';
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

test('alerts: an admin adds a rule (secret shown once), a test send is refused by the guard and logged', {
  skip: CHROMIUM_SKIP,
  timeout: 240_000,
}, async () => {
  f = await fixture({ demoItems: 0, webDir: WEB_DIST });
  const base = await listenLocal(f);
  browser = await launchChromium();
  const { page, problems, shot } = await openDashboard(browser, base);
  await logIn(page, 'admin', f.password);
  await page.locator('header nav').getByRole('link', { name: 'Settings' }).click();
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Alert rules' }) });
  await section.getByText('No alert rules yet.').waitFor();
  await section.getByLabel('Name').fill('Роғун spikes');
  await section.getByLabel('Watches').selectOption('narrative_spike');
  await section.getByLabel('Webhook URL').fill('http://127.0.0.1:9/hook');
  await section.getByLabel('Threshold (optional)').fill('3.5');
  await section.getByRole('button', { name: 'Add rule' }).click();
  await section.getByText(/Signing secret of Роғун spikes, shown only now/).waitFor();
  const secret = (await section.locator('code').textContent()) ?? '';
  assert.ok(secret.length >= 16, 'the secret is shown');
  const rows = section.locator('tbody tr');
  assert.equal(await rows.count(), 1);
  assert.match((await rows.first().textContent()) ?? '', /Narrative spike.*3\.5/);
  await shot('alerts-settings');
  await section.getByRole('button', { name: 'Send test' }).click();
  await section.getByText('Test event not delivered yet; it will be retried.').waitFor();

  await page.locator('header nav').getByRole('link', { name: 'Alerts' }).click();
  await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
  const events = page.locator('section', { has: page.getByRole('heading', { name: 'Events' }) });
  await events.getByRole('cell', { name: 'pending' }).waitFor();
  const log = page.locator('section', { has: page.getByRole('heading', { name: 'Delivery log' }) });
  await log.getByText('failed, will retry').waitFor();
  assert.match((await log.textContent()) ?? '', /refused to connect to 127\.0\.0\.1/);
  await shot('alerts-page');
  assert.doesNotMatch(await page.content(), new RegExp(secret), 'the secret is not shown again');
  assert.deepEqual(problems, []);
});
