/**
 * The term dictionary behind fast prefix search, and FTS5 query building.
 *
 * FTS5 answers `"abcde"*` by merging the doclists of every term starting with "abcde" into one
 * list before it yields a row: the cost grows with the corpus, whatever the LIMIT. 3–4 character
 * prefixes have their own index (migrations.ts); for longer ones `fts_terms` lists every token of
 * the index, so the prefix is expanded here into the terms it covers and sent as
 * `("t1" OR "t2" …)`, which FTS5 walks lazily in rowid order and stops after one page.
 *
 * Tokens come from SQLite itself, not from a JS re-implementation of unicode61: each batch's new
 * texts go into a contentless in-memory FTS5 table with the same tokenizer, and its fts5vocab view
 * is copied into `fts_terms`. Both tokenizations are therefore identical by construction. A writer
 * with a second core can have the splitting done there (`indexTermsOf` → WriteBatch.indexTerms),
 * by the same SQLite tokenizer in a private in-memory database.
 */
import Database from 'better-sqlite3';
import { isPrefixTerm, lastWord } from '../query.ts';
import type { Db } from './db.ts';
import { FTS_TOKENIZE } from './migrations.ts';

/** Expansions beyond this fall back to FTS5's own prefix query (very short, very common prefixes). */
const MAX_EXPANSION = 200;

/** Tokenizer declared by the store's schema, so staging matches the index even after a migration changes it. */
export function schemaTokenizer(db: Db): string {
  const sql = db.raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'items_fts'").pluck().get() as
    | string
    | undefined;
  const m = sql ? /tokenize\s*=\s*'((?:[^']|'')*)'/i.exec(sql) : null;
  return m?.[1]?.replace(/''/g, "'") ?? FTS_TOKENIZE;
}

/**
 * A contentless FTS5 table and its vocabulary view in `schema`, to split texts exactly as the index
 * does (fts5vocab names the table's schema only when it lives in temp).
 */
