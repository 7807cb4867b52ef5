/**
 * The triage queue in a real browser (Debian's chromium via playwright-core) against the real server
 * on 127.0.0.1 and a real SQLite store with the analysed demo corpus: an analyst logs in, opens the
 * queue (evidence marked in the text, the shortcuts on screen), accepts one flag with the keyboard,
 * rejects another with a click, opens the help with "?", and the verdicts are then read back through
 * the API with the analyst as actor. Screenshots in test-artifacts/dashboard/. Fails on any console
 * error or CSP violation; skips, saying so, only when /usr/bin/chromium is missing.
 */
import assert from 'node:assert/strict';
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

test('triage: accept a flag with the keyboard, reject one with a click, verdicts stored with the analyst as actor', {
  skip: CHROMIUM_SKIP,
  timeout: 240_000,
}, async () => {
  f = await fixture({ demoItems: 150, webDir: WEB_DIST });
  const auth = await openAuth(f.app);
  await addUser(auth, { username: 'nodira', role: 'analyst', password: 'nodira-pass-1' });
  await auth.close();
  const base = await listenLocal(f);

  browser = await launchChromium();
  const { page, problems, shot } = await openDashboard(browser, base);
  await logIn(page, 'nodira', 'nodira-pass-1');

  await page.locator('header nav').getByRole('link', { name: 'Triage' }).click();
  await page.waitForURL(/\/triage$/);
  await page.getByRole('heading', { name: 'Triage queue' }).waitFor();
  await page.locator('li.triage-entry').first().waitFor();
  await page.getByText('j / k next / previous flag').waitFor();
  assert.ok((await page.locator('li.triage-entry').count()) > 1);
  assert.ok((await page.locator('mark.ev').count()) > 0, 'evidence is marked in the text');
  assert.equal(
    (await page.locator('mark.ev-selected').count()) > 0,
    true,
    'the current flag’s evidence stands out',
  );
  await shot('20-triage-queue');

  const feedbackPost = () =>
    page.waitForResponse(
      (r) => /\/api\/detections\/[^/]+\/feedback$/.test(r.url()) && r.request().method() === 'POST',
    );

  // Keyboard: j then k comes back to the first flag; a accepts it.
  const first = await page.locator('li.triage-det.current').getAttribute('data-detection');
  assert.ok(first);
  await page.keyboard.press('j');
  const second = await page.locator('li.triage-det.current').getAttribute('data-detection');
  assert.notEqual(second, first);
  await page.keyboard.press('k');
  assert.equal(await page.locator('li.triage-det.current').getAttribute('data-detection'), first);
  const accepted = feedbackPost();
  await page.keyboard.press('a');
  assert.equal((await accepted).status(), 201);
  await page.locator(`li.triage-det[data-detection="${first}"] .verdict-accept`).waitFor();
  assert.match(
    (await page.locator(`li.triage-det[data-detection="${first}"]`).textContent()) ?? '',
    /accepted/,
  );
  assert.notEqual(
    await page.locator('li.triage-det.current').getAttribute('data-detection'),
    first,
    'the cursor moved to the next open flag',
  );

  // Click: reject an open flag of another item.
  const row = page.locator('li.triage-entry').nth(1).locator('li.triage-det:not(.reviewed)').first();
  const rejectedId = await row.getAttribute('data-detection');
  assert.ok(rejectedId && rejectedId !== first);
  const rejected = feedbackPost();
  await row.getByRole('button', { name: 'Reject' }).click();
  assert.equal((await rejected).status(), 201);
  await page.locator(`li.triage-det[data-detection="${rejectedId}"] .verdict-reject`).waitFor();

  // ? shows the shortcuts, Escape hides them.
  await page.keyboard.press('?');
  await page.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
  await shot('21-triage-verdicts-help');
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('heading', { name: 'Keyboard shortcuts' }).count(), 0);

  // The verdicts are stored, with the analyst as actor.
  const history = await f.server.inject({
    url: '/api/feedback',
    headers: { authorization: `Bearer ${f.keys.admin}` },
  });
  const stored = (history.json().feedback as { detectionId: string; verdict: string; actor: string }[]).map(
    (x) => [x.detectionId, x.verdict, x.actor],
  );
  assert.deepEqual(stored, [
    [rejectedId, 'reject', 'nodira'],
    [first, 'accept', 'nodira'],
  ]);
  // A reload shows the queue without the fully reviewed items' verdicts lost.
  await page.reload();
  await page.locator('li.triage-entry').first().waitFor();
  assert.equal(await page.locator(`li.triage-det[data-detection="${first}"]:not(.reviewed)`).count(), 0);
  assert.deepEqual(problems, []);
});
