import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseBytes, parseFile } from '../index.ts';
import {
  collect,
  fixture,
  matchSnapshot,
  mutate,
  ogohError,
  records,
  rejected,
  rng,
  skipped,
  survives,
} from '../testing.ts';

const path = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const bytes = (o: unknown) => new TextEncoder().encode(JSON.stringify(o, null, 1));

describe('Telegram Desktop export', () => {
  it('parses a channel: entities, links, photo, video, forward with id, poll, edits, replies, views', async () => {
    const run = parseFile(path('channel/result.json'));
    const evs = await collect(run);
    matchSnapshot(import.meta.url, 'channel', evs);
    assert.equal((await run.info).format, 'telegram');
    const recs = records(evs);
    assert.deepEqual(
      recs.map((r) => r.externalId),
      [
        '1698765432/2',
        '1698765432/3',
        '1698765432/4',
        '1698765432/5',
        '1698765432/7',
        '1698765432/9',
        '1698765432/10',
      ],
    );
    const byId = new Map(recs.map((r) => [r.telegram?.messageId, r]));
    const m3 = byId.get(3);
    assert.equal(
      m3?.text,
      'Фаврӣ: Раҳбари ҷумҳурӣ бо ҳайати СПИ-и ОДКБ мулоқот кард. Манбаъ: https://khovar.tj/2024/05/mulokot/\n\n#ОДКБ',
    );
    assert.deepEqual(m3?.links, [
      { url: 'https://odkb-csto.org/news/?utm_source=tg', text: 'СПИ-и ОДКБ' },
      { url: 'https://khovar.tj/2024/05/mulokot/' },
    ]);
    assert.deepEqual(m3?.media, [
      {
        kind: 'photo',
        path: 'photos/photo_3@01-05-2024_11-00-00.jpg',
        size: 183422,
        width: 1280,
        height: 853,
      },
    ]);
    assert.equal(m3?.telegram?.edited, '2024-05-01T11:05:30.000Z');
    // date_unixtime gives the UTC time; `date` (local time of the exporting machine) stays raw
    assert.equal(m3?.published, '2024-05-01T11:00:00.000Z');
    assert.equal(m3?.publishedRaw, '2024-05-01T11:00:00');
    assert.equal(m3?.authorId, 'channel1698765432');
    assert.deepEqual(byId.get(4)?.telegram, {
      messageId: 4,
      chatId: '1698765432',
      chatName: 'Хабарҳои Ватан',
      forwardedFrom: 'РИА Новости',
      forwardedFromId: 'channel1101170442',
    });
    // media without a caption is a record with empty text
    assert.equal(byId.get(5)?.text, '');
    assert.equal(byId.get(5)?.media[0]?.kind, 'video');
    assert.equal(byId.get(7)?.text, 'Шумо ба хабарҳои телеграмӣ бовар мекунед?\n— Ҳа\n— Не');
    // a media placeholder keeps kind and metadata but no path
    assert.deepEqual(byId.get(9)?.media, [{ kind: 'audio', mime: 'audio/ogg', size: 48213 }]);
    assert.deepEqual(byId.get(10)?.telegram, {
      messageId: 10,
      chatId: '1698765432',
      chatName: 'Хабарҳои Ватан',
      replyTo: 2,
      views: 15320,
      forwards: 87,
    });
    assert.deepEqual(skipped(evs), [
      { line: 6, reason: 'service message (create_channel)' },
      { line: 101, reason: 'service message (pin_message)' },
      { line: 140, reason: 'message with a location' },
    ]);
  });

  it('keeps each message object verbatim, with its line', async () => {
    const text = readFileSync(path('channel/result.json'), 'utf8');
    const lines = text.split('\n');
    const source = (JSON.parse(text) as { messages: { id: number }[] }).messages;
    for (const r of records(await collect(parseFile(path('channel/result.json'))))) {
      const original = source.find((m) => m.id === r.telegram?.messageId);
      assert.deepEqual(JSON.parse(r.raw), original);
      assert.ok(text.includes(r.raw));
      assert.equal(lines[r.location.line - 1]?.trim(), '{');
    }
  });

  it('parses a group: authors, replies, mentions, text links, scheme-less links, stickers, deleted accounts', async () => {
    const evs = await collect(parseFile(path('group/result.json')));
    matchSnapshot(import.meta.url, 'group', evs);
    const byId = new Map(records(evs).map((r) => [r.telegram?.messageId, r]));
    const reply = byId.get(50003);
    assert.equal(reply?.authorName, 'Алишер');
    assert.equal(reply?.authorId, 'user6022334455');
    assert.equal(reply?.telegram?.replyTo, 50002);
    assert.equal(
      reply?.text,
      '@firdavs_dushanbe ба ММЦ дар Сахарово рав. Маълумот: сайти расмӣ. Ё ба Ака Бахтиёр нависед.',
    );
    assert.deepEqual(reply?.links, [{ url: 'https://mmc.mos.ru/patent', text: 'сайти расмӣ' }]);
    assert.equal(byId.get(50004)?.telegram?.forwardedFrom, 'Хабарҳои Ватан');
    assert.deepEqual(byId.get(50005)?.media, [
      { kind: 'sticker', path: 'stickers/sticker.webp', size: 23110, width: 512, height: 512 },
    ]);
    const deleted = byId.get(50006);
    assert.equal(deleted?.authorName, undefined);
    assert.equal(deleted?.authorId, 'user8044556677');
    assert.deepEqual(deleted?.links, [{ url: 'http://t.me/s/fake_news_tj' }]);
    assert.deepEqual(
      skipped(evs).map((s) => s.reason),
      [
        'service message (join_group_by_link)',
        'service message (invite_members)',
        'message with no text and no media',
      ],
    );
  });

  it('parses the whole-account export shape (chats.list and left_chats.list)', async () => {
    const evs = await collect(parseFile(path('account/result.json')));
    const recs = records(evs);
    assert.deepEqual(
      recs.map((r) => [r.externalId, r.telegram?.chatName, r.location.line]),
      [
        ['1012345678/901', 'Asia-Plus', 18],
        ['100200300/12', undefined, 34],
        ['1187654321/77', 'Sputnik Тоҷикистон', 57],
      ],
    );
    assert.equal(recs[1]?.telegram?.forwardedFrom, 'Kun.uz');
    for (const r of recs) assert.equal(typeof JSON.parse(r.raw).id, 'number');
  });

  it('reports malformed JSON with the line and column of the syntax error', async () => {
    const e = await ogohError(() => collect(parseFile(path('malformed.json'))));
    assert.equal(e.code, 'INPUT_PARSE');
    assert.equal(e.file, path('malformed.json'));
    assert.equal(e.line, 16);
    assert.equal(e.column, 4);
    assert.match(e.message, /expected "," or "}" after a property value/);
  });

  it('reports a truncated export at its end', async () => {
    const text = readFileSync(path('channel/result.json'), 'utf8');
    const cut = new TextEncoder().encode(text.slice(0, 1000));
    const e = await ogohError(() =>
      collect(parseBytes(cut, { fileName: 'result.json', format: 'telegram' })),
    );
    assert.equal(e.code, 'INPUT_PARSE');
    assert.equal(e.line, text.slice(0, 1000).split('\n').length);
  });

  it('refuses JSON that is not an export, and rejects messages without an id', async () => {
    const e = await ogohError(() =>
      collect(parseBytes(bytes({ foo: 1 }), { fileName: 'x.json', format: 'telegram' })),
    );
    assert.equal(e.code, 'INPUT_PARSE');
    assert.match(e.message, /not a Telegram Desktop export/);
    const evs = await collect(
      parseBytes(bytes({ id: 5, messages: [{ type: 'message', text: 'no id' }, 7, { id: 2, text: 'ok' }] }), {
        fileName: 'r.json',
      }),
    );
    assert.deepEqual(rejected(evs), [
      { line: 4, field: 'id', reason: 'the message has no numeric "id"' },
      { line: 8, reason: 'a message is not a JSON object' },
    ]);
    assert.equal(records(evs)[0]?.externalId, '5/2');
  });

  it('rejects an over-long text and names the field', async () => {
    const evs = await collect(
      parseBytes(bytes({ id: 1, messages: [{ id: 1, type: 'message', text: 'x'.repeat(100) }] }), {
        fileName: 'r.json',
        maxFieldChars: 10,
      }),
    );
    assert.deepEqual(rejected(evs), [
      { line: 4, field: 'text', reason: 'the text is longer than 10 characters' },
    ]);
  });

  it('survives seeded mutations', { timeout: 120_000 }, async () => {
    const rand = rng(1698765432);
    for (const name of ['channel/result.json', 'group/result.json', 'account/result.json']) {
      const b = fixture(import.meta.url, `./fixtures/${name}`);
      for (let i = 0; i < 150; i++) {
        const m = mutate(b, rand);
        await survives(
          () => parseBytes(m, { fileName: name, format: i % 3 === 0 ? 'auto' : 'telegram' }),
          `${name} #${i}`,
        );
      }
    }
  });
});
