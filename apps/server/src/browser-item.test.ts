/**
 * The item page in a real browser (Debian's chromium via playwright-core) against the real server on
 * 127.0.0.1 and a demo store: the text with its evidence marked, where the item came from (its parent
 * in the story's provenance, with the lag) and its copies, rewrites and translations. Fails on any
 * console error or CSP violation. Screenshots in test-artifacts/dashboard/. Skips, saying so, only
 * when /usr/bin/chromium is missing.
 */
import assert from 'node:assert/strict';
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
  SHOTS,
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

interface Detail {
  item: { id: string; storyId?: string };
  detections: { evidence: unknown[] }[];
  story?: { firstItemId: string; size: number };
}

test('item page: evidence marked in the text, where it came from, and its copies and translations', {
  skip: CHROMIUM_SKIP,
  timeout: 240_000,
}, async () => {
  f = await fixture({ demoItems: 200, webDir: WEB_DIST });
  const get = async <T>(url: string): Promise<T> => {
    const r = await f!.server.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${f!.keys.viewer}` },
    });
    assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
    return r.json() as T;
  };
  // A demo item that copies or translates an earlier one and carries flagged evidence.
  const stories = await get<{ stories: { id: string; size: number }[] }>('/api/stories?limit=50&minSize=3');
  let chosen: Detail | undefined;
  for (const s of stories.stories) {
    const d = await get<{ members: { id: string; link: string }[] }>(`/api/stories/${s.id}`);
    for (const m of d.members.filter((x) => x.link !== 'first')) {
      const v = await get<Detail>(`/api/items/${m.id}`);
      if (!v.detections.some((x) => x.evidence.length > 0)) continue;
      // taken from an earlier item in the story's provenance (not its origin)
      const tr = await get<{ provenance: { nodes: { itemId: string; parent?: string }[] } }>(
        `/api/trace/${m.id}`,
      );
      if (tr.provenance.nodes.some((n) => n.itemId === m.id && n.parent)) {
        chosen = v;
        break;
      }
    }
    if (chosen) break;
  }
  assert.ok(chosen, 'the demo has a flagged copy in a story of three or more');
  const base = await listenLocal(f);
  browser = await launchChromium();
  const { page, problems } = await openDashboard(browser, base);
  await logIn(page, 'viewer', PASSWORD);

  await page.goto(`${base}/items/${chosen.item.id}`);
  await page.getByRole('heading', { name: 'Where it came from' }).waitFor();
  assert.ok((await page.locator('.item-text mark.ev').count()) >= 1, 'evidence marked in the text');
  await page.getByText(/^Taken from .+ later\.?/).waitFor();
  await page.getByRole('heading', { name: 'Copies, rewrites and translations' }).waitFor();
  assert.ok((await page.locator('section:has(h3) ul.plain li a[href^="/items/"]').count()) >= 1);
  await page.screenshot({ path: join(SHOTS, 'item-01-provenance.png'), fullPage: true });
  // the story link leads to its provenance
  await page.getByRole('link', { name: 'Open the story and its provenance graph' }).click();
  await page.waitForURL(/\/stories\/st_/);
  await page.locator('ul.prov li').first().waitFor();
  assert.deepEqual(problems, []);
});
