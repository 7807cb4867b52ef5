/**
 * Output discipline: machine-readable results on stdout (`--json`), everything for humans — progress,
 * logs, warnings — on stderr. Exit codes: 0 success, 1 failure of the work, 2 bad usage or input.
 */
import { exitCodeFor, isOgohError } from '@ogoh/core';

export interface GlobalOptions {
  db?: string;
  json?: boolean;
  quiet?: boolean;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

export function info(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Prints an error the way a user can act on it and returns the exit code. */
export function reportError(e: unknown, json: boolean | undefined): 1 | 2 {
  const code = exitCodeFor(e);
  if (isOgohError(e)) {
    if (json) printJson({ error: e.toJSON() });
    info(`ogoh: ${e.describe()}`);
  } else {
    const msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
    if (json) printJson({ error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } });
    info(`ogoh: unexpected failure: ${msg}`);
  }
  return code;
}

/** A progress line on a TTY, redrawn in place; silent when stderr is not a terminal. */
export function progressLine(enabled: boolean): { update(text: string): void; done(): void } {
  const tty = enabled && process.stderr.isTTY;
  let last = 0;
  return {
    update(text) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      process.stderr.write(`\r\x1b[K${text}`);
    },
    done() {
      if (tty) process.stderr.write('\r\x1b[K');
    },
  };
}
