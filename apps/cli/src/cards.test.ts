/**
 * End-to-end: `ogoh cards` and `ogoh review-message` through the real binary.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const BIN = new URL('../bin/ogoh.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ogoh-cards-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function ogoh(args: string[], input = '') {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, OGOH_DB: join(dir, 'none.db') },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('ogoh cards: one card in Tajik Markdown, all cards as JSON, a printable HTML deck to a file', () => {
  const md = ogoh(['cards', 'Loaded_Language', '--lang', 'tg']);
  assert.equal(md.code, 0, md.err);
  assert.match(md.out, /^## Забони пурэҳсос/);
  assert.match(md.out, /\*\*Чӣ тавр санҷидан мумкин\.\*\*/);

  const json = ogoh(['cards', '--format', 'json', '--lang', 'ru']);
  assert.equal(json.code, 0, json.err);
  const cards = JSON.parse(json.out) as { id: string; kind: string; what: string }[];
  assert.equal(cards.length, 45);
  assert.equal(cards.filter((c) => c.kind === 'technique').length, 23);
  assert.ok(cards.every((c) => c.what.length > 20));

  const out = join(dir, 'deck.html');
  const html = ogoh([
    'cards',
    'ru-pamir-separatism',
    'Doubt',
    '--format',
    'html',
    '--lang',
    'tg',
    '--out',
    out,
  ]);
  assert.equal(html.code, 0, html.err);
  assert.equal(html.out, '');
  const doc = readFileSync(out, 'utf8');
  assert.match(doc, /<html lang="tg">/);
  assert.equal((doc.match(/<article /g) ?? []).length, 2);
  assert.match(doc, /Мухторияти ВМКБ/);
});

test('ogoh cards: an unknown id or a bad flag is a usage error naming it', () => {
  const unknown = ogoh(['cards', 'Loaded-Language']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /no card for "Loaded-Language"/);
  const lang = ogoh(['cards', '--lang', 'de']);
  assert.equal(lang.code, 2);
  assert.match(lang.err, /--lang "de"/);
  const fmt = ogoh(['cards', '--format', 'pdf']);
  assert.equal(fmt.code, 2);
  assert.match(fmt.err, /--format/);
});

test('ogoh review-message: flags a stigmatising draft (exit 1) with reasons in Russian; passes ordinary speech (exit 0)', () => {
  const bad = ogoh(['review-message', '--lang', 'ru', 'Мы против террора. Все памирцы — сепаратисты.']);
  assert.equal(bad.code, 1, bad.err);
  assert.match(bad.out, /«Все памирцы — сепаратисты»/);
  assert.match(bad.out, /вербовк/);

  const file = join(dir, 'draft.txt');
  writeFileSync(file, 'Хамаи мухочирон хамеша чинояткоранд.');
  const typed = ogoh(['review-message', '--file', file, '--json']);
  assert.equal(typed.code, 1);
  const r = JSON.parse(typed.out) as { ok: boolean; findings: { text: string; group: { type: string } }[] };
  assert.equal(r.ok, false);
  assert.equal(r.findings[0]!.group.type, 'migrant');

  const ok = ogoh(['review-message', '--json'], 'Мусулмонон иди Рамазонро бо хурсандӣ ҷашн гирифтанд.');
  assert.equal(ok.code, 0, ok.err);
  assert.equal(JSON.parse(ok.out).ok, true);

  const none = ogoh(['review-message', '--file', join(dir, 'missing.txt')]);
  assert.equal(none.code, 2);
  assert.match(none.err, /cannot read the draft/);
});

test('ogoh check --explain shows each flag card (what it is, how to check) in the --explain-lang language; --json carries a card reference', () => {
  const text = 'Только Россия может защитить. Россия — гарант безопасности.';
  const explained = ogoh(['check', '--explain', '--explain-lang', 'tg', text]);
  assert.equal(explained.code, 0, explained.err);
  assert.match(
    explained.out,
    /▸ Русия ҳамчун кафили ивазнашавандаи амният \(ru-indispensable-security-guarantor\)/,
  );
  assert.match(explained.out, /Ин чист: Русия/);
  assert.match(explained.out, /Чӣ тавр санҷидан мумкин: /);
  const json = ogoh(['check', '--json', text]);
  const r = JSON.parse(json.out) as { narratives: { id: string; card?: { href: string; what?: string } }[] };
  const n = r.narratives.find((x) => x.id === 'ru-indispensable-security-guarantor')!;
  assert.equal(n.card?.href, '/api/cards/ru-indispensable-security-guarantor.html?lang=en');
  assert.equal(n.card?.what, undefined);
});
