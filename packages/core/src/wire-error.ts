/**
 * Errors across a thread boundary. Structured cloning keeps an Error's message but drops its class
 * and own fields, so an OgohError is sent as its JSON form (code, file, line, column, field, hint)
 * and rebuilt on the other side; other errors keep their message and errno `code` (ENOENT, EACCES),
 * which is what `ingest` reports from them.
 */
import { ERROR_CODES, type ErrorCode, OgohError } from './errors.ts';

export interface WireError {
  ogoh: boolean;
  code?: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  field?: string;
  hint?: string;
}

export function toWire(e: unknown): WireError {
  if (e instanceof OgohError) return { ogoh: true, ...(e.toJSON() as Omit<WireError, 'ogoh'>) };
  const err = e as NodeJS.ErrnoException;
  const out: WireError = { ogoh: false, message: err instanceof Error ? err.message : String(e) };
  if (typeof err?.code === 'string') out.code = err.code;
  return out;
}

export function fromWire(w: WireError): Error {
  if (w.ogoh && w.code !== undefined && w.code in ERROR_CODES) {
    const init: ConstructorParameters<typeof OgohError>[2] = {};
    if (w.file !== undefined) init.file = w.file;
    if (w.line !== undefined) init.line = w.line;
    if (w.column !== undefined) init.column = w.column;
    if (w.field !== undefined) init.field = w.field;
    if (w.hint !== undefined) init.hint = w.hint;
    return new OgohError(w.code as ErrorCode, w.message, init);
  }
  return Object.assign(new Error(w.message), w.code === undefined ? {} : { code: w.code });
}
