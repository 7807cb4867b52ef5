/** A small, realistic export input for the share tests (two sources, four items, a story, detections). */
import type { Detection, Item, Source, Story } from '@ogoh/core';
import type { ExportInput } from './input.ts';

function item(p: Partial<Item> & Pick<Item, 'id' | 'sourceId' | 'text'>): Item {
  return {
    lang: 'tg',
    langConfidence: 0.9,
    collectedAt: '2026-03-02T08:00:00.000Z',
    contentHash: `h-${p.id}`,
    foldText: p.text.toLowerCase(),
    links: [],
    media: [],
    format: 'telegram-html',
    payloadId: 'p1',
    raw: '<div>secret raw record</div>',
    ...p,
  };
}

export function sampleInput(over: Partial<ExportInput> = {}): ExportInput {
  const sources: Source[] = [
    {
      id: 'tg-news-tj',
      name: 'Ахбори рӯз',
      platform: 'telegram',
      url: 'https://t.me/s/news_tj',
      languages: ['tg'],
      affiliation: 'russian-state-affiliated',
      tags: ['demo'],
      createdAt: '2026-01-05T10:00:00Z',
    },
    {
      id: 'example.ru',
      name: 'Пример',
      platform: 'rss',
      url: 'https://example.ru/rss',
      languages: ['ru'],
      affiliation: 'russian-state',
      tags: [],
      createdAt: '2026-01-04T10:00:00Z',
    },
  ];
  const items: Item[] = [
    item({
      id: 'it_a',
      sourceId: 'tg-news-tj',
      text: 'Ғарб мехоҳад Тоҷикистонро ба ҷанг кашад, мегӯянд коршиносон.',
      url: 'https://t.me/news_tj/101',
      published: '2026-03-01T09:00:00+05:00',
      storyId: 'st_1',
      telegram: { messageId: 101 },
    }),
    item({
      id: 'it_b',
      sourceId: 'example.ru',
      lang: 'ru',
      title: 'Запад втягивает Таджикистан в войну',
      text: '=HYPERLINK("http://evil") Запад хочет втянуть Таджикистан в войну, считают "эксперты".',
      url: 'https://example.ru/news/1',
      published: '2026-03-01T06:30:00Z',
      storyId: 'st_1',
      format: 'rss',
    }),
    item({
      id: 'it_c',
      sourceId: 'example.ru',
      lang: 'ru',
      text: 'Погода в Душанбе, без URL.',
      format: 'csv',
    }),
  ];
  const det = (
    d: Partial<Detection> & Pick<Detection, 'itemId' | 'kind' | 'label' | 'score'>,
  ): Detection => ({
    id: `d_${d.itemId}_${d.label}_${d.model ?? 'cues'}`,
    evidence: [],
    explain: {},
    model: 'cues@1',
    createdAt: '2026-03-02T09:00:00.000Z',
    ...d,
  });
  const detections: Detection[] = [
    det({
      itemId: 'it_a',
      kind: 'narrative',
      label: 'RU-WEST-DRAGS-TO-WAR',
      score: 0.81,
      evidence: [{ start: 0, end: 4 }],
    }),
    det({ itemId: 'it_a', kind: 'narrative', label: 'RU-WEST-DRAGS-TO-WAR', score: 0.6, model: 'nb@2' }),
    det({
      itemId: 'it_b',
      kind: 'narrative',
      label: 'RU-WEST-DRAGS-TO-WAR',
      score: 0.7,
      evidence: [{ start: 26, end: 31, text: 'Запад' }],
    }),
    det({
      itemId: 'it_b',
      kind: 'technique',
      label: 'Loaded_Language',
      score: 0.66,
      createdAt: '2026-03-02T09:30:00Z',
    }),
    det({ itemId: 'it_b', kind: 'convergence', label: 'anti-west-pair', score: 0.5 }),
    det({ itemId: 'it_unrelated', kind: 'narrative', label: 'RU-WEST-DRAGS-TO-WAR', score: 0.9 }),
  ];
  const stories: Story[] = [
    {
      id: 'st_1',
      firstItemId: 'it_b',
      firstSeen: '2026-03-01T04:00:00.000Z',
      lastSeen: '2026-03-01T06:30:00.000Z',
      size: 3,
      sources: 2,
      langs: ['ru', 'tg'],
      title: 'Запад втягивает Таджикистан в войну',
      members: [
        { itemId: 'it_b', link: 'first', similarity: 1 },
        { itemId: 'it_a', link: 'translation', similarity: 0.7 },
        { itemId: 'it_elsewhere', link: 'near', similarity: 0.9 },
      ],
    },
  ];
  return {
    producer: { name: 'Ogoh test instance', contact: 'analysts@example.org' },
    tlp: 'amber',
    query: { q: 'ҷанг', since: '2026-03-01' },
    items,
    sources,
    detections,
    stories,
    narratives: [
      {
        id: 'RU-WEST-DRAGS-TO-WAR',
        label: 'The West drags Central Asia into war',
        description: 'Western partners are said to pull the region into a conflict.',
        actorFamily: 'russian-state',
        disarm: ['T0022.001', 'T0003', 'T9999'],
      },
    ],
    techniques: [
      { id: 'Loaded_Language', name: 'Loaded language', definition: 'Emotionally charged words.' },
    ],
    ...over,
  };
}
