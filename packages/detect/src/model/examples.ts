/**
 * Labelled data for `ogoh train` and `ogoh eval`: JSON Lines parsed and validated at the door, so a
 * misspelt label or a missing field stops with the file, line and field instead of silently
 * training a model that never sees that label.
 */
import { LANGS, OgohError } from '@ogoh/core';
import { z } from 'zod';
import type { Example, Task } from './model.ts';

const ExampleSchema = z
  .object({
    id: z.union([z.string().min(1), z.number()]).transform(String),
    text: z.string().min(1, 'the text is empty'),
    lang: z.enum(LANGS).optional(),
    labels: z.array(z.string()),
    annotated: z.array(z.string()).optional(),
    group: z.string().optional(),
    context: z.string().optional(),
  })
  .strict();

/**
 * Parse labelled examples from JSON Lines: one `{"id", "text", "lang"?, "labels": [...],
 * "annotated"?, "group"?, "context"?}` per line; blank lines are skipped.
 * @param labels the task's label inventory (technique ids, or the taxonomy's narrative ids): every
 *   label must be one of them
 */
export function parseExamples(
  jsonl: string,
  fileName: string,
  task: Task,
  labels: readonly string[],
): Example[] {
  const known = new Set(labels);
  const out: Example[] = [];
  const seen = new Set<string>();
  const lines = jsonl.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const at = { file: fileName, line: i + 1 };
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new OgohError('INPUT_PARSE', `not a JSON object: ${(e as Error).message}`, {
        ...at,
        hint: 'one JSON object per line',
        cause: e,
      });
    }
    const r = ExampleSchema.safeParse(value);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new OgohError('INPUT_FIELD', issue.message, {
        ...at,
        field: issue.path.join('.') || '(line)',
        hint: 'fields: id, text, labels (array), optional lang, annotated, group, context',
      });
    }
    const e = r.data;
    for (const key of ['labels', 'annotated'] as const)
      (e[key] ?? []).forEach((l, j) => {
        if (!known.has(l))
          throw new OgohError(
            'INPUT_FIELD',
            `unknown ${task === 'techniques' ? 'technique' : 'narrative'} label "${l}"`,
            {
              ...at,
              field: `${key}[${j}]`,
              hint:
                task === 'techniques'
                  ? 'use the exact SemEval-2023 label strings, e.g. Loaded_Language, Appeal_to_Fear-Prejudice'
                  : 'use narrative ids of the taxonomy, e.g. ru-west-destabiliser',
            },
          );
      });
    if (seen.has(e.id))
      throw new OgohError('INPUT_FIELD', `duplicate id "${e.id}"`, {
        ...at,
        field: 'id',
        hint: 'ids must be unique',
      });
    seen.add(e.id);
    const ex: Example = { id: e.id, text: e.text, labels: e.labels };
    if (e.lang !== undefined) ex.lang = e.lang;
    if (e.annotated !== undefined) ex.annotated = e.annotated;
    if (e.group !== undefined) ex.group = e.group;
    if (e.context !== undefined) ex.context = e.context;
    out.push(ex);
  });
  if (out.length === 0)
    throw new OgohError('INPUT_MISSING', 'no examples in the file', {
      file: fileName,
      hint: 'one JSON object per line',
    });
  return out;
}
