/**
 * `copyStore`: everything one store holds into another, SQLite or PostgreSQL either way (the work
 * behind `ogoh migrate-store`). Tables are copied in foreign-key order, each in one transaction with
 * its progress row (ends.ts says why), from one read-only snapshot of the source. Afterwards every
 * table is read back from the target and compared with the source by row count and an
 * order-independent checksum of its logical rows (tables.ts), so a difference in any value of any
 * row shows, whatever order or physical layout each engine uses.
 */
import { createHash } from 'node:crypto';
import { OgohError } from '@ogoh/core';
import { type End, endName, type Marker, openEnd, type Row } from './ends.ts';
import { type ColType, EXCLUDED, type LogicalTable, TABLES } from './tables.ts';

export interface CopyTableReport {
  table: string;
  /** rows and checksum of the source and of the target after the copy */
  source: { rows: number; checksum: string };
  target: { rows: number; checksum: string };
  /** false when the table was copied by an earlier, interrupted run (and only verified now) */
  copied: boolean;
  ok: boolean;
}

export interface CopyReport {
  from: string;
  to: string;
  fromKind: 'sqlite' | 'postgres';
  toKind: 'sqlite' | 'postgres';
  /** an interrupted copy into this target was resumed: these tables were already there */
  resumed: string[];
  /** the target held data and --force emptied it first */
  replaced: boolean;
  tables: CopyTableReport[];
  excluded: readonly { table: string; why: string }[];
  /** every table matched */
  ok: boolean;
  items: number;
  seconds: number;
}

export type CopyEvent =
  | { phase: 'copy'; table: string; rows: number; total: number }
  | { phase: 'verify'; table: string }
  | { phase: 'resume'; tables: string[] };

export interface CopyOptions {
  /** empty a target that holds data (or a finished or foreign copy) first */
  force?: boolean;
  /** rows per read batch @default 1000 */
  batch?: number;
  onProgress?: (e: CopyEvent) => void;
  /** test hook: called before each table is written; throwing there simulates a crash mid-copy */
  beforeTable?: (table: string) => void;
  now?: () => Date;
}

const MOD = 1n << 128n;

/** Row count and order-independent checksum: the sum of the rows' 128-bit SHA-256 prefixes. */
export class TableHash {
  rows = 0;
  private sum = 0n;
  private readonly types: ColType[];

  constructor(t: LogicalTable) {
    this.types = t.columns.map((c) => c.type);
  }

  add(row: Row): void {
    const canon = row.map((v, k) => canonical(this.types[k]!, v));
    const h = createHash('sha256').update(JSON.stringify(canon)).digest();
    this.sum = (this.sum + h.readBigUInt64BE(0) * (1n << 64n) + h.readBigUInt64BE(8)) % MOD;
    this.rows++;
  }

  digest(): string {
    return this.sum.toString(16).padStart(32, '0');
  }
}

function canonical(type: ColType, v: unknown): string | null {
  if (v === null) return null;
  switch (type) {
    case 'o':
      return v ? '1' : '0';
    case 'x':
      return (v as Buffer).toString('hex');
    default:
      return String(v);
  }
}

/** Tables that hold data of their own (stories_last only reads stories another way). */
const DATA_TABLES = TABLES.filter((t) => !t.view);

/** Whether the target holds anything (the claims version row its migration created does not count). */
async function holdsData(end: End): Promise<string | undefined> {
  for (const t of DATA_TABLES) {
    if (t.name === 'claims_version') continue;
    if ((await end.count(t)) > 0) return t.name;
  }
  for await (const batch of end.read(TABLES.find((t) => t.name === 'claims_version')!, 10)) {
    if (batch.some((r) => r[1] !== 0)) return 'claims_version';
  }
  return undefined;
}

async function hashOf(end: End, t: LogicalTable, batch: number): Promise<TableHash> {
  const h = new TableHash(t);
  for await (const rows of end.read(t, batch)) for (const r of rows) h.add(r);
  return h;
}

/**
 * Copies the store at `from` into the store at `to` (created when missing) and verifies the copy.
 * The source is opened read-only and read from one snapshot. The target must hold nothing, or an
 * interrupted copy from the same source (resumed after its last whole table), or `force` is needed.
 * @example const report = await copyStore('./ogoh.db', 'postgres://ogoh@127.0.0.1/ogoh');
 */
