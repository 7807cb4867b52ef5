import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ensureUser, loadDemo, openAuth, openOgoh } from '@ogoh/app';
import type { Command } from 'commander';
import { info, printJson, progressLine } from '../output.ts';
import { globals, parseIntFlag } from './common.ts';
import { serveUntilStopped } from './serve.ts';

/** The demo store's login (documented in the README; demo stores only). */
export const DEMO_LOGIN = { username: 'demo', password: 'ogoh-demo' } as const;

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'load the fictional demo corpus into a fresh store (default ./ogoh-demo.db), analyse it, show what it found and serve the dashboard on it',
    )
    .option('--items <n>', 'corpus size (default 1600)')
    .option('--seed <n>', 'generator seed (default 7)')
    .option('--out <dir>', 'where the corpus files are written', '.ogoh/demo-corpus')
    .option('--no-serve', 'load only; do not serve the dashboard afterwards (--json never serves)')
    .option('--port <n>', 'dashboard port', '8787')
    .option('--host <address>', 'dashboard address', '127.0.0.1')
    .action(
      async (
        o: { items?: string; seed?: string; out: string; serve: boolean; port: string; host: string },
        cmd: Command,
      ) => {
        const g = globals(cmd);
        const items = parseIntFlag(o.items, '--items', 100, 1_000_000);
        const seed = parseIntFlag(o.seed, '--seed', 0);
        const db = g.db ?? './ogoh-demo.db';
        // A fresh store: the demo never touches the user's own ./ogoh.db.
        for (const suffix of ['', '-wal', '-shm']) await rm(`${db}${suffix}`, { force: true });
        const app = await openOgoh({ db });
        try {
          const bar = progressLine(!g.quiet);
          const started = Date.now();
          const r = await loadDemo(app, {
            dir: resolve(o.out),
            ...(items !== undefined ? { items } : {}),
            ...(seed !== undefined ? { seed } : {}),
            onProgress: (m) => bar.update(m),
          });
          bar.done();
          const s = await app.store.stats();
          if (g.json) {
            printJson({ db, ...r, stats: s });
            return;
          }
          const top = (await app.store.listStories({ limit: 5, minSize: 2 })).stories;
          const lines = [
            `Ogoh demo: ${r.files} files of a fictional corpus written to ${r.dir}`,
            `  ingested ${r.ingest.new} items (${r.ingest.duplicate} duplicate, ${r.ingest.rejected} rejected, ${r.ingest.skipped} skipped) from ${s.sources} sources`,
            `  languages: ${Object.entries(s.byLang)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}`,
            `  analysed ${r.analyse.analysed} items: ${s.stories} stories of copies and near-duplicates`,
            `  ${r.claims} fact-checks from the demo's fact-checking desk (ogoh claims list)`,
            ...top.map(
              (t) =>
                `    ${t.size} items, ${t.sources} sources, ${t.langs.join('/')}: ${(t.title ?? '').slice(0, 70)}`,
            ),
            `  in ${((Date.now() - started) / 1000).toFixed(1)} s; store: ${db}`,
            '',
            'Try:',
            `  npx ogoh --db ${db} items --q "хукумат"          # finds ҳукумат typed either way`,
            `  npx ogoh --db ${db} stories`,
            `  npx ogoh --db ${db} items --lang uz --limit 5`,
            `  npx ogoh check "Русия кафили амнияти Тоҷикистон аст"`,
            `  npx ogoh --db ${db} claims match "ИГИЛ — проект США"`,
          ];
          if (r.ingest.errors.length)
            lines.push(
              '',
              `${r.ingest.errors.length} ingest problem(s): ${JSON.stringify(r.ingest.errors.slice(0, 3))}`,
            );
          info(lines.join('\n'));
          if (!o.serve) return;
          const auth = await openAuth(app);
          try {
            await ensureUser(auth, { ...DEMO_LOGIN, role: 'admin' });
          } finally {
            await auth.close();
          }
          info('');
          await serveUntilStopped(
            app,
            { port: o.port, host: o.host, ...(g.quiet ? { quiet: true } : {}) },
            () => [
              `Open it in a browser and log in as "${DEMO_LOGIN.username}" with the password "${DEMO_LOGIN.password}" (an admin of this demo store only).`,
            ],
          );
        } finally {
          await app.close();
        }
      },
    );
}
