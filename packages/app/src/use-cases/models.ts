/**
 * Trained models on disk. Each store has a models folder beside it (`<db>.models/`, or `OGOH_MODELS`
 * for a PostgreSQL store); `<task>.json` (+ `<task>.weights`) is the current model of a task. A newly
 * trained model is evaluated first, then written under its version name, then made current with an
 * atomic rename — a crash leaves the previous model in place.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadModel, type Model, saveModel, type Task } from '@ogoh/detect';
import type { Ogoh } from '../context.ts';

export function modelsDir(app: Pick<Ogoh, 'location'>, env: NodeJS.ProcessEnv = process.env): string {
  if (env.OGOH_MODELS) return env.OGOH_MODELS;
  if (/^postgres(ql)?:\/\//i.test(app.location)) return './ogoh-models';
  return `${app.location}.models`;
}

/** The current model of a task, or undefined when none was trained for this store. */
export async function currentModel(app: Pick<Ogoh, 'location'>, task: Task): Promise<Model | undefined> {
  const dir = modelsDir(app);
  const json = join(dir, `${task}.json`);
  if (!existsSync(json)) return undefined;
  const weightsPath = join(dir, `${task}.weights`);
  const weights = existsSync(weightsPath) ? new Uint8Array(await readFile(weightsPath)) : undefined;
  return loadModel(await readFile(json, 'utf8'), weights, json);
}

/** Writes a model under its version name and makes it the current one for its task. */
export async function installModel(app: Pick<Ogoh, 'location'>, model: Model): Promise<string> {
  const dir = modelsDir(app);
  await mkdir(dir, { recursive: true });
  const { json } = saveModel(model, { inline: true });
  const versioned = join(dir, `${model.meta.version}.json`);
  await writeFile(versioned, json);
  const tmp = join(dir, `.${model.meta.task}.json.tmp`);
  await writeFile(tmp, json);
  await rename(tmp, join(dir, `${model.meta.task}.json`));
  return versioned;
}
