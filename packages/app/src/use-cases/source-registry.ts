/**
 * The source registry beyond add/list: register from a URL (id and platform derived from the
 * domain or the Telegram channel, never from a display name), show with health and recent polls,
 * edit, pause, remove, and YAML import/export (all-or-nothing, errors naming file, line and
 * field). The starter catalogue (catalogue/sources.yaml) lists real outlets of Tajikistan's
 * information space as documented in the project's domain research.
 */
import { readFile } from 'node:fs/promises';
import {
  Affiliation,
  type CollectStore,
  OgohError,
  Platform,
  type PollLogEntry,
  Source,
  type SourceHealth,
  slugId,
} from '@ogoh/core';
import { openCollectStore } from '@ogoh/store';
import { isMap, isSeq, LineCounter, parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import type { Ogoh } from '../context.ts';
import { type AddSourceInput, addSource } from './sources.ts';

/** A source carrying this tag is registered but not polled. */
export const PAUSED_TAG = 'paused';

/** The starter catalogue shipped with Ogoh. */
export const STARTER_CATALOGUE = new URL('../../catalogue/sources.yaml', import.meta.url).pathname;

/** "15m", "2h", "1d", "90s" or a number of seconds → seconds. */
export function parseInterval(value: string | number, field = 'interval'): number {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  const m = /^\s*(\d+)\s*(s|m|h|d)?\s*$/i.exec(String(value));
  const n = m ? Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's').toLowerCase() as 's'] : 0;
  if (!m || n <= 0)
    throw new OgohError('USAGE', `${field} "${value}" is not a duration`, {
      field,
      hint: 'e.g. 90s, 15m, 2h, 1d (or seconds)',
    });
  return n;
}

/** 900 → "15m": the shortest exact spelling. */
export function formatInterval(sec: number): string {
  if (sec % 86400 === 0) return `${sec / 86400}d`;
  if (sec % 3600 === 0) return `${sec / 3600}h`;
  if (sec % 60 === 0) return `${sec / 60}m`;
  return `${sec}s`;
}

