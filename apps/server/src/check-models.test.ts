/**
 * The dashboard's text check uses the store's trained models, like `ogoh check --db` does: before
 * training it reports "cues only"; after `train` installs a model the next check names its version
 * (the detector is reloaded when a model file changes, not on every request).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { trainModel } from '@ogoh/app';
import { type Fixture, fixture } from './testing.ts';

let f: Fixture;
before(async () => {
  f = await fixture({ demoItems: 0 });
});
after(() => f.close());

const check = async (text: string) => {
  const res = await f.server.inject({
    method: 'POST',
    url: '/api/check',
    headers: { authorization: `Bearer ${f.keys.viewer}` },
    payload: { text },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { versions: { narratives: string; techniques: string }; techniques: { id: string }[] };
};

test('POST /api/check switches to a newly trained technique model', async () => {
  const TEXT = 'Wheat is expensive and flour is expensive in Dushanbe.';
  assert.equal((await check(TEXT)).versions.techniques, 'cues only');
  const lines: string[] = [];
  for (let i = 0; i < 80; i++)
    lines.push(
      JSON.stringify(
        i % 2
          ? {
              id: `p${i}`,
              lang: 'en',
              text: `Wheat and flour are expensive, shop ${i}.`,
              labels: ['Loaded_Language'],
            }
          : { id: `n${i}`, lang: 'en', text: `The council met on day ${i} to discuss roads.`, labels: [] },
      ),
    );
  const file = join(f.dir, 'techniques.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const r = await trainModel(f.app, 'techniques', file, { feedback: false });
  const after = await check(TEXT);
  assert.equal(after.versions.techniques, r.version);
  assert.ok(
    after.techniques.some((t) => t.id === 'Loaded_Language'),
    JSON.stringify(after),
  );
});
