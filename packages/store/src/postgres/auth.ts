/**
 * The PostgreSQL adapter of the AuthStore port: users, sessions, API keys and the audit log in the
 * store's schema (migration 2), with the semantics of sqlite/auth.ts. Disabling a user and ending
 * their sessions is one transaction; the audit sequence is an identity column, so concurrent
 * servers append without colliding.
 */
import { type ApiKey, type AuditEvent, type AuthStore, OgohError, type Session, type User } from '@ogoh/core';
import {
  type AuditRow,
  KEY_COLUMNS,
  type KeyRow,
  MAX_AUDIT_PAGE,
  rowToAudit,
  rowToKey,
  rowToSession,
  rowToUser,
  SESSION_COLUMNS,
  type SessionRow,
  USER_COLUMNS,
  type UserRow,
} from '../auth-rows.ts';
import { pgError } from './db.ts';
import { openPort, PostgresPort, type PostgresPortOptions } from './port.ts';

class PostgresAuthStore extends PostgresPort implements AuthStore {
  async addUser(user: User): Promise<void> {
    const db = this.db;
    try {
      await db.sql.unsafe(`INSERT INTO users (${USER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        user.id,
        user.username,
        user.role,
        user.passwordHash,
        user.disabled,
        user.createdAt,
        user.lastLoginAt ?? null,
      ]);
    } catch (e) {
      const err = e as { code?: string; constraint_name?: string };
      if (err?.code === '23505' && err.constraint_name === 'users_username_key')
        throw new OgohError('CONFLICT', `the username "${user.username}" is taken`, {
          field: 'username',
          hint: 'choose another name, or disable the existing user first',
        });
      throw pgError(e, `cannot store user ${user.username}`, db.location);
    }
  }

  async getUser(id: string): Promise<User | undefined> {
    const [r] = await this.query<UserRow>(
      'cannot read a user',
      `SELECT ${USER_COLUMNS} FROM users WHERE id = $1`,
      [id],
    );
    return r ? rowToUser(r) : undefined;
  }

  async getUserByName(username: string): Promise<User | undefined> {
    const [r] = await this.query<UserRow>(
      'cannot read a user',
      `SELECT ${USER_COLUMNS} FROM users WHERE username = $1`,
      [username],
    );
    return r ? rowToUser(r) : undefined;
  }

  async listUsers(): Promise<User[]> {
    // COLLATE "C": code-point order, as on SQLite, whatever the database's locale
    return (
      await this.query<UserRow>(
        'cannot list users',
        `SELECT ${USER_COLUMNS} FROM users ORDER BY username COLLATE "C"`,
      )
    ).map(rowToUser);
  }

  async setUserDisabled(username: string, disabled: boolean): Promise<boolean> {
    return this.tx(`cannot update user ${username}`, async (tx) => {
      const [u] = await tx.rows<{ id: string }>(
        'UPDATE users SET disabled = $1 WHERE username = $2 RETURNING id',
        [disabled, username],
      );
      if (u === undefined) return false;
      if (disabled) await tx.run('DELETE FROM sessions WHERE user_id = $1', [u.id]);
      return true;
    });
  }

  async setLastLogin(userId: string, at: string): Promise<void> {
    await this.query('cannot record a login', 'UPDATE users SET last_login_at = $1 WHERE id = $2', [
      at,
      userId,
    ]);
  }

  async putSession(s: Session): Promise<void> {
    await this.query(
      'cannot store a session',
      'INSERT INTO sessions (id, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [s.id, s.userId, s.csrf, s.createdAt, s.expiresAt],
    );
  }

  async getSession(id: string): Promise<Session | undefined> {
    const [r] = await this.query<SessionRow>(
      'cannot read a session',
      `SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = $1`,
      [id],
    );
    return r ? rowToSession(r) : undefined;
  }

  async deleteSession(id: string): Promise<void> {
    await this.query('cannot end a session', 'DELETE FROM sessions WHERE id = $1', [id]);
  }

  async deleteExpiredSessions(now: string): Promise<number> {
    // ISO strings from one clock (UTC, same format) compare in time order under byte collation.
    return this.tx('cannot remove expired sessions', (tx) =>
      tx.run('DELETE FROM sessions WHERE expires_at < $1 COLLATE "C"', [now]),
    );
  }

  async putApiKey(k: ApiKey): Promise<void> {
    await this.query(
      `cannot store API key ${k.id}`,
      `INSERT INTO api_keys (${KEY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        k.id,
        k.name,
        k.role,
        k.hash,
        k.prefix,
        k.createdAt,
        k.createdBy ?? null,
        k.revokedAt ?? null,
        k.lastUsedAt ?? null,
      ],
    );
  }

  async getApiKeyByHash(hash: string): Promise<ApiKey | undefined> {
    const [r] = await this.query<KeyRow>(
      'cannot read an API key',
      `SELECT ${KEY_COLUMNS} FROM api_keys WHERE hash = $1`,
      [hash],
    );
    return r ? rowToKey(r) : undefined;
  }

  async listApiKeys(): Promise<ApiKey[]> {
    return (
      await this.query<KeyRow>(
        'cannot list API keys',
        `SELECT ${KEY_COLUMNS} FROM api_keys ORDER BY created_at COLLATE "C", id COLLATE "C"`,
      )
    ).map(rowToKey);
  }

  async revokeApiKey(id: string, at: string): Promise<boolean> {
    return this.tx(
      `cannot revoke API key ${id}`,
      async (tx) =>
        (await tx.run('UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id])) >
        0,
    );
  }

  async touchApiKey(id: string, at: string): Promise<void> {
    await this.query(`cannot update API key ${id}`, 'UPDATE api_keys SET last_used_at = $1 WHERE id = $2', [
      at,
      id,
    ]);
  }

  async audit(e: AuditEvent): Promise<void> {
    await this.query(
      'cannot write the audit log',
      'INSERT INTO audit_log (at, event, actor, subject, ip, detail) VALUES ($1, $2, $3, $4, $5, $6)',
      [
        e.at,
        e.event,
        e.actor ?? null,
        e.subject ?? null,
        e.ip ?? null,
        e.detail === undefined ? null : JSON.stringify(e.detail),
      ],
    );
  }

  async listAudit(options: { limit?: number; beforeSeq?: number } = {}): Promise<AuditEvent[]> {
    const limit = Math.min(Math.max(Math.floor(options.limit ?? 100), 1), MAX_AUDIT_PAGE);
    const rows = await this.query<AuditRow>(
      'cannot read the audit log',
      'SELECT seq::text AS seq, at, event, actor, subject, ip, detail FROM audit_log WHERE seq < $1 ORDER BY seq DESC LIMIT $2',
      [options.beforeSeq ?? Number.MAX_SAFE_INTEGER, limit],
    );
    return rows.map(rowToAudit);
  }
}

/**
 * Opens the auth tables of the PostgreSQL store at `url` (creating and migrating the schema when new).
 * @example const auth = await openPostgresAuthStore('postgres://ogoh@127.0.0.1/ogoh', { schema: 'ogoh' });
 */
export async function openPostgresAuthStore(
  url: string,
  options: PostgresPortOptions = {},
): Promise<AuthStore> {
  return openPort(url, options, (db) => new PostgresAuthStore(db));
}
