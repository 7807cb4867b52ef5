/**
 * The analyst views in a real browser (Debian's chromium via playwright-core) against the real server
 * on 127.0.0.1 and a demo store: the coordinated-sharing network drawn by sigma (loaded on demand)
 * with its groups and a clicked account, a story's provenance as a graph, a pasted Tajik text typed
 * on a Russian keyboard flagged with its narrative, and the UI in Tajik. Fails on any console error
 * or CSP violation. Screenshots in test-artifacts/dashboard/. Skips, saying so, only when
 * /usr/bin/chromium is missing.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  buildWeb,
  CHROMIUM_SKIP,
  launchChromium,
  listenLocal,
  logIn,
  openDashboard,
  ROOT,
  WEB_DIST,
} from './browser-harness.ts';
import { type Fixture, fixture, PASSWORD } from './testing.ts';

before(buildWeb);

let f: Fixture | undefined;
let browser: Browser | undefined;
after(async () => {
  await browser?.close();
  await f?.close();
});

test('views: the network with communities and groups, a story graph, a Tajik check typed on a Russian keyboard, Tajik navigation', {
  skip: CHROMIUM_SKIP,
  timeout: 240_000,
}, async () => {
  f = await fixture({ demoItems: 200, webDir: WEB_DIST });
  // Fact-checked claims to match, imported through the API as an analyst would.
  const imported = await f.server.inject({
    method: 'POST',
    url: '/api/claims/import?filename=claims.csv',
    headers: { authorization: `Bearer ${f.keys.analyst}`, 'content-type': 'text/csv' },
    payload: readFileSync(join(ROOT, 'packages/detect/src/claims/fixtures/claims.csv')),
  });
  assert.equal(imported.statusCode, 200, imported.body);
  const base = await listenLocal(f);

  browser = await launchChromium();
  const { page, problems, shot } = await openDashboard(browser, base);
  const nav = page.locator('header nav');
  await logIn(page, 'viewer', PASSWORD);

  // The overview's spikes and convergence panels; the trends page with its chart and spike markers.
  await page.getByRole('heading', { name: 'Spikes' }).waitFor();
  await page.locator('.convergence .signal').first().waitFor();
  assert.match((await page.locator('.convergence h2').textContent()) ?? '', /hypothesis/);
  assert.ok((await page.locator('.spike-list .spike').count()) >= 1, 'spikes on the overview');
  await shot('views-00-overview-panels');
  await page.getByRole('link', { name: 'All trends →' }).click();
  await page.getByRole('heading', { name: 'Trends and spikes' }).waitFor();
  await page.locator('.trend-canvas canvas').first().waitFor();
  await page.locator('.spike-list .spike a[href^="/items/"]').first().waitFor();
  await page.getByRole('tab', { name: 'Sources' }).click();
  await page.waitForURL(/by=source/);
  await page.locator('.trend-canvas canvas').first().waitFor();
  await shot('views-00b-trends');

  // The network: sigma draws at least one community; the groups are listed beside it.
  await nav.getByRole('link', { name: 'Network' }).click();
  await page.getByRole('heading', { name: 'Coordinated sharing' }).waitFor();
  await page.locator('.graph-canvas[data-state="ready"] canvas').first().waitFor({ timeout: 60_000 });
  assert.ok((await page.locator('.graph-canvas canvas').count()) >= 1, 'sigma canvases');
  const groups = await page.locator('.group-list .group-entry').count();
  assert.ok(groups >= 1, 'at least one group listed');
  assert.match((await page.getByTestId('coord-counts').textContent()) ?? '', /[1-9]\d* communities/);
  // Clicking an account in the list shows its community and partners.
  await page.locator('.group-list .chip').first().click();
  await page.getByTestId('account-panel').waitFor();
  assert.match((await page.getByTestId('account-panel').textContent()) ?? '', /Community/);
  await shot('views-01-network');

  // A story's provenance as a graph.
  await nav.getByRole('link', { name: 'Stories' }).click();
  await page.locator('table tbody tr a').first().click();
  await page.waitForURL(/\/stories\/st_/);
  await page.locator('ul.prov li').first().waitFor();
  await page.getByRole('button', { name: 'Show as graph' }).click();
  await page.locator('.graph-canvas[data-state="ready"] canvas').first().waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('ul.prov').count(), 0, 'the graph replaces the tree');
  await shot('views-02-story-graph');

  // Tajik typed on a Russian keyboard (х for ҳ, ч for ҷ …): identified as Tajik, narrative flagged.
  await nav.getByRole('link', { name: 'Check' }).click();
  await page
    .locator('textarea')
    .fill(
      'Такрори солхои 90-ум нашавад! Дахшатхои чанги шахрванди ёдрас мекунанд, ки субот аз хама болотар аст.',
    );
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('.check-lang').waitFor();
  assert.match((await page.locator('.check-lang').textContent()) ?? '', /^tg\b/i);
  await page.getByText('tj-stability-civil-war-fear').waitFor();
  await shot('views-03-check-tajik-russian-keyboard');

  // The check page lists the fact-checked claims a text may repeat.
  await page.locator('textarea').fill('Хукумат 3 миллион сомони барои таъмири масчидхо чудо кардааст');
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('.check-claims .claim[data-claim="tg-002"]').waitFor();

  // The claims page, from the check page: a Russian-keyboard rewording finds the Tajik claim.
  await page.getByRole('link', { name: /Match a text against fact-checked claims/ }).click();
  await page.getByRole('heading', { name: 'Fact-checked claims' }).waitFor();
  await page.locator('.claim-list .claim').first().waitFor();
  await page
    .locator('textarea.claim-text')
    .fill('Хукумат 3 миллион сомони барои таъмири масчидхо чудо кардааст');
  await page.getByRole('button', { name: 'Find claims' }).click();
  await page.locator('.match-list .claim').first().waitFor();
  assert.equal(await page.locator('.match-list .claim').first().getAttribute('data-claim'), 'tg-002');
  await shot('views-03b-claims-match');

  // The UI in Tajik: navigation, the network page's own strings.
  await page.getByLabel('Language').selectOption('tg');
  await nav.getByRole('link', { name: 'Шарҳи умумӣ' }).waitFor();
  await nav.getByRole('link', { name: 'Шабака' }).click();
  await page.getByRole('heading', { name: 'Паҳнкунии ҳамоҳангшуда' }).waitFor();
  await page.locator('.graph-canvas[data-state="ready"] canvas').first().waitFor({ timeout: 60_000 });
  await shot('views-04-network-tajik');
  // The overview in Tajik: the convergence hypotheses explain their mechanism in Tajik too.
  await nav.getByRole('link', { name: 'Шарҳи умумӣ' }).click();
  await page.locator('.convergence .signal .mechanism').first().waitFor();
  const mechanism = (await page.locator('.convergence .signal .mechanism').first().textContent()) ?? '';
  assert.match(mechanism, /[ҳҷқғӣӯ]/, `a Tajik mechanism, not "${mechanism.slice(0, 80)}"`);
  await shot('views-05-convergence-tajik');

  assert.deepEqual(problems, []);
});
