/** The source registry: add, list, and the implicit sources that ingest creates. */
import { type Affiliation, OgohError, type Platform, Source } from '@ogoh/core';
import type { Ogoh } from '../context.ts';

export interface AddSourceInput {
  id: string;
  name?: string;
  platform?: Platform;
  url?: string;
  channelId?: string;
  languages?: string[];
  country?: string;
  affiliation?: Affiliation;
  affiliationNote?: string;
  tags?: string[];
  pollIntervalSec?: number;
}

/** Validates and stores a source; an existing id is updated with the given fields. */
export async function addSource(app: Ogoh, input: AddSourceInput): Promise<Source> {
  const existing = await app.store.getSource(input.id);
  const candidate = {
    ...(existing ?? { platform: 'file', createdAt: app.clock.now().toISOString() }),
    ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    name: input.name ?? existing?.name ?? input.id,
  };
  const parsed = Source.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new OgohError('INPUT_FIELD', issue.message, {
      field: issue.path.join('.') || 'source',
      hint: 'see `ogoh sources add --help`',
    });
  }
  await app.store.putSource(parsed.data);
  return parsed.data;
}

export async function listSources(app: Ogoh): Promise<Source[]> {
  return app.store.listSources();
}

/** Makes sure a source exists, creating a minimal one (affiliation unknown) when it does not. */
export async function ensureSource(
  app: Ogoh,
  id: string,
  defaults: { name?: string; platform: Platform; url?: string; channelId?: string },
  cache: Map<string, Source>,
): Promise<Source> {
  const cached = cache.get(id);
  if (cached) return cached;
  let s = await app.store.getSource(id);
  if (!s) {
    const init: AddSourceInput = { id, name: defaults.name ?? id, platform: defaults.platform };
    if (defaults.url !== undefined) init.url = defaults.url;
    if (defaults.channelId !== undefined) init.channelId = defaults.channelId;
    s = await addSource(app, init);
  }
  cache.set(id, s);
  return s;
}
