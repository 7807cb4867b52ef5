/**
 * Coded errors. Every failure that reaches a user carries a stable `code`, a `kind` that decides the
 * CLI exit code and HTTP status, and where possible the file, line, column or field at fault plus a
 * hint on what to fix. Wording is for humans; `code` is the contract.
 */

/** `input`: bad data or bad usage (exit 2, HTTP 400/422); `notFound`: exit 1, HTTP 404; `work`: exit 1, HTTP 500. */
export type ErrorKind =
  | 'usage'
  | 'input'
  | 'notFound'
  | 'conflict'
  | 'auth'
  | 'forbidden'
  | 'rateLimit'
  | 'work';

export const ERROR_CODES = {
  USAGE: 'usage',
  INPUT_PARSE: 'input',
  INPUT_ENCODING: 'input',
  INPUT_TOO_LARGE: 'input',
  INPUT_BINARY: 'input',
  INPUT_FIELD: 'input',
  INPUT_FORMAT_UNKNOWN: 'input',
  INPUT_MISSING: 'input',
  NOT_FOUND: 'notFound',
  CONFLICT: 'conflict',
  AUTH: 'auth',
  /** authenticated, but the role (or a missing CSRF token) does not allow it: HTTP 403 */
  FORBIDDEN: 'forbidden',
  /** too many attempts (logins): HTTP 429 */
  RATE_LIMITED: 'rateLimit',
  /** the fetcher refused an address (loopback, private, link-local, metadata) not on the allow-list */
  FETCH_BLOCKED: 'input',
  /** robots.txt disallows the URL for Ogoh's user agent */
  FETCH_ROBOTS: 'work',
  /** the server answered with an HTTP error status */
  FETCH_HTTP: 'work',
  /** no complete response within the time limit */
  FETCH_TIMEOUT: 'work',
  /** the response (or its decompressed body) exceeded the size limit */
  FETCH_TOO_LARGE: 'work',
  /** DNS, connection, TLS or protocol failure */
  FETCH_NETWORK: 'work',
  STORE_VERSION: 'work',
  STORE: 'work',
  INTERNAL: 'work',
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  field?: string;
}

export interface OgohErrorInit extends ErrorLocation {
  hint?: string;
  cause?: unknown;
}

export class OgohError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly field: string | undefined;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, init: OgohErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'OgohError';
    this.code = code;
    this.kind = ERROR_CODES[code];
    this.file = init.file;
    this.line = init.line;
    this.column = init.column;
    this.field = init.field;
    this.hint = init.hint;
  }

  /** "feed.xml:14:3: unclosed <item> — fix: …" */
  describe(): string {
    let where = this.file ?? '';
    if (this.line !== undefined) where += `${where ? ':' : 'line '}${this.line}`;
    if (this.column !== undefined) where += `:${this.column}`;
    if (this.field !== undefined) where += `${where ? ' ' : ''}field "${this.field}"`;
    const head = where ? `${where}: ${this.message}` : this.message;
    return this.hint ? `${head} (${this.hint})` : head;
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { code: this.code, message: this.message };
    if (this.file !== undefined) out.file = this.file;
    if (this.line !== undefined) out.line = this.line;
    if (this.column !== undefined) out.column = this.column;
    if (this.field !== undefined) out.field = this.field;
    if (this.hint !== undefined) out.hint = this.hint;
    return out;
  }
}

export function isOgohError(e: unknown): e is OgohError {
  return e instanceof OgohError;
}

/** CLI exit code for an error: 2 for bad usage or input, 1 for everything else. */
export function exitCodeFor(e: unknown): 1 | 2 {
  return isOgohError(e) && (e.kind === 'usage' || e.kind === 'input') ? 2 : 1;
}

/** HTTP status for an error. */
export function httpStatusFor(e: unknown): number {
  if (!isOgohError(e)) return 500;
  switch (e.kind) {
    case 'usage':
      return 400;
    case 'input':
      return 422;
    case 'notFound':
      return 404;
    case 'conflict':
      return 409;
    case 'auth':
      return 401;
    case 'forbidden':
      return 403;
    case 'rateLimit':
      return 429;
    default:
      return 500;
  }
}
