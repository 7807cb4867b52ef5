/**
 * End-to-end: `ogoh claims import|match|list` through the real binary against a store in a temp
 * folder. Bad records exit 2 naming file and line while good ones are stored; a malformed file
 * stores nothing; re-import updates instead of doubling; `--jsonl` streams one line out per line in,
 * in order; the cached index follows the claims.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;

let dir: string;
let db: string;

function ogoh(args: string[], input = '', store = db) {
  const r = spawnSync(process.execPath, [BIN, '--db', store, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, OGOH_DB: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const CSV = `id,claim,rating,url,date,lang,org
fc-rogun,"Рогунская ГЭС продаёт 70 процентов своей электроэнергии в Афганистан, а жители Душанбе сидят без света.",Ложь,https://factcheck.tj/ru/1,2026-03-02,ru,Factcheck.tj
fc-mosques,"Правительство Таджикистана выделило 2,5 миллиона сомони на ремонт мечетей в Хатлоне.",Ложь,https://factcheck.tj/ru/2,2026-01-05,ru,Factcheck.tj
,"no id here",False,,,,
fc-gas,"Узбекистан прекратит поставки газа в Таджикистан с 1 декабря.",Искажение,https://factcheck.tj/ru/3,2025-11-28,ru,Factcheck.tj
`;

const CLAIMREVIEW = JSON.stringify({
  '@context': 'https://schema.org',
  '@graph': [
    {
      '@type': 'ClaimReview',
      '@id': 'https://cabar.asia/en/fc/migrants#review',
      url: 'https://cabar.asia/en/fc/migrants',
      claimReviewed:
        'С 1 апреля 2026 года Россия запрещает въезд всем мигрантам из Таджикистана без знания русского языка.',
      inLanguage: 'ru',
      author: { '@type': 'Organization', name: 'CABAR.asia' },
      reviewRating: { '@type': 'Rating', alternateName: 'Misleading' },
    },
  ],
});

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ogoh-claims-cli-'));
  db = join(dir, 'store.db');
  writeFileSync(join(dir, 'checks.csv'), CSV);
  writeFileSync(join(dir, 'cabar.jsonld'), CLAIMREVIEW);
  writeFileSync(join(dir, 'broken.json'), '{\n  "claims": [\n    { "text": "x" ,,}\n  ]\n}\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('ogoh claims', () => {
  test('import keeps good records, reports bad ones with file:line, exits 2', () => {
    const r = ogoh(['--json', 'claims', 'import', join(dir, 'checks.csv'), join(dir, 'cabar.jsonld')]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /checks\.csv:4: empty "id"/);
    const report = JSON.parse(r.out);
    assert.equal(report.inserted, 4);
    assert.deepEqual(
      report.files.map((f: { format: string; claims: number }) => [f.format, f.claims]),
      [
        ['csv', 3],
        ['claimreview', 1],
      ],
    );
    const list = JSON.parse(ogoh(['--json', 'claims', 'list']).out);
    assert.equal(list.total, 4);
    assert.deepEqual(list.claims.map((c: { id: string }) => c.id).sort(), [
      'fc-gas',
      'fc-mosques',
      'fc-rogun',
      'https://cabar.asia/en/fc/migrants#review',
    ]);
  });

  test('re-import is idempotent: same ids unchanged, an edited claim updated, never doubled', () => {
    const again = ogoh(['--json', 'claims', 'import', join(dir, 'cabar.jsonld')]);
    assert.equal(again.code, 0, again.err);
    assert.deepEqual(
      (({ inserted, updated, unchanged }) => ({ inserted, updated, unchanged }))(JSON.parse(again.out)),
      { inserted: 0, updated: 0, unchanged: 1 },
    );
    const edited = join(dir, 'edited.csv');
    writeFileSync(
      edited,
      'id,claim,rating\nfc-gas,"Узбекистан прекратит поставки газа в Таджикистан с 1 декабря.",Ложь\n',
    );
    const up = JSON.parse(ogoh(['--json', 'claims', 'import', edited]).out);
    assert.equal(up.updated, 1);
    const list = JSON.parse(ogoh(['--json', 'claims', 'list']).out);
    assert.equal(list.total, 4);
    assert.equal(list.claims.find((c: { id: string }) => c.id === 'fc-gas').rating, 'Ложь');
  });

  test('a malformed file is exit 2 naming file and line, and stores nothing', () => {
    const fresh = join(dir, 'fresh.db');
    const r = ogoh(['claims', 'import', join(dir, 'checks.csv'), join(dir, 'broken.json')], '', fresh);
    assert.equal(r.code, 2);
    assert.match(r.err, /broken\.json:3(:\d+)?: not valid JSON/);
    assert.equal(JSON.parse(ogoh(['--json', 'claims', 'list'], '', fresh).out).total, 0);
    const missing = ogoh(['claims', 'import', join(dir, 'nope.json')], '', fresh);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /nope\.json: no such file/);
  });

  test('match: a Tajik text typed on a Russian keyboard finds the Russian fact-check', () => {
    const q = 'Неругохи Рогун 70 фоизи барки худро ба Афгонистон мефурушад, мардуми Душанбе бе барк';
    const r = ogoh(['--json', 'claims', 'match', q, '--k', '2']);
    assert.equal(r.code, 0, r.err);
    const { matches } = JSON.parse(r.out);
    assert.ok(matches.length >= 1 && matches.length <= 2);
    assert.equal(matches[0].id, 'fc-rogun');
    if (matches[1]) assert.ok(matches[0].score >= matches[1].score);
    const human = ogoh(['claims', 'match', '--k', '1'], q);
    assert.equal(human.code, 0);
    assert.match(human.out, /fc-rogun {2}\[Ложь · Factcheck\.tj\]/);
    assert.ok(existsSync(`${db}.claims-index`), 'the index is cached next to the store');
  });

  test('bad usage exits 2 naming the flag', () => {
    const k = ogoh(['claims', 'match', 'x', '--k', '0']);
    assert.equal(k.code, 2);
    assert.match(k.err, /--k/);
    assert.equal(ogoh(['claims', 'match'], '  ').code, 2);
    const both = ogoh(['claims', 'match', 'x', '--jsonl']);
    assert.equal(both.code, 2);
    assert.match(both.err, /--jsonl/);
  });

  test('--jsonl: one line out per line in, in order, bad lines marked and exit 2', () => {
    const lines = [
      { id: 'q1', text: 'Хукумати Точикистон 2,5 миллион сомони барои таъмири масчидхои Хатлон чудо кард' },
      { id: 'q2', text: "O'zbekiston 1-dekabrdan Tojikistonga gaz yetkazib berishni to'xtatadi" },
      'this is not json',
      {
        id: 'q4',
        text: 'Аз 1 апрели 2026 Русия ба хамаи мухочирони Точикистон бе донистани забони руси вурудро манъ мекунад',
      },
      { id: 'q5' },
      { id: 'q6', text: 'Rogun dam sells 70% of its electricity to Afghanistan' },
    ];
    const input = lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');
    const r = ogoh(['claims', 'match', '--jsonl', '--k', '3'], `${input}\n`);
    assert.equal(r.code, 2);
    const out = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(out.length, lines.length);
    assert.deepEqual(
      out.map((o) => o.id),
      ['q1', 'q2', null, 'q4', 'q5', 'q6'],
    );
    assert.equal(out[2].error, 'INPUT_PARSE');
    assert.equal(out[2].line, 3);
    assert.equal(out[4].error, 'INPUT_FIELD');
    assert.deepEqual(
      [out[0], out[1], out[3], out[5]].map((o) => o.matches[0].id),
      ['fc-mosques', 'fc-gas', 'https://cabar.asia/en/fc/migrants#review', 'fc-rogun'],
    );
    for (const o of [out[0], out[1], out[3], out[5]]) assert.ok(o.matches.length <= 3);
  });

  test('--jsonl streams: the answer to a line comes before stdin closes', async () => {
    const child = spawn(process.execPath, [BIN, '--db', db, 'claims', 'match', '--jsonl', '--k', '1'], {
      env: { ...process.env, OGOH_DB: '' },
    });
    const rl = createInterface({ input: child.stdout });
    const it = rl[Symbol.asyncIterator]();
    child.stdin.write(`${JSON.stringify({ id: 1, text: 'газ Узбекистан декабрь' })}\n`);
    const first = await it.next();
    assert.deepEqual(JSON.parse(first.value as string).matches[0].id, 'fc-gas');
    child.stdin.end(`${JSON.stringify({ id: 2, text: 'мечети Хатлон' })}\n`);
    const second = await it.next();
    assert.equal(JSON.parse(second.value as string).id, 2);
    const code = await new Promise((res) => child.on('close', res));
    assert.equal(code, 0);
  });

  test('the cached index follows new claims', () => {
    const more = join(dir, 'more.csv');
    writeFileSync(
      more,
      'id,claim\nfc-new,"Ташкент и Душанбе открыли прямой поезд до Самарканда за 4 часа."\n',
    );
    assert.equal(ogoh(['claims', 'import', more]).code, 0);
    const { matches } = JSON.parse(ogoh(['--json', 'claims', 'match', 'поезд Душанбе Самарканд 4 часа']).out);
    assert.equal(matches[0].id, 'fc-new');
  });
});
