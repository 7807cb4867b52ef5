import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseBytes } from '../parse.ts';
import { collect, ogohError, records, skipped } from '../testing.ts';
import { countOf, olderPageUrl } from './parse.ts';

const page = readFileSync(new URL('./fixtures/channel.html', import.meta.url));

describe('Telegram channel previews (t.me/s)', () => {
  it('reads posts with id, date, text, views, forwards, links and media', async () => {
    const run = parseBytes(new Uint8Array(page), { fileName: 'channel.html' });
    const evs = await collect(run);
    assert.equal((await run.info).format, 'telegram-html');
    const recs = records(evs);
    assert.deepEqual(
      recs.map((r) => r.externalId),
      [
        'ogoh_fixture_channel/101',
        'ogoh_fixture_channel/102',
        'ogoh_fixture_channel/103',
        'ogoh_fixture_channel/104',
      ],
    );
    assert.equal(skipped(evs).length, 1, 'the service message is skipped');
    const [a, b, c, d] = recs as [(typeof recs)[0], (typeof recs)[0], (typeof recs)[0], (typeof recs)[0]];
    assert.equal(a.text, 'Имрӯз дар Душанбе ҳаво гарм мешавад.\nМаълумоти бештар: weather.example');
    assert.equal(a.url, 'https://t.me/ogoh_fixture_channel/101');
    assert.equal(a.published, '2026-03-01T06:15:00.000Z');
    assert.deepEqual(a.telegram, {
      messageId: 101,
      chatId: 'ogoh_fixture_channel',
      chatName: 'Ogoh Fixture Channel',
      views: 1200,
    });
    assert.deepEqual(a.links, [
      { url: 'https://weather.example/dushanbe?utm_source=tg', text: 'weather.example' },
    ]);
    assert.deepEqual(a.feed, { title: 'Ogoh Fixture Channel', link: 'https://t.me/ogoh_fixture_channel' });

    assert.equal(b.telegram?.views, 3_400_000);
    assert.equal(b.telegram?.forwardedFrom, 'Other Fixture Channel');
    assert.equal(b.telegram?.forwardedFromId, 'other_fixture_channel');
    assert.equal(b.telegram?.edited, 'edited');
    assert.deepEqual(b.media, [{ kind: 'photo', url: 'https://cdn.example/file/photo-102.jpg' }]);
    assert.deepEqual(b.links, [{ url: 'https://fair.example/news/7' }]);

    assert.equal(c.text, '', 'a video without a caption has empty text');
    assert.equal(c.telegram?.replyTo, 101);
    assert.deepEqual(c.media, [{ kind: 'video', url: 'https://cdn.example/file/video-103.mp4' }]);

    assert.deepEqual(
      d.links.map((l) => l.url),
      ['https://t.me/ogoh_fixture_channel/101', 'https://preview.example/article/9'],
    );
    assert.match(d.raw, /data-post="ogoh_fixture_channel\/104"/);
  });

  it('finds the next older page', () => {
    assert.equal(olderPageUrl(page.toString('utf8')), 'https://t.me/s/ogoh_fixture_channel?before=101');
    assert.equal(
      olderPageUrl(
        '<html><div class="tgme_widget_message" data-post="c_x/5"></div><div class="tme_messages_more" data-before="5"></div></html>',
      ),
      'https://t.me/s/c_x?before=5',
    );
    assert.equal(olderPageUrl('<html><div class="tgme_channel_info"></div></html>'), undefined);
  });

  it('reads view counts as Telegram abbreviates them', () => {
    assert.equal(countOf('987'), 987);
    assert.equal(countOf('1.2K'), 1200);
    assert.equal(countOf('3,4M'), 3_400_000);
    assert.equal(countOf('many'), undefined);
  });

  it('refuses a page without posts', async () => {
    const e = await ogohError(() =>
      collect(
        parseBytes(new TextEncoder().encode('<html><body>tgme_widget_message</body></html>'), {
          fileName: 'x.html',
        }),
      ),
    );
    assert.equal(e.code, 'INPUT_PARSE');
  });
});