/** The channel username of a t.me link (`t.me/x`, `t.me/s/x`, `telegram.me/x`), if it is one. */
export function telegramChannel(url: string): string | undefined {
  const m =
    /^(?:https?:\/\/)?(?:www\.)?(?:t|telegram)\.me\/(?:s\/)?([A-Za-z][A-Za-z0-9_]{3,31})\/?(?:[?#].*)?$/i.exec(
      url.trim(),
    );
  return m?.[1];
}

/** Platform guessed from a URL: t.me → telegram, sitemap paths → sitemap, feed-like paths → rss, else web. */
export function guessPlatform(url: string): Platform {
  if (telegramChannel(url)) return 'telegram';
  let path = '';
  try {
    const u = new URL(url);
    path = `${u.pathname}${u.search}`.toLowerCase();
  } catch {
    throw new OgohError('USAGE', `"${url}" is not a URL`, {
      field: '--url',
      hint: 'e.g. https://example.tj/feed/',
    });
  }
  if (/sitemap[^/]*\.xml|sitemap/.test(path)) return 'sitemap';
  if (/atom/.test(path)) return 'atom';
  if (/(rss|feed|\.xml|\/export\/|\/api\/z)/.test(path)) return 'rss';
  return 'web';
}

export interface RegisterInput extends Omit<AddSourceInput, 'id'> {
  id?: string;
  url?: string;
}

/**
 * Registers a source from a URL (or a channel id): the id is the domain (`asiaplustj.info`) or
 * `tg-<channel>`, unless given; the platform is guessed unless given.
 * @example await registerSource(app, { url: 'https://t.me/SputnikTj', affiliation: 'russian-state' })
 */
export async function registerSource(app: Ogoh, input: RegisterInput): Promise<Source> {
  const url = input.url?.trim();
  const channel = url ? telegramChannel(url) : input.channelId;
  const platform = input.platform ?? (url ? guessPlatform(url) : channel ? 'telegram' : undefined);
  let id = input.id;
  if (!id) {
    if (channel) id = slugId(`tg-${channel}`);
    else if (url) {
      try {
        id = slugId(new URL(url).hostname);
      } catch {
        throw new OgohError('USAGE', `"${url}" is not a URL`, { field: '--url' });
      }
    } else
      throw new OgohError('USAGE', 'a source needs --url, --channel or --id', {
        field: '--url',
        hint: 'e.g. ogoh sources add --url https://example.tj/feed/',
      });
  }
  const out: AddSourceInput = { ...input, id };
  if (platform) out.platform = platform;
  if (platform === 'telegram' && channel) {
    out.channelId = channel;
    out.url = `https://t.me/s/${channel}`;
  } else if (url) {
    if (!/^https?:\/\//i.test(url))
      throw new OgohError('USAGE', `"${url}" is not an http(s) URL`, { field: '--url' });
    out.url = url;
  }
  if (!input.name && !(await app.store.getSource(id))) out.name = channel ? `@${channel}` : id;
  return addSource(app, out);
}

async function withCollect<T>(app: Ogoh, fn: (c: CollectStore) => Promise<T>): Promise<T> {
  const collect = await openCollectStore(app.location);
  try {
    return await fn(collect);
  } finally {
    await collect.close();
  }
}

export interface SourceDetails {
  source: Source;
  health?: SourceHealth;
  /** newest first */
  recentPolls: PollLogEntry[];
  items: number;
}

/** A source with its health and last polls. @throws NOT_FOUND */
export async function showSource(app: Ogoh, id: string): Promise<SourceDetails> {
  const source = await app.store.getSource(id);
  if (!source)
    throw new OgohError('NOT_FOUND', `no source "${id}"`, { field: 'id', hint: 'see `ogoh sources list`' });
  return withCollect(app, async (c) => {
    const out: SourceDetails = {
      source,
      recentPolls: await c.listPollLog({ sourceId: id, limit: 10 }),
      items: (await app.store.stats()).bySource[id] ?? 0,
    };
    const health = await c.getHealth(id);
    if (health) out.health = health;
    return out;
  });
}

export interface SourcePatch extends Omit<AddSourceInput, 'id'> {
  pause?: boolean;
  /** fields to clear: url, channelId, country, affiliationNote, pollIntervalSec */
  unset?: ('url' | 'channelId' | 'country' | 'affiliationNote' | 'pollIntervalSec')[];
}

/** Changes fields of a registered source; `unset` clears optional ones. @throws NOT_FOUND, INPUT_FIELD */
export async function editSource(app: Ogoh, id: string, patch: SourcePatch): Promise<Source> {
  const current = await app.store.getSource(id);
  if (!current)
    throw new OgohError('NOT_FOUND', `no source "${id}"`, { field: 'id', hint: 'see `ogoh sources list`' });
  const { pause, unset, ...fields } = patch;
  const next: Record<string, unknown> = { ...current };
  for (const k of unset ?? []) delete next[k];
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) next[k] = v;
  let tags = (next.tags as string[] | undefined) ?? [];
  if (pause === true && !tags.includes(PAUSED_TAG)) tags = [...tags, PAUSED_TAG];
  if (pause === false) tags = tags.filter((t) => t !== PAUSED_TAG);
  next.tags = tags;
  next.id = id;
  const parsed = Source.safeParse(next);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new OgohError('INPUT_FIELD', issue.message, {
      field: issue.path.join('.') || 'source',
      hint: 'see `ogoh sources edit --help`',
    });
  }
  await app.store.putSource(parsed.data);
  return parsed.data;
}

/** Removes a source that has no items; one with items is refused (pause it instead). */
export async function removeSource(app: Ogoh, id: string): Promise<void> {
  const removed = await withCollect(app, (c) => c.removeSource(id));
  if (!removed)
    throw new OgohError('NOT_FOUND', `no source "${id}"`, { field: 'id', hint: 'see `ogoh sources list`' });
}

// ---------- YAML import / export ----------

/** A source as written in YAML: the registry's fields, with a readable poll interval. */
const YamlSource = z
  .object({
    id: z.string(),
    name: z.string().min(1).optional(),
    platform: Platform,
    url: z.url().optional(),
    channelId: z.string().optional(),
    languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'a language code such as tg, ru, uz')).default([]),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'a two-letter country code such as TJ')
      .optional(),
    affiliation: Affiliation.default('unknown'),
    affiliationNote: z.string().optional(),
    tags: z.array(z.string()).default([]),
    pollInterval: z.union([z.string(), z.number()]).optional(),
  })
  .strict();

export interface ImportReport {
  added: string[];
  updated: string[];
  unchanged: string[];
}

function sameSource(a: Source, b: Source): boolean {
  const { createdAt: _a, ...x } = a;
  const { createdAt: _b, ...y } = b;
  return JSON.stringify(x, Object.keys(x).sort()) === JSON.stringify(y, Object.keys(y).sort());
}