export async function copyStore(from: string, to: string, options: CopyOptions = {}): Promise<CopyReport> {
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  const batch = options.batch ?? 1000;
  if (endName(from) === endName(to)) {
    throw new OgohError('USAGE', '--from and --to name the same store', {
      field: '--to',
      hint: 'copy into a new SQLite file or another PostgreSQL database or schema',
    });
  }
  const source = await openEnd(from, true);
  let target: End;
  try {
    target = await openEnd(to, false);
  } catch (e) {
    await source.close();
    throw e;
  }
  try {
    const unfinished = (await source.markers()).find((m) => m.step === '' && m.finishedAt === null);
    if (unfinished) {
      throw new OgohError(
        'CONFLICT',
        `the source ${source.location} is itself an unfinished copy of ${unfinished.source}`,
        {
          field: '--from',
          hint: 'finish that copy first (run it again), or copy from the original store',
        },
      );
    }
    await checkCovered(source);
    const { done, replaced } = await prepareTarget(source, target, options.force === true);
    const resumed = [...done.keys()];
    if (resumed.length > 0) options.onProgress?.({ phase: 'resume', tables: resumed });
    const startedAt = now().toISOString();
    if (!done.has('')) {
      await target.putMarker({
        step: '',
        source: source.location,
        rows: null,
        checksum: null,
        startedAt,
        finishedAt: null,
      });
    }
    const sourceHashes = new Map<string, TableHash>();
    for (const t of TABLES) {
      if (done.has(t.name)) continue;
      options.beforeTable?.(t.name);
      const total = await source.count(t);
      const h = new TableHash(t);
      options.onProgress?.({ phase: 'copy', table: t.name, rows: 0, total });
      const hashed = (async function* () {
        for await (const rows of source.read(t, batch)) {
          for (const r of rows) h.add(r);
          yield rows;
        }
      })();
      await target.writeTable(
        t,
        hashed,
        () => ({
          source: source.location,
          rows: h.rows,
          checksum: h.digest(),
          startedAt,
          finishedAt: now().toISOString(),
        }),
        (p) => options.onProgress?.({ phase: 'copy', table: t.name, rows: p.rows, total }),
      );
      sourceHashes.set(t.name, h);
    }
    await target.touch(now().toISOString());
    const tables: CopyTableReport[] = [];
    for (const t of TABLES) {
      options.onProgress?.({ phase: 'verify', table: t.name });
      const s = sourceHashes.get(t.name) ?? (await hashOf(source, t, batch));
      const d = await hashOf(target, t, batch);
      const ok = s.rows === d.rows && s.digest() === d.digest();
      tables.push({
        table: t.name,
        source: { rows: s.rows, checksum: s.digest() },
        target: { rows: d.rows, checksum: d.digest() },
        copied: sourceHashes.has(t.name),
        ok,
      });
    }
    const ok = tables.every((t) => t.ok);
    if (ok) {
      const run = done.get('');
      await target.putMarker({
        step: '',
        source: source.location,
        rows: tables.find((t) => t.table === 'items')?.target.rows ?? 0,
        checksum: null,
        startedAt: run?.startedAt ?? startedAt,
        finishedAt: now().toISOString(),
      });
    }
    return {
      from: source.location,
      to: target.location,
      fromKind: source.kind,
      toKind: target.kind,
      resumed: resumed.filter((s) => s !== ''),
      replaced,
      tables,
      excluded: EXCLUDED,
      ok,
      items: tables.find((t) => t.table === 'items')?.source.rows ?? 0,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await Promise.allSettled([source.close(), target.close()]);
  }
}

/** Names of the tables and excluded parts `copyStore` knows. */
export function coveredTables(): Set<string> {
  return new Set([...DATA_TABLES.map((t) => t.name), ...EXCLUDED.map((e) => e.table)]);
}

/**
 * A table this build's copy does not know would be left behind silently: refuse instead (a new
 * migration's table must be added to tables.ts, copied or listed as excluded with the reason).
 */
async function checkCovered(source: End): Promise<void> {
  const known = coveredTables();
  const missing = (await source.tableNames()).filter((n) => !known.has(n));
  if (missing.length > 0) {
    throw new OgohError('INTERNAL', `migrate-store does not know the table(s) ${missing.join(', ')}`, {
      file: source.location,
      hint: 'add them to packages/store/src/copy/tables.ts (copied, or excluded with the reason)',
    });
  }
}

/**
 * Decides what the target's state allows: a fresh copy (empty target), a resumed one (an
 * unfinished copy from this source), or, with `force`, a fresh copy after emptying it.
 */
async function prepareTarget(
  source: End,
  target: End,
  force: boolean,
): Promise<{ done: Map<string, Marker>; replaced: boolean }> {
  const markers = await target.markers();
  const run = markers.find((m) => m.step === '');
  const hint = 'add --force to replace everything in the target, or choose an empty target';
  if (force) {
    const held = run ?? (await holdsData(target));
    if (held !== undefined) await target.clear();
    return { done: new Map(), replaced: held !== undefined };
  }
  if (run?.finishedAt) {
    throw new OgohError(
      'CONFLICT',
      `the target ${target.location} already holds a finished copy of ${run.source} (${run.finishedAt})`,
      { field: '--to', hint },
    );
  }
  if (run) {
    if (run.source !== source.location) {
      throw new OgohError(
        'CONFLICT',
        `the target ${target.location} holds an interrupted copy of another store (${run.source})`,
        { field: '--to', hint: 'resume it with that --from, or add --force to replace it' },
      );
    }
    return { done: new Map(markers.map((m) => [m.step, m])), replaced: false };
  }
  const table = await holdsData(target);
  if (table !== undefined) {
    throw new OgohError(
      'CONFLICT',
      `the target ${target.location} is not empty (table ${table} holds rows)`,
      {
        field: '--to',
        hint,
      },
    );
  }
  return { done: new Map(), replaced: false };
}
