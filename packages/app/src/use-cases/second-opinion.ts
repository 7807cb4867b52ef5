/**
 * Optional second opinion from an OpenAI-compatible chat endpoint (OGOH_LLM_URL, OGOH_LLM_MODEL,
 * OGOH_LLM_KEY): the model is shown the text and Ogoh's own flags (narrative definitions and
 * technique definitions) and asked, in a strict JSON shape, whether it agrees with each and which
 * known labels it thinks were missed. The answer is shown beside Ogoh's detections, labelled with
 * the model's name, and never replaces or changes them. Any failure — timeout, HTTP error, an
 * answer that is not the asked JSON — gives a second opinion marked unavailable with its error code,
 * never a failed check. Off unless asked for; nothing leaves the machine otherwise.
 */
import { isOgohError, OgohError } from '@ogoh/core';
import { type Taxonomy, TECHNIQUE_IDS, techniqueInfo } from '@ogoh/detect';
import { postJson } from '@ogoh/ingest';
import { z } from 'zod';
import { type CheckOptions, type CheckResult, checkText } from './check-text.ts';
import { defaultDetector } from './detector-default.ts';

export interface LlmConfig {
  /** base URL of the API (".../v1" or the server root); /chat/completions is appended as needed */
  url: string;
  model: string;
  key?: string;
  /** @default 60000 */
  timeoutMs?: number;
}

/** The endpoint from the environment; a coded usage error naming the variable when it is missing. */
export function llmConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LlmConfig {
  const url = env.OGOH_LLM_URL?.trim();
  if (!url)
    throw new OgohError('USAGE', 'a second opinion needs OGOH_LLM_URL', {
      field: 'OGOH_LLM_URL',
      hint: 'set OGOH_LLM_URL to an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1, and OGOH_LLM_MODEL to its model name',
    });
  const cfg: LlmConfig = { url, model: env.OGOH_LLM_MODEL?.trim() || 'default' };
  if (env.OGOH_LLM_KEY) cfg.key = env.OGOH_LLM_KEY;
  const t = env.OGOH_LLM_TIMEOUT_MS;
  if (t !== undefined && t !== '') {
    const ms = Number(t);
    if (!Number.isInteger(ms) || ms < 100)
      throw new OgohError('USAGE', 'OGOH_LLM_TIMEOUT_MS must be an integer of at least 100', {
        field: 'OGOH_LLM_TIMEOUT_MS',
      });
    cfg.timeoutMs = ms;
  }
  return cfg;
}

/** The chat-completions URL of a configured base URL. */
export function chatUrl(base: string): string {
  const b = base.replace(/\/+$/, '');
  if (/\/chat\/completions$/.test(b)) return b;
  return /\/v\d+$/.test(b) ? `${b}/chat/completions` : `${b}/v1/chat/completions`;
}

export type Verdict = 'agree' | 'disagree' | 'unsure';

export interface OpinionItem {
  kind: 'narrative' | 'technique';
  id: string;
  verdict: Verdict;
  reason: string;
}

export interface SecondOpinion {
  /** "ok", or "unavailable" with the error code and message */
  status: 'ok' | 'unavailable';
  /** the model named in the request (and the one the server says answered, when it differs) */
  model: string;
  /** one verdict per flag of Ogoh's that the model addressed */
  verdicts: OpinionItem[];
  /** known labels the model thinks were missed (unknown ids are dropped and counted in `notes`) */
  missed: { kind: 'narrative' | 'technique'; id: string; reason: string }[];
  notes: string[];
  code?: string;
  error?: string;
  elapsedMs?: number;
}

const MAX_TEXT = 6000;

