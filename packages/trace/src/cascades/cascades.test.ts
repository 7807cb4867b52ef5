import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldKey } from '@ogoh/text';
import type { ProvItem, ProvSource } from '../provenance/provenance.ts';
import { cascadeFlows, channelBridges, forwardCascades } from './cascades.ts';

const SOURCES = new Map<string, ProvSource>(
  (
    [
      {
        id: 'state',
        name: 'Голос Евразии',
        channelId: '100001',
        affiliation: 'russian-state-affiliated',
        platform: 'telegram',
      },
      { id: 'hub', name: 'Хаб', channelId: '100002', affiliation: 'unknown', platform: 'telegram' },
      { id: 'a', name: 'A', channelId: '100003', affiliation: 'independent', platform: 'telegram' },
      { id: 'b', name: 'B', channelId: '100004', affiliation: 'independent', platform: 'telegram' },
    ] as ProvSource[]
  ).map((s) => [s.id, s]),
);

const TEXT = 'Китайские военные на Памире уже охраняют дороги к месторождениям, а Душанбе молчит.';
function post(
  id: string,
  sourceId: string,
  chat: string,
  min: number,
  views: number,
  extra: Partial<NonNullable<ProvItem['telegram']>> = {},
  text = TEXT,
): ProvItem {
  return {
    id,
    sourceId,
    lang: 'ru',
    published: new Date(Date.UTC(2026, 10, 12, 20, min)).toISOString(),
    text,
    foldText: foldKey(text),
    contentHash: foldKey(text),
    links: [],
    telegram: { messageId: min, chatId: chat, views, ...extra },
  };
}

test('forwards find their original by channel and text; a copy makes the cascade two deep', () => {
  const items = [
    post('o', 'state', '100001', 0, 5000),
    post('f1', 'hub', '100002', 5, 800, { forwardedFrom: 'Голос Евразии', forwardedFromId: 'channel100001' }),
    post('c1', 'a', '100003', 10, 300), // copied without a header
    post('f2', 'b', '100004', 30, 100, { forwardedFrom: 'A', forwardedFromId: 'channel100003' }),
    post(
      'x',
      'b',
      '100004',
      40,
      50,
      { forwardedFrom: 'Elsewhere', forwardedFromId: 'channel999999' },
      'Совсем другой текст про погоду в горах и на перевалах.',
    ),
  ];
  const cs = forwardCascades(items, SOURCES);
  const main = cs.find((c) => c.root === 'o')!;
  assert.equal(main.size, 3);
  assert.equal(main.depth, 2);
  assert.equal(main.reach, 5000 + 800 + 300 + 100);
  assert.equal(main.speed.firstSeconds, 300);
  assert.equal(main.nodes.find((n) => n.itemId === 'f2')?.parent, 'c1');
  assert.equal(main.nodes.find((n) => n.itemId === 'c1')?.via, 'copy');
  const ext = cs.find((c) => c.root.startsWith('ext:'))!;
  assert.equal(ext.size, 1);
  assert.equal(ext.rootChannel, 'Elsewhere');
});

test('a channel taking from one family and feeding another is a bridge', () => {
  const items = [
    post('o', 'state', '100001', 0, 10),
    post('h', 'hub', '100002', 5, 10, { forwardedFromId: 'channel100001' }),
    post('a1', 'a', '100003', 9, 10, { forwardedFromId: 'channel100002' }, TEXT),
  ];
  // the hub's post is a forward, so a forward of the hub attaches under the hub by channel
  const flows = cascadeFlows(forwardCascades(items, SOURCES));
  const extra = [{ from: 'hub', to: 'b', count: 2 }];
  const bridges = channelBridges([...flows, ...extra], SOURCES);
  assert.equal(bridges[0]?.sourceId, 'hub');
  assert.equal(bridges[0]?.takesFrom['russian-state-affiliated'], 1);
  assert.ok((bridges[0]?.feeds.independent ?? 0) >= 2);
  assert.ok(bridges[0]!.score >= 1);
});
