/**
 * Reads fact-check files into claim records: ClaimReview (schema.org JSON-LD as fact-checkers publish
 * it: one object, an array, `@graph`, or a DataFeed, also one per line as JSONL), the Google Fact
 * Check Tools API response (`claims[]` with `claimReview[]`), and CSV (`id,claim,rating,url,date,
 * lang,org`, only `id` and `claim` required). A bad record is reported with its file, line or JSON
 * path and the reason, and the good ones are kept; a file that cannot be read at all is an error.
 */
import { ClaimRecord, OgohError } from '@ogoh/core';

export interface ClaimIssue {
  file: string;
  /** 1-based line of the record (CSV, JSONL) */
  line?: number;
  /** JSON path of the record ("$.claims[3].claimReview[0]") */
  path?: string;
  reason: string;
}

export type ClaimFormat = 'claimreview' | 'factchecktools' | 'csv';

export interface ClaimFileResult {
  format: ClaimFormat;
  claims: ClaimRecord[];
  issues: ClaimIssue[];
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(v: Json | undefined): string | undefined {
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? undefined : t;
  }
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** A schema.org thing or its name: "Full Fact", { name: "Full Fact" }, [{ name: … }]. */
function nameOf(v: Json | undefined): string | undefined {
  if (Array.isArray(v)) return nameOf(v[0]);
  if (isObj(v)) return str(v.name) ?? str(v.alternateName) ?? str(v.url);
  return str(v);
}

function urlOf(v: Json | undefined): string | undefined {
  if (isObj(v)) return str(v.url) ?? str(v['@id']);
  return str(v);
}

function typeIs(o: Obj, type: string): boolean {
  const t = o['@type'];
  const has = (x: Json | undefined) => typeof x === 'string' && (x === type || x.endsWith(`/${type}`));
  return Array.isArray(t) ? t.some(has) : has(t);
}

/** Sets the optional fields that have a value (exactOptionalPropertyTypes: never assign undefined). */
function withOptional(
  base: { id: string; text: string },
  extra: Record<string, string | string[] | undefined>,
) {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}

/** Validates through the core schema, turning zod's complaint into a reason a person can act on. */
function validated(
  raw: Record<string, unknown>,
  at: Omit<ClaimIssue, 'reason'>,
  issues: ClaimIssue[],
): ClaimRecord | undefined {
  const r = ClaimRecord.safeParse(raw);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  issues.push({ ...at, reason: `field "${first?.path.join('.') ?? '?'}": ${first?.message ?? 'invalid'}` });
  return undefined;
}

// ---- ClaimReview ---------------------------------------------------------------------------------

function appearances(claim: Obj | undefined): string[] {
  if (!claim) return [];
  const out: string[] = [];
  for (const key of ['firstAppearance', 'appearance']) {
    const v = claim[key];
    for (const a of Array.isArray(v) ? v : v === undefined ? [] : [v]) {
      const u = urlOf(a);
      if (u !== undefined && !out.includes(u)) out.push(u);
    }
  }
  return out;
}

function fromClaimReview(o: Obj, file: string, path: string, issues: ClaimIssue[]): ClaimRecord | undefined {
  const item = isObj(o.itemReviewed) ? o.itemReviewed : undefined;
  const text = str(o.claimReviewed) ?? str(item?.text) ?? str(item?.name);
  const id = str(o['@id']) ?? str(o.url);
  if (text === undefined) {
    issues.push({ file, path, reason: 'ClaimReview without "claimReviewed" (the claim text)' });
    return undefined;
  }
  if (id === undefined) {
    issues.push({ file, path, reason: 'ClaimReview without "@id" or "url" to identify it' });
    return undefined;
  }
  const rating = isObj(o.reviewRating)
    ? (str(o.reviewRating.alternateName) ?? str(o.reviewRating.name) ?? str(o.reviewRating.ratingValue))
    : str(o.reviewRating);
  const lang = nameOrCode(o.inLanguage) ?? nameOrCode(item?.inLanguage);
  return validated(
    withOptional(
      { id, text },
      {
        rating,
        org: nameOf(o.author) ?? nameOf(o.publisher),
        url: str(o.url),
        date: str(o.datePublished) ?? str(o.dateModified),
        lang,
        claimant: nameOf(item?.author),
        claimDate: str(item?.datePublished),
        title: str(o.headline) ?? str(o.name),
        appearances: appearances(item),
      },
    ),
    { file, path },
    issues,
  );
}

/** inLanguage: "ru" or { "@type": "Language", "alternateName": "ru", "name": "Russian" }. */
function nameOrCode(v: Json | undefined): string | undefined {
  if (isObj(v)) return str(v.alternateName) ?? str(v.identifier) ?? str(v.name);
  return str(v);
}

/** Every ClaimReview object in a JSON tree, with its path (covers @graph, arrays, DataFeed items). */
function findClaimReviews(v: Json, path: string, out: { o: Obj; path: string }[]): void {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      findClaimReviews(x, `${path}[${i}]`, out);
    });
    return;
  }
  if (!isObj(v)) return;
  if (typeIs(v, 'ClaimReview')) {
    out.push({ o: v, path });
    return;
  }
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'object' && x !== null)
      findClaimReviews(x, `${path}${/^[A-Za-z_]\w*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`}`, out);
  }
}

// ---- Google Fact Check Tools ---------------------------------------------------------------------

function fromFactCheckTools(doc: Obj | Obj[], file: string, issues: ClaimIssue[]): ClaimRecord[] {
  const out: ClaimRecord[] = [];
  const pages = Array.isArray(doc) ? doc : [doc];
  pages.forEach((page, p) => {
    const base = Array.isArray(doc) ? `$[${p}]` : '$';
    const claims = page.claims;
    if (!Array.isArray(claims)) {
      issues.push({ file, path: `${base}.claims`, reason: '"claims" must be an array' });
      return;
    }
    claims.forEach((c, i) => {
      const path = `${base}.claims[${i}]`;
      if (!isObj(c)) {
        issues.push({ file, path, reason: 'a claim must be an object' });
        return;
      }
      const text = str(c.text);
      if (text === undefined) {
        issues.push({ file, path, reason: 'claim without "text"' });
        return;
      }
      const reviews = Array.isArray(c.claimReview) ? c.claimReview : [];
      if (reviews.length === 0) {
        issues.push({ file, path, reason: 'claim without "claimReview" (nothing says who checked it)' });
        return;
      }
      reviews.forEach((r, j) => {
        const rpath = `${path}.claimReview[${j}]`;
        if (!isObj(r)) {
          issues.push({ file, path: rpath, reason: 'a claimReview must be an object' });
          return;
        }
        const url = str(r.url);
        if (url === undefined) {
          issues.push({ file, path: rpath, reason: 'claimReview without "url" to identify it' });
          return;
        }
        const publisher = isObj(r.publisher) ? r.publisher : undefined;
        const rec = validated(
          withOptional(
            { id: url, text },
            {
              rating: str(r.textualRating),
              org: str(publisher?.name) ?? str(publisher?.site),
              url,
              date: str(r.reviewDate),
              lang: str(r.languageCode),
              claimant: str(c.claimant),
              claimDate: str(c.claimDate),
              title: str(r.title),
            },
          ),
          { file, path: rpath },
          issues,
        );
        if (rec) out.push(rec);
      });
    });
  });
  return out;
}

// ---- CSV -----------------------------------------------------------------------------------------

/** RFC 4180 records with the line each starts on; `delimiter` sniffed from the header line. */
function csvRecords(text: string, file: string): { line: number; fields: string[] }[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  const delimiter = counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      out.push({ line: start, fields });
      fields = [];
      field = '';
      line++;
      start = line;
    } else field += ch;
  }
  if (quoted)
    throw new OgohError('INPUT_PARSE', 'a quoted CSV field is never closed', {
      file,
      line: quoteLine,
      hint: 'close the field with a double quote; write "" for a quote inside a field',
    });
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    out.push({ line: start, fields });
  }
  return out.filter((r) => r.fields.some((f) => f.trim() !== ''));
}

const CSV_COLUMNS: Readonly<Record<string, string>> = {
  id: 'id',
  claim: 'text',
  text: 'text',
  rating: 'rating',
  verdict: 'rating',
  url: 'url',
  date: 'date',
  lang: 'lang',
  language: 'lang',
  org: 'org',
  organisation: 'org',
  organization: 'org',
  claimant: 'claimant',
  claim_date: 'claimDate',
  title: 'title',
  appearances: 'appearances',
};

function fromCsv(text: string, file: string, issues: ClaimIssue[]): ClaimRecord[] {
  const rows = csvRecords(text, file);
  const header = rows.shift();
  if (!header)
    throw new OgohError('INPUT_PARSE', 'the CSV file is empty', {
      file,
      hint: 'give a header row: id,claim,…',
    });
  const cols = header.fields.map(
    (h) =>
      CSV_COLUMNS[
        h
          .trim()
          .toLowerCase()
          .replace(/^\ufeff/, '')
      ],
  );
  for (const need of ['id', 'text'])
    if (!cols.includes(need))
      throw new OgohError(
        'INPUT_FIELD',
        `the CSV header has no "${need === 'text' ? 'claim' : need}" column`,
        {
          file,
          line: header.line,
          field: need === 'text' ? 'claim' : need,
          hint: 'the header needs id and claim; optional: rating, url, date, lang, org',
        },
      );
  const out: ClaimRecord[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (r.fields.length > header.fields.length) {
      issues.push({
        file,
        line: r.line,
        reason: `${r.fields.length} fields for ${header.fields.length} columns (an unquoted delimiter?)`,
      });
      continue;
    }
    const raw: Record<string, string | string[]> = {};
    cols.forEach((c, i) => {
      const v = r.fields[i]?.trim();
      if (c === undefined || v === undefined || v === '') return;
      raw[c] = c === 'appearances' ? v.split(/[\s|]+/).filter(Boolean) : v;
    });
    if (raw.id === undefined) {
      issues.push({ file, line: r.line, reason: 'empty "id"' });
      continue;
    }
    if (raw.text === undefined) {
      issues.push({ file, line: r.line, reason: 'empty "claim"' });
      continue;
    }
    const id = raw.id as string;
    const before = seen.get(id);
    if (before !== undefined) {
      issues.push({
        file,
        line: r.line,
        reason: `id "${id}" already used on line ${before}`,
      });
      continue;
    }
    const rec = validated(raw, { file, line: r.line }, issues);
    if (rec) {
      seen.set(id, r.line);
      out.push(rec);
    }
  }
  return out;
}

// ---- entry point ---------------------------------------------------------------------------------

function parseJson(text: string, file: string, lineOffset = 0): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    let line = lineOffset + 1;
    let column: number | undefined;
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      line = lineOffset + before.split('\n').length;
      column = before.length - before.lastIndexOf('\n');
    }
    throw new OgohError('INPUT_PARSE', `not valid JSON: ${msg.replace(/ in JSON at.*$/, '')}`, {
      file,
      line,
      ...(column === undefined ? {} : { column }),
      hint: 'fix the JSON syntax; nothing from this file was stored',
    });
  }
}

function fromJsonValue(doc: Json, file: string, issues: ClaimIssue[]): ClaimFileResult {
  const fct = (o: Json) => isObj(o) && Array.isArray(o.claims) && !typeIs(o, 'ClaimReview');
  if (fct(doc) || (Array.isArray(doc) && doc.length > 0 && doc.every(fct)))
    return { format: 'factchecktools', claims: fromFactCheckTools(doc as Obj | Obj[], file, issues), issues };
  const found: { o: Obj; path: string }[] = [];
  findClaimReviews(doc, '$', found);
  if (found.length === 0)
    throw new OgohError(
      'INPUT_FORMAT_UNKNOWN',
      'no ClaimReview objects and no Fact Check Tools "claims" array',
      {
        file,
        hint: 'give schema.org ClaimReview JSON-LD ("@type": "ClaimReview"), a Fact Check Tools API response, or a CSV with id,claim columns',
      },
    );
  const claims: ClaimRecord[] = [];
  for (const f of found) {
    const c = fromClaimReview(f.o, file, f.path, issues);
    if (c) claims.push(c);
  }
  return { format: 'claimreview', claims, issues };
}

/**
 * Reads one fact-check file's text. `file` names it in issues and errors; the format comes from
 * its extension, else from the content.
 * @example const { claims, issues } = readClaimFile(text, 'factcheck.json')
 */
export function readClaimFile(text: string, file: string): ClaimFileResult {
  const body = text.replace(/^\ufeff/, '');
  const ext = /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase();
  const issues: ClaimIssue[] = [];
  const head = body.trimStart()[0];
  if (
    ext === 'csv' ||
    ext === 'tsv' ||
    (ext !== 'json' && ext !== 'jsonld' && ext !== 'jsonl' && head !== '{' && head !== '[')
  )
    return { format: 'csv', claims: fromCsv(body, file, issues), issues };
  if (ext === 'jsonl' || ext === 'ndjson') {
    const claims: ClaimRecord[] = [];
    let format: ClaimFormat = 'claimreview';
    // one record per line: a bad line is a bad record, not a bad file
    body.split('\n').forEach((l, i) => {
      if (l.trim() === '') return;
      try {
        const lineIssues: ClaimIssue[] = [];
        const r = fromJsonValue(parseJson(l, file, i), file, lineIssues);
        format = r.format;
        claims.push(...r.claims);
        for (const x of lineIssues) issues.push({ ...x, line: i + 1 });
      } catch (e) {
        if (!(e instanceof OgohError)) throw e;
        issues.push({ file, line: i + 1, reason: e.message });
      }
    });
    return { format, claims, issues };
  }
  return fromJsonValue(parseJson(body, file), file, issues);
}