/**
 * Reads a YAML source list (a list, or `sources:` holding one) and registers every entry. Nothing is
 * stored unless every entry is valid; errors name the file, line and field.
 * @throws OgohError INPUT_PARSE (YAML syntax), INPUT_FIELD (an entry), INPUT_MISSING (no file)
 */
export async function importSources(app: Ogoh, file: string): Promise<ImportReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new OgohError('INPUT_MISSING', 'cannot read the source list', { file, cause: e });
  }
  return importSourcesText(app, text, file);
}

export async function importSourcesText(app: Ogoh, text: string, file: string): Promise<ImportReport> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const pos = err.linePos?.[0];
    throw new OgohError('INPUT_PARSE', `not valid YAML: ${err.message.split('\n')[0]}`, {
      file,
      ...(pos ? { line: pos.line, column: pos.col } : {}),
    });
  }
  let list: unknown = doc.contents;
  if (isMap(list)) list = list.get('sources', true);
  if (!isSeq(list))
    throw new OgohError('INPUT_FIELD', 'expected a list of sources (or `sources:` holding one)', {
      file,
      line: 1,
      field: 'sources',
    });
  const now = app.clock.now().toISOString();
  const parsed: { source: Source; line: number }[] = [];
  const seen = new Map<string, number>();
  for (const node of list.items) {
    const line = lines.linePos((node as unknown as { range?: [number] }).range?.[0] ?? 0).line;
    const raw = (node as { toJSON(): unknown }).toJSON();
    const r = YamlSource.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new OgohError('INPUT_FIELD', `${issue.message}; nothing was imported`, {
        file,
        line,
        field: issue.path.join('.') || 'source',
        hint: 'fields: id, name, platform, url, channelId, languages, country, affiliation, affiliationNote, tags, pollInterval',
      });
    }
    const y = r.data;
    const at = seen.get(y.id);
    if (at !== undefined)
      throw new OgohError(
        'INPUT_FIELD',
        `source "${y.id}" is listed twice (first on line ${at}); nothing was imported`,
        {
          file,
          line,
          field: 'id',
        },
      );
    seen.set(y.id, line);
    const candidate: Record<string, unknown> = { ...y, name: y.name ?? y.id, createdAt: now };
    delete candidate.pollInterval;
    if (y.pollInterval !== undefined) {
      try {
        candidate.pollIntervalSec = parseInterval(y.pollInterval, 'pollInterval');
      } catch (e) {
        throw new OgohError('INPUT_FIELD', `${(e as Error).message}; nothing was imported`, {
          file,
          line,
          field: 'pollInterval',
        });
      }
    }
    if (y.platform === 'telegram' && !y.channelId && y.url) {
      const ch = telegramChannel(y.url);
      if (ch) candidate.channelId = ch;
    }
    const s = Source.safeParse(candidate);
    if (!s.success) {
      const issue = s.error.issues[0]!;
      throw new OgohError('INPUT_FIELD', `${issue.message}; nothing was imported`, {
        file,
        line,
        field: issue.path.join('.') || 'source',
      });
    }
    parsed.push({ source: s.data, line });
  }
  const report: ImportReport = { added: [], updated: [], unchanged: [] };
  for (const { source } of parsed) {
    const existing = await app.store.getSource(source.id);
    if (existing && sameSource(existing, source)) {
      report.unchanged.push(source.id);
      continue;
    }
    await app.store.putSource(existing ? { ...source, createdAt: existing.createdAt } : source);
    (existing ? report.updated : report.added).push(source.id);
  }
  return report;
}

/** The registry as YAML that `importSources` reads back. */
export async function exportSources(app: Ogoh, ids?: string[]): Promise<string> {
  const all = await app.store.listSources();
  const chosen = ids && ids.length > 0 ? all.filter((s) => ids.includes(s.id)) : all;
  const entries = chosen.map((s) => {
    const e: Record<string, unknown> = { id: s.id, name: s.name, platform: s.platform };
    if (s.url !== undefined) e.url = s.url;
    if (s.channelId !== undefined) e.channelId = s.channelId;
    if (s.languages.length > 0) e.languages = s.languages;
    if (s.country !== undefined) e.country = s.country;
    e.affiliation = s.affiliation;
    if (s.affiliationNote !== undefined) e.affiliationNote = s.affiliationNote;
    if (s.tags.length > 0) e.tags = s.tags;
    if (s.pollIntervalSec !== undefined) e.pollInterval = formatInterval(s.pollIntervalSec);
    return e;
  });
  return stringify({ sources: entries }, { lineWidth: 0 });
}
