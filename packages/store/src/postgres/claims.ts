/**
 * The PostgreSQL adapter of the ClaimStore port (fact-checked claims keyed by their imported id),
 * with the semantics of sqlite/claims.ts. An upsert locks the version row first, so concurrent
 * imports run one after the other: each sees the other's rows and the inserted/updated/unchanged
 * counts stay exact. Ids are ordered by code point (COLLATE "C"), as on SQLite.
 */
import type { ClaimPage, ClaimRecord, ClaimStore, ClaimUpsertResult } from '@ogoh/core';
import {
  type ClaimRow,
  COLUMNS,
  DEFAULT_PAGE,
  decodeCursor,
  encodeCursor,
  FIELDS,
  MAX_PAGE,
  rowToClaim,
  sameRow,
  values,
} from '../claims-rows.ts';
import { openPort, PostgresPort, type PostgresPortOptions } from './port.ts';

/** Rows per multi-row INSERT (12 parameters each, well under PostgreSQL's 65,535). */
const CHUNK = 1000;

class PostgresClaimStore extends PostgresPort implements ClaimStore {
  async upsertClaims(claims: readonly ClaimRecord[], at: string): Promise<ClaimUpsertResult> {
    const result: ClaimUpsertResult = { inserted: 0, updated: 0, unchanged: 0 };
    if (claims.length === 0) return result;
    return this.tx(`cannot store ${claims.length} claims`, async (tx) => {
      await tx.run('SELECT version FROM claims_version WHERE id = 1 FOR UPDATE');
      const ids = [...new Set(claims.map((c) => c.id))];
      const stored = new Map(
        (await tx.rows<ClaimRow>(`SELECT ${COLUMNS} FROM claims WHERE id = ANY($1::text[])`, [ids])).map(
          (r) => [r.id, r] as const,
        ),
      );
      // applied in order, as SQLite does: a repeated id compares against the version before it
      const current = new Map<string, ClaimRow>(stored);
      for (const c of claims) {
        const v = values(c);
        const old = current.get(c.id);
        if (old === undefined) result.inserted++;
        else if (sameRow(old, v)) {
          result.unchanged++;
          continue;
        } else result.updated++;
        current.set(c.id, rowOf(v));
      }
      const inserts: (string | null)[][] = [];
      for (const [id, row] of current) {
        const old = stored.get(id);
        const v = FIELDS.map((f) => (row as unknown as Record<string, string | null>)[f] ?? null);
        if (old === undefined) inserts.push(v);
        else if (!sameRow(old, v))
          await tx.run(
            `UPDATE claims SET text = $2, rating = $3, org = $4, url = $5, date = $6, lang = $7, claimant = $8,
               claim_date = $9, title = $10, appearances = $11, updated_at = $12 WHERE id = $1`,
            [...v, at],
          );
      }
      for (let i = 0; i < inserts.length; i += CHUNK) {
        const params: (string | null)[] = [];
        const rows = inserts.slice(i, i + CHUNK).map((v) => {
          const base = params.length;
          params.push(...v, at);
          return `(${v.map((_, j) => `$${base + j + 1}`).join(', ')}, $${base + v.length + 1})`;
        });
        await tx.run(`INSERT INTO claims (${COLUMNS}, updated_at) VALUES ${rows.join(', ')}`, params);
      }
      if (result.inserted + result.updated > 0)
        await tx.run('UPDATE claims_version SET version = version + 1 WHERE id = 1');
      return result;
    });
  }

  async listClaims(options: { limit?: number; cursor?: string } = {}): Promise<ClaimPage> {
    const limit = Math.min(Math.max(Math.floor(options.limit ?? DEFAULT_PAGE), 1), MAX_PAGE);
    const after = options.cursor === undefined ? '' : decodeCursor(options.cursor);
    const rows = await this.query<ClaimRow>(
      'cannot list claims',
      `SELECT ${COLUMNS} FROM claims WHERE id COLLATE "C" > $1 ORDER BY id COLLATE "C" LIMIT $2`,
      [after, limit + 1],
    );
    const page: ClaimPage = { claims: rows.slice(0, limit).map(rowToClaim) };
    if (rows.length > limit) page.next = encodeCursor(rows[limit - 1]!.id);
    return page;
  }

  async getClaim(id: string): Promise<ClaimRecord | undefined> {
    const [r] = await this.query<ClaimRow>(
      'cannot read a claim',
      `SELECT ${COLUMNS} FROM claims WHERE id = $1`,
      [id],
    );
    return r ? rowToClaim(r) : undefined;
  }

  async countClaims(): Promise<number> {
    const [r] = await this.query<{ n: number }>(
      'cannot count claims',
      'SELECT count(*)::int AS n FROM claims',
    );
    return r?.n ?? 0;
  }

  async claimsVersion(): Promise<string> {
    const [r] = await this.query<{ v: string }>(
      'cannot read the claims version',
      'SELECT version::text AS v FROM claims_version WHERE id = 1',
    );
    return r?.v ?? '0';
  }
}

function rowOf(v: (string | null)[]): ClaimRow {
  return Object.fromEntries(FIELDS.map((f, i) => [f, v[i] ?? null])) as unknown as ClaimRow;
}

/**
 * Opens the claims table of the PostgreSQL store at `url` (creating and migrating the schema when new).
 * @example const claims = await openPostgresClaimStore(url, { schema: 'ogoh' });
 */
export async function openPostgresClaimStore(
  url: string,
  options: PostgresPortOptions = {},
): Promise<ClaimStore> {
  return openPort(url, options, (db) => new PostgresClaimStore(db));
}
