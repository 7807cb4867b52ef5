/**
 * The demo corpus: determinism, the numbers the product promises (size, span, languages, folded
 * Tajik), narrative coverage, a manifest whose every key resolves to an item in the files, and
 * files that are well-formed RSS, Atom, Telegram Desktop JSON and CSV. Files are parsed here
 * independently of the generator, the way an ingest would see them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { isOgohError } from '@ogoh/core';
import { parseFile } from '@ogoh/ingest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  DEMO_FACT_CHECK_FILE,
  type DemoCorpus,
  generateDemo,
  jsonlLines,
  resolveOptions,
  writeDemo,
} from './generate.ts';
import type { ItemKey } from './manifest.ts';
import { CONVERGENCE_PAIRS, NARRATIVE_FAMILIES, NARRATIVE_IDS } from './narratives.ts';
import { DEMO_FACT_CHECKS } from './templates/factchecks.ts';
import { NARRATIVE_TOPICS } from './templates/index.ts';
import { foldTajik, uzLatinToCyrillic } from './text.ts';

const TAJIK_LETTERS = /[ҳҷқғӣӯҲҶҚҒӢӮ]/;
const DAY = 86_400_000;

interface Parsed {
  source: string;
  id: string;
  title: string;
  text: string;
  at: number;
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  isArray: (n) => n === 'item' || n === 'entry' || n === 'link',
});

function decode(content: string | Uint8Array, file: string): string {
  if (typeof content === 'string') return content;
  const prolog = new TextDecoder('latin1').decode(content.subarray(0, 80));
  const enc = /encoding="([^"]+)"/.exec(prolog)?.[1] ?? 'utf-8';
  assert.equal(enc.toLowerCase(), 'windows-1251', `${file}: unexpected byte file encoding ${enc}`);
  return new TextDecoder('windows-1251').decode(content);
}

const stripTags = (s: string) =>
  s
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const textOf = (v: unknown): string => {
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return String((v as Record<string, unknown>)['#text']);
  if (v && typeof v === 'object' && 'div' in v) return strings((v as Record<string, unknown>).div).join(' ');
  return '';
};
/** Text nodes of a parsed XHTML fragment (attributes skipped). */
const strings = (v: unknown): string[] =>
  typeof v === 'string'
    ? [v]
    : Array.isArray(v)
      ? v.flatMap(strings)
      : v && typeof v === 'object'
        ? Object.entries(v).flatMap(([k, x]) => (k.startsWith('@_') ? [] : strings(x)))
        : [];

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** Parses every file of a corpus into items keyed by source + external id. */
function parseAll(corpus: DemoCorpus): Map<string, Parsed> {
  const out = new Map<string, Parsed>();
  const add = (p: Parsed) => {
    const k = `${p.source}\u0000${p.id}`;
    assert.ok(!out.has(k), `duplicate key ${p.source} ${p.id}`);
    out.set(k, p);
  };
  for (const f of corpus.files) {
    const body = decode(f.content, f.path);
    if (f.format === 'rss' || f.format === 'atom') {
      const valid = XMLValidator.validate(body);
      assert.equal(valid, true, `${f.path}: ${JSON.stringify(valid)}`);
      const doc = xml.parse(body);
      if (f.format === 'rss') {
        assert.equal(doc.rss['@_version'], '2.0', f.path);
        for (const it of doc.rss.channel.item ?? []) {
          const desc = stripTags(textOf(it['content:encoded']) || textOf(it.description));
          add({
            source: f.source,
            id: textOf(it.guid),
            title: textOf(it.title),
            text: desc,
            at: Date.parse(it.pubDate),
          });
        }
      } else {
        assert.equal(doc.feed['@_xmlns'], 'http://www.w3.org/2005/Atom', f.path);
        for (const e of doc.feed.entry ?? []) {
          add({
            source: f.source,
            id: textOf(e.id),
            title: textOf(e.title),
            text: stripTags(textOf(e.content)),
            at: Date.parse(e.published),
          });
        }
      }
    } else if (f.format === 'telegram') {
      const chat = JSON.parse(body);
      assert.equal(typeof chat.name, 'string');
      assert.ok(['public_channel', 'private_group'].includes(chat.type), f.path);
      assert.equal(typeof chat.id, 'number');
      const ids = new Set<number>();
      let prev = 0;
      for (const m of chat.messages) {
        assert.ok(Number.isInteger(m.id) && m.id > prev, `${f.path}: ids ascend (${m.id})`);
        prev = m.id;
        ids.add(m.id);
        assert.match(m.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
        const unix = Number(m.date_unixtime) * 1000;
        assert.equal(
          Date.parse(`${m.date}+05:00`),
          unix,
          `${f.path}#${m.id}: date is UTC+5 wall clock of date_unixtime`,
        );
        if (m.type === 'service') {
          assert.equal(m.action, 'pin_message');
          assert.ok(ids.has(m.message_id), `${f.path}#${m.id}: pins an earlier message`);
          continue;
        }
        assert.equal(m.type, 'message');
        assert.ok(Array.isArray(m.text_entities));
        const flat =
          typeof m.text === 'string'
            ? m.text
            : m.text.map((p: string | { text: string }) => (typeof p === 'string' ? p : p.text)).join('');
        assert.equal(
          m.text_entities.map((e: { text: string }) => e.text).join(''),
          flat,
          `${f.path}#${m.id}: entities spell the text`,
        );
        if (Array.isArray(m.text))
          for (const p of m.text) if (typeof p !== 'string') assert.notEqual(p.type, 'plain');
        for (const e of m.text_entities) if (e.type === 'text_link') assert.match(e.href, /^https:\/\//);
        if (m.reply_to_message_id !== undefined)
          assert.ok(ids.has(m.reply_to_message_id), `${f.path}#${m.id}: reply target exists`);
        if (chat.type === 'private_group') assert.match(m.from_id, /^user\d+$/);
        const bold = m.text_entities.find((e: { type: string }) => e.type === 'bold');
        add({ source: f.source, id: `${chat.id}/${m.id}`, title: bold?.text ?? '', text: flat, at: unix });
      }
    } else if (f.format === 'csv') {
      const rows = parseCsv(body.replace(/^\ufeff/, ''));
      const head = rows[0]!;
      const width = head.length;
      const col = (name: string) => head.indexOf(name);
      for (const r of rows.slice(1)) {
        assert.equal(r.length, width, `${f.path}: row width`);
        const text = r[col('body')]!;
        const date = r[col('date')]!;
        add({
          source: f.source,
          id: r[col('id')]!,
          title: col('title') >= 0 ? r[col('title')]! : '',
          text,
          at: Date.parse(date.includes('T') ? date : `${date.replace(' ', 'T')}Z`),
        });
      }
    }
  }
  return out;
}

describe('demo corpus (default seed)', () => {
  let corpus: DemoCorpus;
  let parsed: Map<string, Parsed>;
  const get = (k: ItemKey): Parsed => {
    const p = parsed.get(`${k.source}\u0000${k.id}`);
    assert.ok(p, `manifest key ${k.source} ${k.id} is an item in the files`);
    return p;
  };

  before(() => {
    corpus = generateDemo();
    parsed = parseAll(corpus);
  });

  it('has at least 1,500 items over at least 60 days ending around 2026-11-20', () => {
    const c = corpus.manifest.counts;
    assert.ok(c.items >= 1500, `${c.items} items`);
    assert.equal(parsed.size, c.items, 'files hold exactly the manifest items');
    const times = [...parsed.values()].map((p) => p.at);
    assert.ok(
      times.every((t) => Number.isFinite(t)),
      'every date parses',
    );
    const first = Math.min(...times);
    const last = Math.max(...times);
    assert.ok(last - first >= 60 * DAY, `span ${(last - first) / DAY} days`);
    assert.ok(
      last >= Date.parse('2026-11-19T00:00:00Z') && last < Date.parse('2026-11-21T00:00:00Z'),
      new Date(last).toISOString(),
    );
  });

  it('is mostly Tajik and Russian, with both Uzbek scripts, English and some Persian script', () => {
    const c = corpus.manifest.counts;
    const share = (n: number) => n / c.items;
    assert.ok(share(c.byLang.tg) >= 0.35, `tg ${share(c.byLang.tg)}`);
    assert.ok(share(c.byLang.ru) >= 0.25, `ru ${share(c.byLang.ru)}`);
    assert.ok(share(c.byLang.uz) >= 0.08, `uz ${share(c.byLang.uz)}`);
    assert.ok(share(c.uzLatin) >= 0.03 && share(c.uzCyrillic) >= 0.03, 'both Uzbek scripts');
    assert.ok(share(c.byLang.en) >= 0.07, `en ${share(c.byLang.en)}`);
    assert.ok(c.byLang.fa >= 10, `fa ${c.byLang.fa}`);
    assert.ok(c.foldedTajik / c.byLang.tg >= 0.3, `folded ${c.foldedTajik}/${c.byLang.tg}`);
    assert.ok(c.codeSwitched >= 5, 'some Tajik–Russian code-switching');
    const items = corpus.manifest.items;
    assert.equal(items.filter((i) => i.folded).length, c.foldedTajik);
    assert.equal(corpus.manifest.foldedTajik.count, c.foldedTajik);
  });

  it('folded Tajik has none of ҳ ҷ қ ғ ӣ ӯ; standard Tajik has them; scripts are what they claim', () => {
    let standardWithLetters = 0;
    let standard = 0;
    for (const m of corpus.manifest.items) {
      const p = get(m);
      const all = `${p.title} ${p.text}`;
      if (m.lang === 'tg' && m.folded)
        assert.doesNotMatch(all, TAJIK_LETTERS, `${m.source} ${m.id} is folded`);
      if (m.lang === 'tg' && !m.folded) {
        standard++;
        if (TAJIK_LETTERS.test(all)) standardWithLetters++;
      }
      if (m.lang === 'uz' && m.script === 'Cyrl')
        assert.doesNotMatch(p.text.replace(/https?:\S+/g, ''), /[a-zA-Z]{3}/, `${m.id} is Cyrillic`);
      if (m.lang === 'uz' && m.script === 'Latn') assert.doesNotMatch(p.text, /[а-яА-Я]/, `${m.id} is Latin`);
      if (m.lang === 'fa') assert.match(p.text, /[\u0600-\u06ff]/);
    }
    assert.ok(standardWithLetters / standard > 0.95, `${standardWithLetters}/${standard}`);
    for (const k of corpus.manifest.foldedTajik.items) get(k);
  });

  it('carries every taxonomy narrative, in more than one item', () => {
    assert.equal(NARRATIVE_IDS.length, 22);
    for (const id of NARRATIVE_IDS) {
      const keys = corpus.manifest.narratives[id];
      assert.ok(keys && keys.length >= 3, `${id}: ${keys?.length ?? 0} items`);
      for (const k of keys) get(k);
      assert.ok(
        NARRATIVE_TOPICS.some((t) => t.narratives?.includes(id)),
        `${id} has a template`,
      );
    }
    const labelled = corpus.manifest.items.filter((i) => i.narratives.length > 0);
    assert.ok(
      labelled.every((i) => i.narratives.every((n) => n in NARRATIVE_FAMILIES)),
      'only taxonomy ids',
    );
    const benign = corpus.manifest.items.filter((i) => i.narratives.length === 0);
    assert.ok(benign.length / corpus.manifest.items.length > 0.6, 'mostly ordinary content');
  });

  it('plants benign controls that must not be flagged', () => {
    const cats = corpus.manifest.controls.categories;
    for (const c of ['religious', 'diaspora', 'pamiri', 'history', 'russia', 'china', 'csto', 'migration'])
      assert.ok((cats[c]?.length ?? 0) >= 5, `control ${c}: ${cats[c]?.length ?? 0}`);
    for (const keys of Object.values(cats))
      for (const k of keys) {
        get(k);
        const m = corpus.manifest.items.find((i) => i.source === k.source && i.id === k.id)!;
        assert.deepEqual(m.narratives, []);
      }
    for (const s of corpus.manifest.controls.spreadShares) {
      const times = s.items.map((k) => get(k).at);
      assert.ok(Math.max(...times) - Math.min(...times) > DAY, 'spread over days');
    }
  });

  it('every manifest key resolves to an item, and chains run forward in time', () => {
    const m = corpus.manifest;
    for (const c of m.reprintChains) {
      const times = c.steps.map((s) => get(s).at);
      assert.equal(c.steps[0]!.relation, 'origin');
      assert.ok(
        times.every((t) => t >= times[0]!),
        `${c.id}: origin comes first`,
      );
      assert.equal(
        c.laundering,
        c.steps.some((s) => !s.attributed),
      );
    }
    assert.ok(
      m.reprintChains.some((c) => c.laundering) &&
        m.reprintChains.some((c) => c.steps.slice(1).every((s) => s.attributed)),
    );
    for (const t of [...m.translations, ...m.transliterations]) {
      get(t.from);
      get(t.to);
    }
    const pairs = new Set(m.translations.map((t) => t.pair));
    for (const p of ['ru>tg', 'ru>uz', 'ru>en', 'tg>ru']) assert.ok(pairs.has(p), `translation ${p}`);
    for (const c of m.crossPosts)
      assert.ok(get(c.items[1]!).text.includes(get(c.items[0]!).text.slice(0, 60)), 'same text on both');
    for (const d of m.nearDuplicates) {
      get(d.original);
      for (const c of d.copies) get(c);
    }
    for (const c of m.convergence) for (const k of c.items) get(k);
  });

  it('translations keep the facts: the same numbers in both languages', () => {
    // numbers in the body (a Telegram post's bold title is left out: titles are not translated 1:1)
    const nums = (p: Parsed) =>
      (
        p.text
          .replace(p.title, '')
          .replace(/https?:\S+/g, '')
          .match(/\d+/g) ?? []
      )
        .map(Number)
        .sort((a, b) => a - b)
        .join(' ');
    for (const t of corpus.manifest.translations) {
      const a = get(t.from);
      const b = get(t.to);
      assert.equal(nums(b), nums(a), `${t.pair} ${t.from.id} → ${t.to.id}\n${a.text}\n${b.text}`);
    }
  });

  it('plants coordinated bursts: many accounts, one object, minutes apart', () => {
    const kinds = new Set<string>();
    for (const b of corpus.manifest.coordinatedBursts) {
      kinds.add(b.kind);
      assert.ok(b.items.length >= 4, b.id);
      assert.ok(new Set(b.accounts).size === b.accounts.length, `${b.id}: distinct accounts`);
      const times = b.items.map((k) => get(k).at);
      assert.ok(Math.max(...times) - Math.min(...times) <= 10 * 60_000, `${b.id}: within 10 minutes`);
      if (b.kind === 'url')
        for (const k of b.items) assert.ok(get(k).text.includes(b.object), `${b.id}: shares ${b.object}`);
      if (b.kind === 'text')
        for (const k of b.items) assert.ok(get(k).text.includes(b.object), `${b.id}: same text`);
    }
    assert.deepEqual([...kinds].sort(), ['forward', 'text', 'url']);
  });

  it('plants every convergence pair across actor families', () => {
    for (const pair of CONVERGENCE_PAIRS) {
      const win = corpus.manifest.convergence.filter((c) => c.pair === pair.id && c.signal === 'window');
      assert.ok(win.length >= 1, pair.id);
      for (const w of win) {
        const fams = new Set(
          w.items.flatMap((k) =>
            k.narratives.map((n) => NARRATIVE_FAMILIES[n as keyof typeof NARRATIVE_FAMILIES]),
          ),
        );
        assert.ok(fams.size >= 2, `${pair.id}: ${[...fams]}`);
        assert.ok(
          w.items.every((k) => k.source === w.source),
          `${pair.id}: one channel`,
        );
        assert.ok(Date.parse(w.to) - Date.parse(w.from) <= 2 * DAY, `${pair.id}: one window`);
      }
    }
    assert.ok(corpus.manifest.convergence.some((c) => c.signal === 'single-item'));
  });

  it('uses only fictional outlets: reserved .example domains and _demo channels', () => {
    for (const s of corpus.manifest.sources) {
      if (s.url && !s.url.startsWith('https://t.me/'))
        assert.match(s.url, /^https:\/\/[a-z0-9.-]+\.example\//, s.id);
      if (s.channelId) assert.match(s.channelId, /^@[a-z_]+_demo$/);
      assert.match(s.id, /^[a-z0-9][a-z0-9._-]{0,63}$/);
    }
    for (const p of parsed.values())
      for (const url of p.text.match(/https?:\/\/[^\s"<]+/g) ?? [])
        assert.match(url, /^https:\/\/([a-z0-9.-]+\.example|t\.me)\//, url);
    const social = corpus.manifest.sources.find((s) => s.id === 'social-listening');
    assert.deepEqual(social?.csvMap, { text: 'body', published: 'date', url: 'link', author: 'user' });
  });
});

describe('demo determinism and options', () => {
  it('the same seed gives byte-identical files; another seed differs', () => {
    const a = generateDemo({ seed: 11, items: 300 });
    const b = generateDemo({ seed: 11, items: 300 });
    const c = generateDemo({ seed: 12, items: 300 });
    assert.deepEqual(
      a.files.map((f) => f.path),
      b.files.map((f) => f.path),
    );
    for (let i = 0; i < a.files.length; i++)
      assert.deepEqual(a.files[i]!.content, b.files[i]!.content, a.files[i]!.path);
    const differing = a.files.filter((f, i) => {
      const g = c.files[i]!.content;
      return typeof f.content === 'string'
        ? f.content !== g
        : Buffer.compare(Buffer.from(f.content), Buffer.from(g as Uint8Array)) !== 0;
    });
    // all but the fact-checks (the same reviews whatever the seed) differ
    assert.ok(differing.length >= a.files.length - 2, `${differing.length}/${a.files.length} files differ`);
  });

  it('a small corpus still plants every phenomenon and covers every narrative', () => {
    const small = generateDemo({ seed: 3, items: 200 });
    const parsed = parseAll(small);
    assert.equal(parsed.size, small.manifest.counts.items);
    for (const id of NARRATIVE_IDS) assert.ok(small.manifest.narratives[id].length >= 2, id);
    assert.ok(small.manifest.coordinatedBursts.length >= 4);
    assert.ok(small.manifest.reprintChains.length >= 5);
  });

  it('rejects bad options with a USAGE error naming the field', () => {
    for (const [opts, field] of [
      [{ items: 0 }, 'items'],
      [{ seed: -1 }, 'seed'],
      [{ days: 2.5 }, 'days'],
      [{ start: 'yesterday' }, 'start'],
    ] as const) {
      assert.throws(
        () => resolveOptions(opts),
        (e: unknown) => isOgohError(e) && e.code === 'USAGE' && e.field === field,
      );
    }
    const w = resolveOptions({ start: '2026-01-01', days: 30 });
    assert.equal(new Date(w.start).toISOString(), '2025-12-31T19:00:00.000Z');
    assert.equal(w.end - w.start, 30 * DAY);
  });
});

describe('demo files through the project ingest', () => {
  it('every file parses without rejects and every manifest item is an ingested record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ogoh-demo-ingest-'));
    try {
      const { manifest } = writeDemo(dir, { seed: 9, items: 400 });
      const seen = new Set<string>();
      for (const s of manifest.sources) {
        const run = parseFile(join(dir, s.file), s.csvMap ? { map: s.csvMap } : {});
        for await (const ev of run) {
          assert.ok(!('rejected' in ev), `${s.file}: ${JSON.stringify(ev)}`);
          if ('record' in ev) seen.add(`${s.id}\u0000${ev.record.externalId}`);
        }
        const info = await run.info;
        assert.equal(info.format, s.format, s.file);
        if (s.encoding) assert.equal(info.encoding, s.encoding, s.file);
      }
      assert.equal(seen.size, manifest.counts.items);
      for (const it of manifest.items)
        assert.ok(seen.has(`${it.source}\u0000${it.id}`), `${it.source} ${it.id} ingested`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('text helpers', () => {
  it('folds Tajik the way a Russian keyboard types it', () => {
    assert.equal(
      foldTajik('Ҳукумати Тоҷикистон қарор қабул кард, ғалаба, Ӯзбекистон, дӯстӣ'),
      'Хукумати Точикистон карор кабул кард, галаба, Узбекистон, дусти',
    );
  });

  it('transliterates Uzbek Latin to Cyrillic', () => {
    assert.equal(
      uzLatinToCyrillic('Oʻzbekiston shahrida yoʻl, gʻalaba, choy, Yevropa, ekspert, 12-noyabr'),
      'Ўзбекистон шаҳрида йўл, ғалаба, чой, Европа, эксперт, 12-ноябр',
    );
    assert.equal(uzLatinToCyrillic('maʼlumot, qoʻmita, Xorugʻ'), 'маълумот, қўмита, Хоруғ');
    assert.equal(uzLatinToCyrillic('Uch ishlash Rossiya xayriya'), 'Уч ишлаш Россия хайрия');
  });
});

describe('benchmark JSONL', () => {
  it('streams valid lines deterministically with 5–10% planted near-duplicates', () => {
    const lines = [...jsonlLines({ items: 3000, seed: 5, truth: true })];
    assert.equal(lines.length, 3000);
    const again = [...jsonlLines({ items: 3000, seed: 5, truth: true })];
    assert.deepEqual(again, lines);
    let dups = 0;
    let prev = '';
    const ids = new Set<string>();
    for (const l of lines) {
      const o = JSON.parse(l);
      for (const k of ['id', 'source', 'published', 'url', 'title', 'text', 'lang'])
        assert.equal(typeof o[k], 'string', k);
      assert.ok(['tg', 'ru', 'uz', 'en', 'fa'].includes(o.lang));
      assert.ok(o.published >= prev, 'in time order');
      prev = o.published;
      if (o.dupOf) {
        dups++;
        assert.ok(ids.has(o.dupOf), 'duplicates an earlier line');
      }
      ids.add(o.id);
    }
    assert.ok(dups / lines.length >= 0.05 && dups / lines.length <= 0.1, `dup rate ${dups / lines.length}`);
    const plain = [...jsonlLines({ items: 50, seed: 5 })];
    assert.ok(plain.every((l) => !l.includes('"dupOf"')));
  });
});

describe('CLI', () => {
  it('writes the files and the manifest; bad flags exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ogoh-demo-'));
    try {
      const ok = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'demo/generate.ts', '--out', dir, '--items', '250', '--seed', '4'],
        { encoding: 'utf8' },
      );
      assert.equal(ok.status, 0, ok.stderr);
      assert.ok(existsSync(join(dir, 'manifest.json')));
      assert.ok(existsSync(join(dir, 'telegram/hamvatanon_chat_demo/result.json')));
      const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      assert.equal(m.generator.seed, 4);
      const bad = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'demo/generate.ts', '--out', dir, '--items', 'many'],
        { encoding: 'utf8' },
      );
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /items/);
      const missing = spawnSync(process.execPath, ['--import', 'tsx', 'demo/generate.ts'], {
        encoding: 'utf8',
      });
      assert.equal(missing.status, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('demo fact-checks', () => {
  it('are ClaimReview records about topics the corpus renders, with unique ids', () => {
    const corpus = generateDemo({ seed: 7, items: 300 });
    const file = corpus.files.find((f) => f.path === DEMO_FACT_CHECK_FILE);
    assert.ok(file, 'the corpus carries its fact-checks');
    const reviews = JSON.parse(String(file.content)) as {
      '@type': string;
      '@id': string;
      claimReviewed: string;
    }[];
    assert.equal(reviews.length, DEMO_FACT_CHECKS.length);
    assert.equal(new Set(reviews.map((r) => r['@id'])).size, reviews.length);
    const topics = new Set(NARRATIVE_TOPICS.map((t) => t.id));
    for (const f of DEMO_FACT_CHECKS) assert.ok(topics.has(f.topic), `${f.id}: topic ${f.topic}`);
    for (const r of reviews) {
      assert.equal(r['@type'], 'ClaimReview');
      assert.ok(r.claimReviewed.length > 20);
    }
  });
});
