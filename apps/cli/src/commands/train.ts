import { evalModel, openOgoh, parseTask, reportTable, trainModel } from '@ogoh/app';
import type { Command } from 'commander';
import { info, printJson, progressLine } from '../output.ts';
import { globals } from './common.ts';

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description(
      'train a narratives or techniques model on labelled JSONL ({"id","text","lang"?,"labels":[…]} per line); evaluated on a held-out fifth before it replaces the current model',
    )
    .argument('<task>', 'narratives or techniques')
    .requiredOption('--data <file>', 'labelled JSONL')
    .option('--no-feedback', "leave the store's analyst verdicts (ogoh feedback) out of the training data")
    .action(async (taskArg: string, o: { data: string; feedback: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const task = parseTask(taskArg);
      const app = await openOgoh(g.db ? { db: g.db } : {});
      try {
        const bar = progressLine(!g.quiet);
        const r = await trainModel(app, task, o.data, {
          onEpoch: (e, of) => bar.update(`train ${task}: epoch ${e}/${of}`),
          feedback: o.feedback,
        });
        bar.done();
        if (g.json) printJson(r);
        else {
          process.stdout.write(`${reportTable(r.evaluation)}\n`);
          if (r.feedback)
            info(
              `analyst feedback: ${r.feedback.items} item(s) (${r.feedback.positive} confirmed, ${r.feedback.negative} ruled-out label(s)), each counted ${r.feedback.weight}×, trained on and never held out${r.feedback.replaced ? `; replaced ${r.feedback.replaced} file example(s) with the same text` : ''}`,
            );
          info(
            `model ${r.version} trained on ${r.trained} examples, evaluated on ${r.heldOut} held-out ones (micro F1 ${r.evaluation.micro.f1.toFixed(3)})${r.previous ? `; replaced ${r.previous.version}${r.previous.micro ? ` (micro F1 ${r.previous.micro.f1.toFixed(3)})` : ''}` : ''}; saved to ${r.file}`,
          );
          if (r.dense)
            info(
              `embedding head ${r.dense.version} on ${r.dense.embedder}: held-out ${r.task} micro F1 ${r.dense.withHead.toFixed(3)} with it, ${r.dense.withoutHead.toFixed(3)} without; ${r.dense.installed ? 'installed' : 'not installed (it did not help)'}`,
            );
        }
      } finally {
        await app.close();
      }
    });

  program
    .command('eval')
    .description(
      'evaluate the current model (or the taxonomy cues when none is trained) on labelled JSONL: per-label precision, recall, F1; micro and macro',
    )
    .argument('<task>', 'narratives or techniques')
    .requiredOption('--data <file>', 'labelled JSONL')
    .action(async (taskArg: string, o: { data: string }, cmd: Command) => {
      const g = globals(cmd);
      const task = parseTask(taskArg);
      const app = await openOgoh(g.db ? { db: g.db } : {});
      try {
        const r = await evalModel(app, task, o.data);
        if (g.json) printJson(r);
        else {
          process.stdout.write(`${reportTable(r.report)}\n`);
          info(
            `${r.task}: ${r.model} on ${r.report.n} examples — micro F1 ${r.report.micro.f1.toFixed(3)}, macro F1 ${r.report.macro.f1.toFixed(3)}`,
          );
        }
      } finally {
        await app.close();
      }
    });
}
