/**
 * `ogoh`: parses argv and calls the application. No logic of its own beyond presenting results.
 */
import { Command, CommanderError, Option } from 'commander';
import { registerAlerts } from './commands/alerts.ts';
import { registerCards } from './commands/cards.ts';
import { registerCases } from './commands/cases.ts';
import { registerCheck } from './commands/check.ts';
import { registerClaims } from './commands/claims.ts';
import { registerCoord } from './commands/coord.ts';
import { registerDemo } from './commands/demo.ts';
import { registerExport } from './commands/export.ts';
import { registerIngest } from './commands/ingest.ts';
import { registerKeys } from './commands/keys.ts';
import { registerMigrateStore } from './commands/migrate-store.ts';
import { registerQueries } from './commands/query.ts';
import { registerReparse } from './commands/reparse.ts';
import { registerReview } from './commands/review.ts';
import { registerServe } from './commands/serve.ts';
import { registerSources } from './commands/sources.ts';
import { registerTaxonomy } from './commands/taxonomy.ts';
import { registerTrace } from './commands/trace.ts';
import { registerTrain } from './commands/train.ts';
import { registerTrends } from './commands/trends.ts';
import { registerTriage } from './commands/triage.ts';
import { registerUsers } from './commands/users.ts';
import { registerWorker } from './commands/worker.ts';
import { reportError } from './output.ts';

export function buildProgram(): Command {
  const program = new Command('ogoh')
    .description(
      'Detect, trace and counter information manipulation in Central Asia (Tajik, Russian, Uzbek, English, Persian).',
    )
    .version('0.1.0')
    .addOption(
      new Option('--db <path>', 'store: a SQLite file or postgres:// URL (default ./ogoh.db, or $OGOH_DB)'),
    )
    .option('--json', 'machine-readable output on stdout')
    .option('-q, --quiet', 'no progress output')
    .showHelpAfterError('(run `ogoh --help` for usage)')
    .exitOverride();
  registerDemo(program);
  registerIngest(program);
  registerQueries(program);
  registerTrace(program);
  registerTrends(program);
  registerCoord(program);
  registerCheck(program);
  registerClaims(program);
  registerTrain(program);
  registerSources(program);
  registerReparse(program);
  registerServe(program);
  registerUsers(program);
  registerKeys(program);
  registerTaxonomy(program);
  registerExport(program);
  registerCards(program);
  registerReview(program);
  registerCases(program);
  registerTriage(program);
  registerWorker(program);
  registerAlerts(program);
  registerMigrateStore(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return 0;
      return 2; // commander already printed the usage problem on stderr
    }
    return reportError(e, program.opts().json);
  }
}

process.exitCode = await main(process.argv);
