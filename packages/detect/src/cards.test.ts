import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { OgohError } from '@ogoh/core';
import {
  allCards,
  CARD_LANGS,
  cardCoverage,
  cardDeck,
  cardFor,
  parseCardDeck,
  TAJIK_LETTERS,
} from './cards.ts';
import { cardHtml, cardMarkdown, deckHtml } from './cards-render.ts';
import { defaultTaxonomy } from './taxonomy.ts';
import { TECHNIQUE_IDS } from './techniques.ts';

const enText = readFileSync(new URL('../cards/en.yaml', import.meta.url), 'utf8');

function rejection(yaml: string): OgohError {
  try {
    parseCardDeck(yaml, 'test.yaml');
  } catch (e) {
    assert.ok(e instanceof OgohError, `expected OgohError, got ${e}`);
    return e;
  }
  assert.fail('expected the deck to be rejected');
}

test('every technique and every narrative has a complete card in tg, ru and en, written for this taxonomy', () => {
  assert.deepEqual(cardCoverage(), []);
  const t = defaultTaxonomy();
  for (const lang of CARD_LANGS) {
    const cards = allCards(lang);
    assert.equal(cards.length, TECHNIQUE_IDS.length + t.narratives.length, lang);
    for (const c of cards)
      for (const k of ['title', 'groupLabel', 'what', 'why', 'check', 'example'] as const)
        assert.ok(c[k].trim().length > 10 || k === 'title' || k === 'groupLabel', `${lang} ${c.id} ${k}`);
  }
});

test('Tajik cards are Tajik: every field carries Tajik letters, titles too', () => {
  for (const c of allCards('tg')) {
    for (const k of ['what', 'why', 'check', 'example'] as const)
      assert.match(c[k], TAJIK_LETTERS, `${c.id}.${k}`);
    assert.match(`${c.title} ${c.groupLabel}`, TAJIK_LETTERS, `${c.id} title`);
  }
  // Russian cards must not be Tajik by accident.
  for (const c of allCards('ru')) assert.doesNotMatch(c.what, TAJIK_LETTERS, c.id);
});

test('examples name no real outlet and the three decks differ', () => {
  const outlets =
    /\b(Sputnik|RIA|TASS|Asia-Plus|Ozodi|Radio Ozodi|Khovar|Amaq|Al-Azaim|Ховар|Спутник|ТАСС|РИА|Озодӣ)\b/i;
  for (const lang of CARD_LANGS)
    for (const c of allCards(lang)) assert.doesNotMatch(c.example, outlets, `${lang} ${c.id}`);
  const en = cardFor('Loaded_Language', 'en')!;
  const ru = cardFor('Loaded_Language', 'ru')!;
  assert.notEqual(en.what, ru.what);
});

test('cardFor: techniques by exact label, narratives by id, with localised title, group and versions', () => {
  const c = cardFor('Flag_Waving', 'tg')!;
  assert.equal(c.kind, 'technique');
  assert.equal(c.title, 'Парчамафрозӣ (муроҷиат ба ватандӯстӣ)');
  assert.equal(c.group, 'Justification');
  assert.equal(c.groupLabel, 'Асосноккунӣ');
  const n = cardFor('ru-pamir-separatism', 'ru')!;
  assert.equal(n.kind, 'narrative');
  assert.equal(n.group, 'russian-state');
  assert.equal(n.title, 'Автономия ГБАО как сепаратистская угроза');
  assert.equal(n.taxonomyVersion, defaultTaxonomy().declaredVersion);
  assert.equal(cardFor('flag_waving'), undefined);
  assert.equal(cardFor('no-such-narrative', 'en'), undefined);
  assert.equal(cardFor('Doubt')!.lang, 'en');
});

test('a deck with an empty field, an unknown technique, a missing section or Russian in tg is rejected with file, line and field', () => {
  const empty = rejection(
    enText.replace(/ {2}Doubt:\n {4}what: >-\n(?: {6}.*\n)+/, '  Doubt:\n    what: "  "\n'),
  );
  assert.equal(empty.code, 'INPUT_FIELD');
  assert.equal(empty.file, 'test.yaml');
  assert.match(String(empty.field), /^techniques\.Doubt\.what$/);
  assert.ok(empty.line && empty.line > 10);

  const unknown = rejection(enText.replace('  Repetition:\n', '  Repeating:\n'));
  assert.match(unknown.message, /not a SemEval-2023 technique label/);
  assert.equal(unknown.field, 'techniques.Repeating');

  const noExample = rejection(
    enText.replace(/( {2}Slogans:\n(?: {4}(?!example).*\n| {6}.*\n)+) {4}example: >-\n(?: {6}.*\n)+/, '$1'),
  );
  assert.match(String(noExample.field), /Slogans\.example/);

  const tg = readFileSync(new URL('../cards/tg.yaml', import.meta.url), 'utf8');
  const russian = rejection(
    tg.replace(
      /( {2}Repetition:\n {4}what: >-\n)(?: {6}.*\n)+/,
      '$1      Одно и то же сообщение повторяют снова и снова.\n',
    ),
  );
  assert.equal(russian.field, 'techniques.Repetition.what');
  assert.match(russian.message, /Tajik letter/);

  const bad = rejection('lang: en\ncards_version: [');
  assert.equal(bad.code, 'INPUT_PARSE');
});

test('coverage reports a missing card, an unknown narrative and a stale taxonomy version', () => {
  const d = parseCardDeck(
    enText
      .replace(/ {2}ru-pamir-separatism:\n(?: {4}.*\n| {6}.*\n)+\n/, '')
      .replace('taxonomy_version: "2026.11.1"', 'taxonomy_version: "2025.1.1"'),
    'x.yaml',
  );
  const p = cardCoverage(defaultTaxonomy(), [d]);
  assert.ok(p.includes('en: no card for narrative ru-pamir-separatism'), p.join('\n'));
  assert.ok(p.some((x) => /written for taxonomy 2025\.1\.1/.test(x)));
  const extra = parseCardDeck(
    enText.replace(
      'narratives:\n',
      'narratives:\n  ru-made-up:\n    what: a\n    why: b\n    check: c\n    example: d\n',
    ),
    'x.yaml',
  );
  assert.ok(cardCoverage(defaultTaxonomy(), [extra]).includes('en: card for unknown narrative ru-made-up'));
  assert.equal(cardDeck('tg').lang, 'tg');
});

test('rendering: Markdown and self-contained printable HTML with escaped text', () => {
  const c = cardFor('isk-reward-belonging-youth', 'tg')!;
  const md = cardMarkdown(c);
  assert.match(md, /^## Ваъдаи пул/);
  assert.match(md, /\*\*Чӣ тавр санҷидан мумкин\.\*\*/);
  const html = cardHtml(c);
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /<html lang="tg">/);
  assert.match(html, /@media print/);
  assert.match(html, /Noto Sans/);
  assert.doesNotMatch(html, /<script|<link|src=|@import|url\(/i);
  assert.ok(html.includes(c.what.replace(/"/g, '&#34;').replace(/'/g, '&#39;')));
  const evil = { ...c, example: '<img src=x onerror=alert(1)>' };
  assert.ok(!cardHtml(evil).includes('<img'));
  const deck = deckHtml(allCards('ru'), 'ru', 'Колода');
  assert.equal((deck.match(/<article /g) ?? []).length, 45);
  assert.match(deck, /break-after:page/);
});
