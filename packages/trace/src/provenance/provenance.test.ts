import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldKey } from '@ogoh/text';
import { buildProvenance, type ProvItem, type ProvSource } from './provenance.ts';

const SOURCES = new Map<string, ProvSource>(
  (
    [
      {
        id: 'wire',
        name: 'Вести Центр',
        url: 'https://vesti-centr.example/',
        affiliation: 'russian-state',
        platform: 'rss',
      },
      {
        id: 'site',
        name: 'Евразия сегодня',
        url: 'https://evrazia.example/',
        affiliation: 'russian-state-affiliated',
        platform: 'rss',
      },
      {
        id: 'chan',
        name: 'Голос Евразии',
        channelId: '1900000101',
        affiliation: 'russian-state-affiliated',
        platform: 'telegram',
      },
      {
        id: 'net',
        name: 'Север — Юг',
        channelId: '1900000104',
        affiliation: 'unknown',
        platform: 'telegram',
      },
      { id: 'tgc', name: 'Навиди рӯз', affiliation: 'unknown', platform: 'telegram' },
      {
        id: 'uz',
        name: 'Yangi kun',
        url: 'https://yangi-kun.example/',
        affiliation: 'unknown',
        platform: 'rss',
      },
      {
        id: 'indep',
        name: 'Овози мардум',
        url: 'https://ovozi.example/',
        affiliation: 'independent',
        platform: 'rss',
      },
      { id: 'indep-tg', name: 'Овози мардум', affiliation: 'independent', platform: 'telegram' },
    ] as ProvSource[]
  ).map((s) => [s.id, s]),
);

const RU = 'В Санкт-Петербурге ввели онлайн-очередь на патент. Платёж составляет 7400 рублей.';
let n = 0;
function item(sourceId: string, at: string, text: string, extra: Partial<ProvItem> = {}): ProvItem {
  n++;
  return {
    id: `it${n}`,
    sourceId,
    lang: 'ru',
    published: `2026-10-06T${at}:00.000Z`,
    text,
    foldText: foldKey(text),
    contentHash: foldKey(text),
    links: [],
    ...extra,
  };
}

test('a wire story, an unattributed reprint, a linked repost, a forward and a translation', () => {
  const origin = item('wire', '10:00', RU, { url: 'https://vesti-centr.example/news/1' });
  const reprint = item('site', '10:40', RU, { url: 'https://evrazia.example/p/2' });
  const repost = item('chan', '12:00', RU.slice(0, 60), {
    links: [{ url: 'https://evrazia.example/p/2' }],
    telegram: { messageId: 7, chatId: '1900000101' },
  });
  const forward = item('net', '12:05', RU.slice(0, 60), {
    links: [{ url: 'https://evrazia.example/p/2' }],
    telegram: {
      messageId: 9,
      chatId: '1900000104',
      forwardedFrom: 'Голос Евразии',
      forwardedFromId: 'channel1900000101',
    },
  });
  const tr = item(
    'tgc',
    '15:00',
    'Дар Санкт-Петербург навбати онлайн барои патент ҷорӣ шуд. Пардохт 7400 рубл аст. Манбаъ: Вести Центр.',
    {
      lang: 'tg',
    },
  );
  const uz = item(
    'uz',
    '16:00',
    'Sankt-Peterburgda patent uchun onlayn navbat joriy etildi. Toʻlov 7400 rubl. Vesti Sentr xabar berdi.',
    {
      lang: 'uz',
    },
  );
  const p = buildProvenance({
    storyId: 'st1',
    items: [uz, tr, forward, repost, reprint, origin],
    sources: SOURCES,
  });
  assert.equal(p.firstItemId, origin.id);
  const byId = new Map(p.nodes.map((x) => [x.itemId, x]));
  assert.equal(byId.get(reprint.id)?.parent, origin.id);
  assert.equal(byId.get(reprint.id)?.relation, 'copy');
  assert.equal(byId.get(reprint.id)?.lagSeconds, 40 * 60);
  assert.equal(
    byId.get(reprint.id)?.laundering,
    true,
    'a state-affiliated reprint without credit launders the wire',
  );
  assert.equal(byId.get(repost.id)?.parent, reprint.id, 'the repost links to the reprint');
  assert.equal(byId.get(repost.id)?.attribution, 'link');
  assert.equal(byId.get(forward.id)?.parent, repost.id);
  assert.equal(byId.get(forward.id)?.relation, 'forward');
  assert.equal(byId.get(forward.id)?.attribution, 'forward');
  assert.equal(byId.get(forward.id)?.depth, 3);
  assert.equal(byId.get(tr.id)?.relation, 'translation');
  assert.equal(byId.get(tr.id)?.attribution, 'name');
  assert.equal(byId.get(uz.id)?.attribution, 'name', '"Vesti Sentr" credits "Вести Центр"');
  assert.deepEqual(p.laundering.items, [reprint.id]);
  assert.equal(p.laundering.origin?.affiliation, 'russian-state');
  assert.equal(p.edges.length, 5);
  assert.ok(p.edges.every((e) => e.storyId === 'st1'));
});

test('no laundering when the origin is not a state source; a site and its own channel cross-post', () => {
  const a = item('indep', '09:00', RU);
  const b = item('indep-tg', '09:05', RU);
  const c = item('uz', '11:00', RU);
  const p = buildProvenance({ storyId: 'st2', items: [a, b, c], sources: SOURCES });
  assert.equal(p.laundering.flagged, false);
  assert.equal(p.nodes[1]?.relation, 'crosspost');
  assert.equal(p.nodes[1]?.attribution, 'same-publisher');
});

test('a single undated item is a tree of one; unknown sources do not throw', () => {
  const x = { ...item('nowhere', '09:00', 'Текст без даты'), published: undefined };
  const p = buildProvenance({ storyId: '', items: [x], sources: SOURCES });
  assert.equal(p.nodes.length, 1);
  assert.equal(p.edges.length, 0);
  assert.equal(p.nodes[0]?.affiliation, 'unknown');
});

test('laundering is judged against the state item a copy descends from, not only the story’s first item', () => {
  // a template story can begin with an earlier non-state twin; the state wire item sits inside it
  const twin = item('indep', '08:00', `${RU} Сообщает независимое издание.`);
  const wire = item('wire', '09:00', RU);
  const copy = item('uz', '09:30', RU);
  const p = buildProvenance({ storyId: 'st3', items: [twin, wire, copy], sources: SOURCES });
  const byId = new Map(p.nodes.map((x) => [x.itemId, x]));
  assert.equal(byId.get(copy.id)?.parent, wire.id, 'the exact copy descends from the wire item');
  assert.equal(byId.get(copy.id)?.laundering, true, 'an unattributed copy of the state wire');
  assert.equal(byId.get(wire.id)?.laundering, false, 'the state item itself launders nothing');
  assert.deepEqual(p.laundering.items, [copy.id]);
  assert.equal(p.laundering.origin?.itemId, wire.id, 'the origin named is the state item');
  assert.equal(p.laundering.origin?.affiliation, 'russian-state');
});
