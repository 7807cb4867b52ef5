/**
 * `ogoh migrate-store --from ./ogoh.db --to postgres://…` (and back): copies everything a store
 * holds into an empty store, verifies every table by row count and checksum on both sides, and
 * prints them. Exit 1 when any table differs; a re-run resumes an interrupted copy.
 */
import { type MigrateStoreReport, migrateStore, resolveDbLocation } from '@ogoh/app';
import { OgohError } from '@ogoh/core';
import type { Command } from 'commander';
import { info, printJson, progressLine } from '../output.ts';
import { globals } from './common.ts';

function printTables(r: MigrateStoreReport): void {
  const width = Math.max(...r.tables.map((t) => t.table.length));
  info(
    `${'table'.padEnd(width)}  ${'source rows'.padStart(11)}  ${'target rows'.padStart(11)}  checksum (source / target)`,
  );
  for (const t of r.tables) {
    const sum =
      t.source.checksum === t.target.checksum
        ? t.source.checksum
        : `${t.source.checksum} / ${t.target.checksum}`;
    info(
      `${t.table.padEnd(width)}  ${String(t.source.rows).padStart(11)}  ${String(t.target.rows).padStart(11)}  ${sum}  ${t.ok ? 'ok' : 'DIFFERS'}${t.copied ? '' : ' (copied by the interrupted run)'}`,
    );
  }
}

export function registerMigrateStore(program: Command): void {
  program
    .command('migrate-store')
    .description(
      'copy everything a store holds into another (SQLite ⇄ PostgreSQL), verified by per-table counts and checksums',
    )
    .option('--from <location>', 'the store to copy: SQLite file or postgres:// URL (default --db)')
    .option('--to <location>', 'the empty store to copy into: SQLite file or postgres://…?schema=… URL')
    .option('--force', 'replace everything the target holds')
    .action(async (o: { from?: string; to?: string; force?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      if (!o.to) {
        throw new OgohError('USAGE', 'migrate-store needs --to', {
          field: '--to',
          hint: 'e.g. ogoh migrate-store --from ./ogoh.db --to postgres://ogoh@127.0.0.1/ogoh',
        });
      }
      const from = o.from ?? resolveDbLocation(g.db);
      const bar = progressLine(!g.quiet);
      let current = '';
      const r = await migrateStore({
        from,
        to: o.to,
        ...(o.force ? { force: true } : {}),
        onProgress: (e) => {
          if (g.quiet) return;
          if (e.phase === 'resume')
            info(`resuming an interrupted copy: ${e.tables.filter(Boolean).length} table(s) already copied`);
          else if (e.phase === 'copy') {
            if (e.table !== current) {
              bar.done();
              info(`copy ${e.table} (${e.total} row(s))`);
              current = e.table;
            }
            bar.update(`copy ${e.table}: ${e.rows}/${e.total}`);
          } else bar.update(`verify ${e.table}`);
        },
      });
      bar.done();
      if (g.json) printJson(r);
      if (!g.quiet || !r.ok) printTables(r);
      const m = r.models;
      info(
        m.skipped
          ? `models: not copied (${m.skipped})`
          : `models: ${m.files} file(s), ${m.bytes} bytes copied to ${m.to}`,
      );
      info(
        r.ok
          ? `copied ${r.from} → ${r.to}: ${r.tables.length} tables verified, ${r.items} item(s) in ${r.seconds.toFixed(1)} s`
          : `the copy ${r.from} → ${r.to} DIFFERS in ${r.tables
              .filter((t) => !t.ok)
              .map((t) => t.table)
              .join(', ')}; run it again with --force`,
      );
      if (!r.ok) process.exitCode = 1;
    });
}
