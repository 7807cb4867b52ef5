/**
 * `ogoh demo`: writes the fictional demo corpus as the files a user would have, registers its sources
 * with their affiliations, ingests every file as a user would (`ingest --source … [--map …]`) and
 * analyses the result.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Affiliation, Format, Platform } from '@ogoh/core';
import { DEMO_FACT_CHECK_FILE, type DemoManifest, writeDemo } from '@ogoh/demo';
import type { Ogoh } from '../context.ts';
import { type AnalyseReport, analyse } from './analyse.ts';
import { importClaims } from './claims.ts';
import { type IngestReport, ingestPaths } from './ingest-files.ts';
import { addSource } from './sources.ts';

export interface DemoOptions {
  /** where the corpus files are written */
  dir: string;
  items?: number;
  seed?: number;
  onProgress?: (message: string) => void;
}

export interface DemoReport {
  dir: string;
  files: number;
  ingest: Pick<IngestReport, 'new' | 'duplicate' | 'rejected' | 'skipped' | 'errors'>;
  analyse: AnalyseReport;
  manifest: DemoManifest['counts'];
  /** fact-checks imported from the demo's fact-checking desk */
  claims: number;
}

export async function loadDemo(app: Ogoh, options: DemoOptions): Promise<DemoReport> {
  await rm(options.dir, { recursive: true, force: true });
  const corpus = writeDemo(options.dir, {
    ...(options.items !== undefined ? { items: options.items } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  const { manifest } = corpus;
  const total: DemoReport['ingest'] = { new: 0, duplicate: 0, rejected: 0, skipped: 0, errors: [] };
  for (const [i, s] of manifest.sources.entries()) {
    await addSource(app, {
      id: s.id,
      name: s.name,
      platform: s.platform as Platform,
      affiliation: s.affiliation as Affiliation,
      affiliationNote: s.note,
      languages: s.languages,
      country: s.country,
      tags: ['demo'],
      ...(s.url ? { url: s.url } : {}),
      ...(s.channelId ? { channelId: s.channelId } : {}),
    });
    options.onProgress?.(`demo: ingesting ${s.file} (${i + 1}/${manifest.sources.length})`);
    const r = await ingestPaths(app, [join(options.dir, s.file)], {
      sourceId: s.id,
      format: s.format as Format,
      ...(s.csvMap ? { map: s.csvMap } : {}),
    });
    total.new += r.new;
    total.duplicate += r.duplicate;
    total.rejected += r.rejected;
    total.skipped += r.skipped;
    total.errors.push(...r.errors);
  }
  options.onProgress?.('demo: importing fact-checks');
  // (the fact-check database lives beside a store file; an in-memory store goes without)
  const claims =
    app.location === ':memory:'
      ? { inserted: 0, updated: 0, unchanged: 0 }
      : await importClaims(app, [join(options.dir, DEMO_FACT_CHECK_FILE)]);
  options.onProgress?.('demo: analysing');
  const a = await analyse(app, { onProgress: (p) => options.onProgress?.(`demo: analysed ${p.analysed}`) });
  return {
    dir: options.dir,
    files: corpus.files.length,
    ingest: total,
    analyse: a,
    manifest: manifest.counts,
    claims: claims.inserted + claims.updated + claims.unchanged,
  };
}
