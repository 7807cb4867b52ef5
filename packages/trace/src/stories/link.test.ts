import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractAnchors } from './anchors.ts';
import { AnchorIndex } from './index-memory.ts';
import { decideLink, passes, reasonsText, scorePair } from './link.ts';

const H = 3_600_000;
const T0 = Date.parse('2026-10-06T10:00:00Z');

/** A small corpus: the pair under test plus background so that rarity means something. */
function corpus(extra: { id: string; lang: string; text: string; at: number }[]) {
  const idx = new AnchorIndex();
  const bg = [
    'В Душанбе прошла встреча. Таджикистан и Россия обсудили сотрудничество.',
    'Дар Душанбе вохӯрӣ баргузор шуд. Тоҷикистон ва Русия ҳамкориро баррасӣ карданд.',
    'Погода в Душанбе: солнечно, 25 градусов.',
    'Dushanbe hosted a meeting of officials from Tajikistan and Russia.',
  ];
  bg.forEach((text, i) => {
    idx.add({
      itemId: `bg${i}`,
      lang: i === 1 ? 'tg' : i === 3 ? 'en' : 'ru',
      published: T0 - 30 * 24 * H,
      keys: extractAnchors({ text }).keys,
    });
  });
  for (let i = 0; i < 200; i++)
    idx.add({
      itemId: `f${i}`,
      lang: 'ru',
      published: T0 - 20 * 24 * H,
      keys: extractAnchors({ text: `Сводка ${i + 1000} Душанбе Таджикистан Россия Москва` }).keys,
    });
  for (const e of extra)
    idx.add({ itemId: e.id, lang: e.lang, published: e.at, keys: extractAnchors({ text: e.text }).keys });
  return idx;
}

const RU =
  'В Санкт-Петербурге ввели онлайн-очередь на оформление патента на работу. Ежемесячный платёж за патент в регионе составляет 7400 рублей. Представительство Минтруда советует мигрантам заранее готовить документы.';
const TG =
  'Дар Санкт-Петербург барои гирифтани патенти корӣ навбати онлайн ҷорӣ шуд. Пардохти моҳонаи патент дар минтақа 7400 рублро ташкил медиҳад. Намояндагии Вазорати меҳнат ба муҳоҷирон маслиҳат медиҳад.';
const TG_OTHER =
  'Дар Санкт-Петербург барои гирифтани патенти корӣ навбати онлайн ҷорӣ шуд. Пардохти моҳонаи патент дар минтақа 6900 рублро ташкил медиҳад. Намояндагии Вазорати меҳнат ба муҳоҷирон маслиҳат медиҳад.';

test('a Tajik translation links to its Russian source and says why', () => {
  const idx = corpus([
    { id: 'ru', lang: 'ru', text: RU, at: T0 },
    { id: 'tg', lang: 'tg', text: TG, at: T0 + 5 * H },
  ]);
  const a = extractAnchors({ text: TG });
  const d = decideLink(
    { itemId: 'tg', lang: 'tg', published: T0 + 5 * H, keys: a.keys, surface: a.surface },
    idx.candidates(a.keys, { excludeItemId: 'tg' }),
    idx,
  );
  assert.equal(d?.itemId, 'ru');
  assert.equal(d?.kind, 'translation');
  assert.ok(d!.reasons.numbers.includes('7400'));
  assert.ok(d!.reasons.entities.includes('St Petersburg'));
  assert.match(reasonsText(d!.reasons), /numbers 7400/);
});

test('the same kind of report with another figure is a hard negative', () => {
  const idx = corpus([
    { id: 'ru', lang: 'ru', text: RU, at: T0 },
    { id: 'tg2', lang: 'tg', text: TG_OTHER, at: T0 + 5 * H },
  ]);
  const keys = extractAnchors({ text: TG_OTHER }).keys;
  assert.equal(
    decideLink({ itemId: 'tg2', lang: 'tg', published: T0 + 5 * H, keys }, idx.candidates(keys), idx),
    undefined,
  );
});

test('no link across more than the window, nor between items sharing only everyday names', () => {
  const idx = corpus([
    { id: 'ru', lang: 'ru', text: RU, at: T0 },
    { id: 'tg', lang: 'tg', text: TG, at: T0 + 9 * 24 * H },
  ]);
  const keys = extractAnchors({ text: TG }).keys;
  assert.equal(
    decideLink({ itemId: 'tg', lang: 'tg', published: T0 + 9 * 24 * H, keys }, idx.candidates(keys), idx),
    undefined,
  );
  const a = extractAnchors({ text: 'В Душанбе Таджикистан и Россия. Москва.' }).keys;
  const b = extractAnchors({ text: 'Дар Душанбе Тоҷикистон ва Русия. Маскав.' }).keys;
  const p = scorePair(a, b, idx);
  assert.ok(p.shared.length >= 3);
  assert.equal(passes(p, 'translation', undefined, H), false);
});

test('same-language candidates only when asked, as rewrites', () => {
  const idx = corpus([
    { id: 'ru', lang: 'ru', text: RU, at: T0 },
    { id: 'ru2', lang: 'ru', text: `${RU.slice(0, 150)} Подробнее у Минтруда.`, at: T0 + H },
  ]);
  const keys = extractAnchors({ text: `${RU.slice(0, 150)} Подробнее у Минтруда.` }).keys;
  const probe = { itemId: 'ru2', lang: 'ru', published: T0 + H, keys };
  assert.equal(decideLink(probe, idx.candidates(keys), idx), undefined);
  assert.equal(decideLink(probe, idx.candidates(keys), idx, { sameLanguage: true })?.kind, 'rewrite');
});

test('the embedding plug-in hook links what the anchors leave undecided, never against the figures', () => {
  const idx = corpus([]);
  const a = extractAnchors({ text: 'Встреча в Ишкашиме: обсудили мост через Пяндж.' });
  const b = extractAnchors({ text: 'Дар Ишкошим вохӯрӣ: пули болои Панҷ баррасӣ шуд.' });
  const probe = { itemId: 'b', lang: 'tg', published: T0 + H, keys: b.keys, surface: b.surface };
  const cand = [{ itemId: 'a', lang: 'ru', published: T0, keys: a.keys }];
  assert.equal(decideLink(probe, cand, idx), undefined, 'two shared names are not enough alone');
  const d = decideLink(probe, cand, idx, { embedding: () => 0.91 });
  assert.equal(d?.itemId, 'a');
  assert.equal(d?.embedding, 0.91);
  assert.equal(decideLink(probe, cand, idx, { embedding: () => 0.5 }), undefined);
  const other = extractAnchors({ text: 'Курс 0,118 сомони 2 ноября в Ишкашиме у моста Пяндж.' });
  const conflicting = {
    itemId: 'c',
    lang: 'tg',
    published: T0 + H,
    keys: extractAnchors({ text: 'Қурб 0,115 сомонӣ 9 ноябр дар Ишкошим назди пули Панҷ.' }).keys,
  };
  assert.equal(
    decideLink(conflicting, [{ itemId: 'x', lang: 'ru', published: T0, keys: other.keys }], idx, {
      embedding: () => 0.99,
    }),
    undefined,
    'different figures: the embedding cannot overrule them',
  );
});