function stagingSql(schema: string, tokenize: string): string {
  const t = tokenize.replace(/'/g, "''");
  return `
    CREATE VIRTUAL TABLE IF NOT EXISTS ${schema}.terms_stage USING fts5(t, content = '', detail = none, columnsize = 0, tokenize = '${t}');
    CREATE VIRTUAL TABLE IF NOT EXISTS ${schema}.terms_stage_vocab USING fts5vocab(${schema === 'temp' ? 'temp, ' : ''}terms_stage, row);`;
}

let splitter: { db: Database.Database; insert: Database.Statement; read: Database.Statement } | undefined;

/**
 * The distinct index terms of `texts` (WriteBatch.indexTerms), split by SQLite's own tokenizer in a
 * private in-memory database, so a thread that does not write the store can do this part of the
 * work with the very tokenization the writer would use.
 */
export function indexTermsOf(texts: Iterable<string>): { tokenizer: string; terms: string[] } {
  if (!splitter) {
    const db = new Database(':memory:');
    db.exec(stagingSql('main', FTS_TOKENIZE));
    splitter = {
      db,
      // a contentless table takes no implicit rowid
      insert: db.prepare('INSERT INTO terms_stage(rowid, t) VALUES (?, ?)'),
      read: db.prepare('SELECT term FROM terms_stage_vocab').pluck(),
    };
  }
  const s = splitter;
  const terms = s.db.transaction(() => {
    let rowid = 0;
    for (const t of texts) s.insert.run(++rowid, t);
    const out = s.read.all() as string[];
    s.db.exec("INSERT INTO terms_stage(terms_stage) VALUES ('delete-all')");
    return out;
  })();
  return { tokenizer: FTS_TOKENIZE, terms };
}

export class TermIndex {
  private readonly db: Db;
  /** the tokenizer of this store's index (WriteBatch.indexTerms from another tokenizer is ignored) */
  readonly tokenizer: string;
  private staged = 0;

  constructor(db: Db) {
    this.db = db;
    this.tokenizer = schemaTokenizer(db);
    db.raw.exec(stagingSql('temp', this.tokenizer));
  }

  /** Adds terms split elsewhere with this store's tokenizer (indexTermsOf), in the caller's transaction. */
  add(terms: readonly string[]): void {
    if (terms.length === 0) return;
    this.db
      .stmt('INSERT OR IGNORE INTO main.fts_terms(term) SELECT value FROM json_each(?)')
      .run(JSON.stringify(terms));
  }

  /** Queues one new item's folded text; `flush` (same transaction) copies its tokens into `fts_terms`. */
  stage(foldText: string): void {
    this.staged++;
    this.db.stmt('INSERT INTO temp.terms_stage(rowid, t) VALUES (?, ?)').run(this.staged, foldText);
  }

  flush(): void {
    if (this.staged === 0) return;
    this.db.stmt('INSERT OR IGNORE INTO main.fts_terms(term) SELECT term FROM temp.terms_stage_vocab').run();
    this.db.stmt("INSERT INTO temp.terms_stage(terms_stage) VALUES ('delete-all')").run();
    this.staged = 0;
  }

  /** Drops staged texts after a rolled-back batch. */
  reset(): void {
    if (this.staged === 0) return;
    this.db.stmt("INSERT INTO temp.terms_stage(terms_stage) VALUES ('delete-all')").run();
    this.staged = 0;
  }
}

/** An FTS5 string literal. Inside double quotes only `"` is special. */
export function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** Prefix lengths the index keeps as terms of their own (`prefix = '3 4'` in migrations.ts). */
const INDEXED_PREFIX_MAX = 4;

/**
 * The FTS5 expression for one cleaned term: exact when its last word is short; a prefix query
 * served by the prefix index when that word has 3–4 characters; longer ones expanded through the
 * term dictionary (phrases keep their leading words: `("ваксинаи мол…" OR …)`).
 */
export function termExpression(db: Db, term: string): string {
  if (!isPrefixTerm(term)) return quote(term);
  const { head, last } = lastWord(term);
  if ([...last].length <= INDEXED_PREFIX_MAX) return `${quote(term)}*`;
  const terms = db
    .stmt('SELECT term FROM fts_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ?')
    .pluck()
    .all(last, `${last}\u{10FFFF}`, MAX_EXPANSION + 1) as string[];
  // No dictionary hit (nothing matches) or too many: FTS5's own prefix query answers correctly.
  if (terms.length === 0 || terms.length > MAX_EXPANSION) return `${quote(term)}*`;
  const phrases = terms.map((t) => quote(head + t));
  return phrases.length === 1 ? phrases[0]! : `(${phrases.join(' OR ')})`;
}

/** Stories up to this size are matched in a scratch index; larger ones walk the main index. */
const STORY_SCAN_MAX = 2000;
const storyIndexes = new WeakSet<Db>();

/**
 * Sort keys of a story's members matching every term, or undefined when the story is too large.
 * Asking the main index whether one row matches costs milliseconds (every term iterator is set up
 * over every segment), and walking it over the story's time span can cross much of the corpus, so
 * the members' texts go into a temporary in-memory FTS5 table with the same tokenizer and the
 * terms run there: cost follows the story's size, not the corpus, with identical matching rules.
 */
export function matchInStory(db: Db, storyId: string, terms: readonly string[]): bigint[] | undefined {
  const rows = db
    .stmt('SELECT sort_key, fold_text FROM items WHERE story_id = ? LIMIT ?')
    .safeIntegers(true)
    .all(storyId, STORY_SCAN_MAX + 1) as { sort_key: bigint; fold_text: string }[];
  if (rows.length > STORY_SCAN_MAX) return undefined;
  if (rows.length === 0) return [];
  if (!storyIndexes.has(db)) {
    const tokenize = schemaTokenizer(db).replace(/'/g, "''");
    db.raw.exec(
      `CREATE VIRTUAL TABLE IF NOT EXISTS temp.story_terms USING fts5(t, content = '', columnsize = 0, tokenize = '${tokenize}')`,
    );
    storyIndexes.add(db);
  }
  const insert = db.stmt('INSERT INTO temp.story_terms(rowid, t) VALUES (?, ?)');
  try {
    for (const r of rows) insert.run(r.sort_key, r.fold_text);
    const match = terms.map((t) => (isPrefixTerm(t) ? `${quote(t)}*` : quote(t))).join(' AND ');
    return db
      .stmt('SELECT rowid FROM temp.story_terms WHERE story_terms MATCH ?')
      .safeIntegers(true)
      .pluck()
      .all(match) as bigint[];
  } finally {
    db.stmt("INSERT INTO temp.story_terms(story_terms) VALUES ('delete-all')").run();
  }
}

/** Token for the language filter, as produced by the `meta` generated column. */
export function langToken(lang: string): string {
  return quote(`xl${lang}`);
}

/** Token for the source filter: `xs` + hex of the UTF-8 id (source ids contain separators). */
export function sourceToken(sourceId: string): string {
  return quote(`xs${Buffer.from(sourceId, 'utf8').toString('hex')}`);
}