const Answer = z
  .object({
    verdicts: z
      .array(
        z
          .object({
            kind: z.enum(['narrative', 'technique']),
            id: z.string().min(1),
            verdict: z.enum(['agree', 'disagree', 'unsure']),
            reason: z.string().max(2000).default(''),
          })
          .strict(),
      )
      .default([]),
    missed: z
      .array(
        z
          .object({
            kind: z.enum(['narrative', 'technique']),
            id: z.string().min(1),
            reason: z.string().max(2000).default(''),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

const SHAPE = `{"verdicts":[{"kind":"narrative"|"technique","id":"<id as given>","verdict":"agree"|"disagree"|"unsure","reason":"<one sentence>"}],"missed":[{"kind":"narrative"|"technique","id":"<an id from the lists>","reason":"<one sentence>"}]}`;

/** The chat messages: instructions, the flags with their definitions, the known ids, the text. */
export function opinionMessages(
  text: string,
  result: Pick<CheckResult, 'narratives' | 'techniques' | 'lang'>,
  taxonomy: Taxonomy,
): { role: 'system' | 'user'; content: string }[] {
  const byId = new Map(taxonomy.narratives.map((n) => [n.id, n]));
  const flags = [
    ...result.narratives.map((n) => {
      const d = byId.get(n.id);
      return `- narrative ${n.id} (score ${n.score}): ${d ? `${d.label}. ${d.description}` : ''}`;
    }),
    ...result.techniques.map((t) => {
      const info = techniqueInfo(t.id);
      return `- technique ${t.id} (score ${t.score}): ${info ? info.definition : ''}`;
    }),
  ];
  const system = [
    'You review the output of Ogoh, a tool that flags manipulation narratives and persuasion techniques in news and social-media texts from Central Asia (Tajik, Russian, Uzbek, English).',
    'Judge each flag on the text alone: does the text really carry this narrative or technique? Reporting on or refuting a narrative is not carrying it.',
    `Answer with JSON only, no prose and no code fence, exactly in this shape: ${SHAPE}`,
    'Give one verdict per flag listed. List in "missed" only ids from the known lists that the text clearly carries and that were not flagged; an empty list is fine.',
  ].join('\n');
  const user = [
    `Language: ${result.lang}`,
    'Flags:',
    flags.length ? flags.join('\n') : '(none)',
    `Known narrative ids: ${taxonomy.narratives.map((n) => n.id).join(', ')}`,
    `Known technique ids: ${TECHNIQUE_IDS.join(', ')}`,
    'Text:',
    text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)} […]` : text,
  ].join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}

/** Pulls the JSON object out of a chat answer (tolerates a code fence around it, nothing else). */
function answerJson(content: string, where: string): unknown {
  const unfenced = content
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  try {
    return JSON.parse(unfenced);
  } catch (e) {
    throw new OgohError('INPUT_PARSE', 'the model did not answer with JSON', {
      file: where,
      hint: `the answer began: ${content.slice(0, 80)}`,
      cause: e,
    });
  }
}

/**
 * Asks the endpoint for its view of Ogoh's flags on one text. Never throws for the endpoint's
 * failures: they come back as `status: 'unavailable'` with the error's code.
 */
export async function secondOpinion(
  text: string,
  result: Pick<CheckResult, 'narratives' | 'techniques' | 'lang'>,
  taxonomy: Taxonomy,
  cfg: LlmConfig,
): Promise<SecondOpinion> {
  const out: SecondOpinion = { status: 'ok', model: cfg.model, verdicts: [], missed: [], notes: [] };
  const url = chatUrl(cfg.url);
  try {
    const r = await postJson(
      url,
      {
        model: cfg.model,
        temperature: 0,
        messages: opinionMessages(text, result, taxonomy),
      },
      {
        timeoutMs: cfg.timeoutMs ?? 60_000,
        ...(cfg.key ? { headers: { authorization: `Bearer ${cfg.key}` } } : {}),
      },
    );
    out.elapsedMs = r.elapsedMs;
    const body = r.json as { model?: unknown; choices?: { message?: { content?: unknown } }[] };
    const content = body?.choices?.[0]?.message?.content;
    if (typeof content !== 'string')
      throw new OgohError('INPUT_FIELD', 'the answer has no choices[0].message.content', {
        file: url,
        field: 'choices[0].message.content',
        hint: 'is the URL an OpenAI-compatible chat-completions API?',
      });
    if (typeof body.model === 'string' && body.model && body.model !== cfg.model)
      out.model = `${cfg.model} (served as ${body.model})`;
    const parsed = Answer.safeParse(answerJson(content, url));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new OgohError('INPUT_FIELD', `the model's JSON does not have the asked shape: ${issue.message}`, {
        file: url,
        field: issue.path.join('.') || '(root)',
      });
    }
    const flagged = new Set([
      ...result.narratives.map((n) => `narrative:${n.id}`),
      ...result.techniques.map((t) => `technique:${t.id}`),
    ]);
    const known = new Set([
      ...taxonomy.narratives.map((n) => `narrative:${n.id}`),
      ...TECHNIQUE_IDS.map((t) => `technique:${t}`),
    ]);
    const seen = new Set<string>();
    let unasked = 0;
    for (const v of parsed.data.verdicts) {
      const key = `${v.kind}:${v.id}`;
      if (!flagged.has(key) || seen.has(key)) {
        unasked++;
        continue;
      }
      seen.add(key);
      out.verdicts.push({ kind: v.kind, id: v.id, verdict: v.verdict, reason: v.reason });
    }
    let unknown = 0;
    for (const m of parsed.data.missed) {
      const key = `${m.kind}:${m.id}`;
      if (!known.has(key) || flagged.has(key) || seen.has(key)) {
        unknown++;
        continue;
      }
      seen.add(key);
      out.missed.push({ kind: m.kind, id: m.id, reason: m.reason });
    }
    if (unasked) out.notes.push(`${unasked} verdict(s) on labels that were not flagged were ignored`);
    if (unknown) out.notes.push(`${unknown} suggested label(s) unknown or already flagged were ignored`);
    const unanswered = flagged.size - out.verdicts.length;
    if (unanswered > 0) out.notes.push(`${unanswered} flag(s) got no verdict`);
  } catch (e) {
    if (!isOgohError(e)) throw e;
    out.status = 'unavailable';
    out.code = e.code;
    out.error = e.describe();
    out.verdicts = [];
    out.missed = [];
  }
  return out;
}

/** `checkText` plus the endpoint's second opinion on its flags (the flags themselves unchanged). */
export async function checkTextWithSecondOpinion(
  text: string,
  id: string | undefined,
  options: CheckOptions,
  cfg: LlmConfig,
): Promise<CheckResult> {
  const r = checkText(text, id, options);
  const taxonomy = (options.detector ?? defaultDetector()).taxonomy;
  r.secondOpinion = await secondOpinion(text, r, taxonomy, cfg);
  return r;
}
