/**
 * Small factories for store records, for tests here and in other packages. Every call returns a
 * new, valid record (ids and collection times advance with a counter); pass overrides for what the
 * test is about. `foldKey` is a stand-in for the text package's folding (the store cannot import
 * it): lower-case plus the Tajik→Russian-layout letters, enough for search tests.
 *
 * @example
 *   const src = testFactories.source({ id: 'asia-plus' });
 *   const it = testFactories.item({ sourceId: src.id, text: 'Ҳукумати Тоҷикистон', published: '2026-03-01T10:00:00Z' });
 */
import {
  type Account,
  type Detection,
  digest,
  type Item,
  itemId,
  makeId,
  type RawPayload,
  type Source,
} from '@ogoh/core';

let counter = 0;
const BASE_MS = Date.UTC(2026, 2, 1, 8, 0, 0);

function next(): number {
  counter += 1;
  return counter;
}

const FOLD: Record<string, string> = { ҳ: 'х', ҷ: 'ч', қ: 'к', ғ: 'г', ӣ: 'и', ӯ: 'у', ё: 'е' };

/** Lower-case and Tajik letters folded to their Russian-keyboard stand-ins (ҳ→х, ҷ→ч, қ→к, ғ→г, ӣ→и, ӯ→у, ё→е). */
export function foldKey(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[ҳҷқғӣӯё]/g, (c) => FOLD[c] ?? c);
}

export function source(overrides: Partial<Source> = {}): Source {
  const n = next();
  return {
    id: `src-${n}`,
    name: `Source ${n}`,
    platform: 'rss',
    url: `https://news${n}.example/feed`,
    languages: ['tg', 'ru'],
    affiliation: 'unknown',
    tags: [],
    createdAt: new Date(BASE_MS).toISOString(),
    ...overrides,
  };
}

/**
 * An item. Unless overridden: an external id from the counter (so the id is new each call), no
 * `published` (pass one for dated items), `collectedAt` one second after the previous item, and
 * `foldText`/`contentHash` derived from title + text.
 */
export function item(overrides: Partial<Item> = {}): Item {
  const n = next();
  const sourceId = overrides.sourceId ?? 'src-test';
  const text = overrides.text ?? `Паёми санҷишӣ рақами ${n}`;
  const foldText = overrides.foldText ?? foldKey([overrides.title, text].filter(Boolean).join('\n'));
  const externalId = overrides.externalId ?? `ext-${n}`;
  const contentHash = overrides.contentHash ?? digest(foldText);
  const base: Item = {
    id: itemId(sourceId, { externalId, contentHash }),
    sourceId,
    externalId,
    text,
    lang: 'tg',
    langConfidence: 0.9,
    collectedAt: new Date(BASE_MS + n * 1000).toISOString(),
    contentHash,
    foldText,
    links: [],
    media: [],
    format: 'rss',
    payloadId: makeId('pl', sourceId, 'test'),
    raw: `<item><guid>${externalId}</guid></item>`,
  };
  return { ...base, ...overrides };
}

export function payload(overrides: Partial<RawPayload> = {}): RawPayload {
  const n = next();
  const sourceId = overrides.sourceId ?? 'src-test';
  const body = new TextEncoder().encode(`<rss><channel><title>feed ${n}</title></channel></rss>`);
  return {
    id: makeId('pl', sourceId, String(n)),
    uri: `https://news.example/feed-${n}.xml`,
    format: 'rss',
    sourceId,
    size: body.byteLength,
    contentType: 'application/rss+xml',
    collectedAt: new Date(BASE_MS + n * 1000).toISOString(),
    body,
    ...overrides,
  };
}

export function account(overrides: Partial<Account> = {}): Account {
  const n = next();
  const sourceId = overrides.sourceId ?? 'src-test';
  return {
    id: makeId('ac', sourceId, String(n)),
    sourceId,
    name: `Author ${n}`,
    kind: 'author',
    ...overrides,
  };
}

export function detection(overrides: Partial<Detection> & { itemId: string }): Detection {
  const n = next();
  return {
    id: makeId('dt', overrides.itemId, String(n)),
    kind: 'narrative',
    label: 'N-TEST',
    score: 0.8,
    evidence: [{ start: 0, end: 5 }],
    explain: { cues: ['test'] },
    model: 'test-model@1',
    createdAt: new Date(BASE_MS + n * 1000).toISOString(),
    ...overrides,
  };
}
