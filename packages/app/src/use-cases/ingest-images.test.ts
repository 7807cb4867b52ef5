/**
 * `ingest --images`: photos next to a Telegram Desktop export get a pHash and, with tesseract, OCR
 * text that search finds; for a source registered as extremist the photo bytes are never stored and
 * every item is marked so no interface renders its media.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { tesseractInfo } from '@ogoh/ingest';
import { openCollectStore } from '@ogoh/store';
import { openOgoh } from '../context.ts';
import { ingestPaths } from './ingest-files.ts';
import { searchItems } from './query.ts';
import { addSource } from './sources.ts';

const PNG = new URL('../../../ingest/src/ocr/fixtures/tg-ru.png', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ogoh-ingest-images-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function exportFolder(name: string, chatId: number): string {
  const folder = join(dir, name);
  mkdirSync(join(folder, 'photos'), { recursive: true });
  copyFileSync(PNG, join(folder, 'photos', 'photo_1.png'));
  writeFileSync(
    join(folder, 'result.json'),
    JSON.stringify({
      name: 'Fixture channel',
      type: 'public_channel',
      id: chatId,
      messages: [
        {
          id: 1,
          type: 'message',
          date: '2026-03-01T10:00:00',
          date_unixtime: '1772359200',
          from: 'Fixture channel',
          from_id: `channel${chatId}`,
          photo: 'photos/photo_1.png',
          width: 900,
          height: 220,
          text: 'Нигаред ба расм.',
          text_entities: [{ type: 'plain', text: 'Нигаред ба расм.' }],
        },
        {
          id: 2,
          type: 'message',
          date: '2026-03-01T10:05:00',
          date_unixtime: '1772359500',
          from: 'Fixture channel',
          from_id: `channel${chatId}`,
          photo: '../../outside.png',
          text: 'A photo path that leaves the export folder is not read.',
          text_entities: [],
        },
      ],
    }),
  );
  return folder;
}

describe('ingest --images', async () => {
  const tesseract = await tesseractInfo();

  test('export photos are hashed and read; OCR text is stored beside the item and searchable', async () => {
    const app = await openOgoh({ db: join(dir, 'a.db') });
    try {
      const r = await ingestPaths(app, [exportFolder('plain', 1001)], { images: true });
      assert.equal(r.new, 2, JSON.stringify(r.errors));
      const page = await app.store.queryItems({ limit: 10 });
      const withPhoto = page.items.find((i) => i.externalId?.endsWith('/1'))!;
      assert.match(withPhoto.media[0]?.hash ?? '', /^phash:[0-9a-f]{16}$/);
      assert.equal(withPhoto.mediaWithheld, undefined);
      const outside = page.items.find((i) => i.externalId?.endsWith('/2'))!;
      assert.equal(outside.media[0]?.hash, undefined, 'nothing outside the export folder is read');
      if (tesseract) {
        assert.match(withPhoto.ocrText ?? '', /Правительство ответило/);
        assert.equal((await searchItems(app, { q: 'ғайриқонунӣ' })).items[0]?.id, withPhoto.id);
      }
      const collect = await openCollectStore(app.location);
      try {
        const near = await collect.similarMedia(withPhoto.media[0]!.hash!.slice(6), { maxDistance: 0 });
        assert.equal(near.length, 1);
        assert.ok((await collect.getMedia(near[0]!.sha256))?.body, 'photos of ordinary sources are kept');
      } finally {
        await collect.close();
      }
    } finally {
      await app.close();
    }
  });

  test('an extremist source: hashes, metadata and OCR text only, items marked', async () => {
    const app = await openOgoh({ db: join(dir, 'b.db') });
    try {
      await addSource(app, {
        id: 'tg-2002',
        platform: 'telegram',
        channelId: '2002',
        affiliation: 'extremist',
        affiliationNote: 'test fixture',
      });
      const r = await ingestPaths(app, [exportFolder('extremist', 2002)], { images: true });
      assert.equal(r.new, 2, JSON.stringify(r.errors));
      const items = (await app.store.queryItems({ sourceId: 'tg-2002' })).items;
      assert.equal(items.length, 2);
      assert.ok(items.every((i) => i.mediaWithheld === true));
      const hash = items.find((i) => i.media[0]?.hash)?.media[0]?.hash;
      assert.ok(hash);
      const collect = await openCollectStore(app.location);
      try {
        const [m] = await collect.similarMedia(hash.slice(6), { maxDistance: 0 });
        const rec = await collect.getMedia(m!.sha256);
        assert.equal(rec?.withheld, true);
        assert.equal(rec?.body, undefined);
        assert.equal(rec?.width, 900);
        if (tesseract) assert.match(rec?.ocrText ?? '', /Ҳукумат/);
      } finally {
        await collect.close();
      }
    } finally {
      await app.close();
    }
  });
});
