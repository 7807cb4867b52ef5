import { userInfo } from 'node:os';
import { OgohError } from '@ogoh/core';
import type { Command } from 'commander';
import type { GlobalOptions } from '../output.ts';

export function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals() as GlobalOptions;
}

/** "text=body,published=date" → { text: 'body', published: 'date' } */
export function parseMap(spec: string | undefined): Record<string, string> | undefined {
  if (!spec) return undefined;
  const targets = new Set(['id', 'text', 'title', 'url', 'published', 'author', 'lang', 'source']);
  const out: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const [k, v] = pair.split('=').map((s) => s.trim());
    if (!k || !v || !targets.has(k))
      throw new OgohError('USAGE', `--map entry "${pair}" is not target=column`, {
        field: '--map',
        hint: `targets: ${[...targets].join(', ')}; e.g. --map text=body,published=date`,
      });
    out[k] = v;
  }
  return out;
}

/** Accepts YYYY-MM-DD or a full ISO-8601 time; returns ISO UTC. */
export function parseDateFlag(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime()))
    throw new OgohError('USAGE', `${flag} "${value}" is not a date`, {
      field: flag,
      hint: 'use YYYY-MM-DD or an ISO-8601 time',
    });
  return d.toISOString();
}

export function parseIntFlag(
  value: string | undefined,
  flag: string,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new OgohError('USAGE', `${flag} must be an integer from ${min} to ${max}`, { field: flag });
  return n;
}

/**
 * Who the CLI acts as, for audit trails: `--actor NAME` as given, else `cli:<OS user>` (so a record
 * made on the operator's machine is told apart from a dashboard user of the same name).
 */
export function cliActor(value: string | undefined, flag = '--actor'): string {
  if (value !== undefined) {
    const v = value.trim();
    if (!v || v.length > 100)
      throw new OgohError('USAGE', `${flag} needs a name of 1 to 100 characters`, {
        field: flag,
        hint: 'e.g. --actor nilufar',
      });
    return v;
  }
  let name = 'unknown';
  try {
    name = userInfo().username || name;
  } catch {
    // no passwd entry for this uid (some containers): still recorded, as cli:unknown
  }
  return `cli:${name}`;
}
