/**
 * The SQLite adapter of the AuthStore port: users, sessions, API keys and the audit log, in the same
 * file as the items (migration 2). It opens its own connection, so the Store port stays as it is;
 * WAL lets both connections read and write the one file.
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
import { type Db, isConstraintError, openDb, sqliteError } from './db.ts';
import { migrate } from './migrate.ts';

class SqliteAuthStore implements AuthStore {
  private readonly handle: Db;
  private closed = false;

  constructor(db: Db) {
    this.handle = db;
  }

  private get db(): Db {
    if (this.closed)
      throw new OgohError('STORE', `the store ${this.handle.path} is closed`, { file: this.handle.path });
    return this.handle;
  }

  /** Runs a write and turns SQLite failures into coded errors naming what was being done. */
  private write<T>(what: string, fn: (db: Db) => T): T {
    const db = this.db;
    try {
      return db.write(() => fn(db));
    } catch (e) {
      throw sqliteError(e, what, db.path);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handle.close();
  }

  async addUser(user: User): Promise<void> {
    const db = this.db;
    try {
      db.write(() =>
        db
          .stmt(`INSERT INTO users (${USER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`)
          .run(
            user.id,
            user.username,
            user.role,
            user.passwordHash,
            user.disabled ? 1 : 0,
            user.createdAt,
            user.lastLoginAt ?? null,
          ),
      );
    } catch (e) {
      if (isConstraintError(e) && /users\.username/.test(e instanceof Error ? e.message : ''))
        throw new OgohError('CONFLICT', `the username "${user.username}" is taken`, {
          field: 'username',
          hint: 'choose another name, or disable the existing user first',
        });
      throw sqliteError(e, `cannot store user ${user.username}`, db.path);
    }
  }

  async getUser(id: string): Promise<User | undefined> {
    const r = this.db.stmt(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`).get(id) as UserRow | undefined;
    return r ? rowToUser(r) : undefined;
  }

  async getUserByName(username: string): Promise<User | undefined> {
    const r = this.db.stmt(`SELECT ${USER_COLUMNS} FROM users WHERE username = ?`).get(username) as
      | UserRow
      | undefined;
    return r ? rowToUser(r) : undefined;
  }

  async listUsers(): Promise<User[]> {
    return (this.db.stmt(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`).all() as UserRow[]).map(
      rowToUser,
    );
  }

  async setUserDisabled(username: string, disabled: boolean): Promise<boolean> {
    return this.write(`cannot update user ${username}`, (db) => {
      const id = db.stmt('SELECT id FROM users WHERE username = ?').pluck().get(username) as
        | string
        | undefined;
      if (id === undefined) return false;
      db.stmt('UPDATE users SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, id);
      if (disabled) db.stmt('DELETE FROM sessions WHERE user_id = ?').run(id);
      return true;
    });
  }

  async setLastLogin(userId: string, at: string): Promise<void> {
    this.write('cannot record a login', (db) =>
      db.stmt('UPDATE users SET last_login_at = ? WHERE id = ?').run(at, userId),
    );
  }

  async putSession(s: Session): Promise<void> {
    this.write('cannot store a session', (db) =>
      db
        .stmt('INSERT INTO sessions (id, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
        .run(s.id, s.userId, s.csrf, s.createdAt, s.expiresAt),
    );
  }

  async getSession(id: string): Promise<Session | undefined> {
    const r = this.db.stmt(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = ?`).get(id) as
      | SessionRow
      | undefined;
    return r ? rowToSession(r) : undefined;
  }

  async deleteSession(id: string): Promise<void> {
    this.write('cannot end a session', (db) => db.stmt('DELETE FROM sessions WHERE id = ?').run(id));
  }

  async deleteExpiredSessions(now: string): Promise<number> {
    // ISO strings from one clock (UTC, same format) compare in time order.
    return this.write(
      'cannot remove expired sessions',
      (db) => db.stmt('DELETE FROM sessions WHERE expires_at < ?').run(now).changes,
    );
  }

  async putApiKey(k: ApiKey): Promise<void> {
    this.write(`cannot store API key ${k.id}`, (db) =>
      db
        .stmt(`INSERT INTO api_keys (${KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(
          k.id,
          k.name,
          k.role,
          k.hash,
          k.prefix,
          k.createdAt,
          k.createdBy ?? null,
          k.revokedAt ?? null,
          k.lastUsedAt ?? null,
        ),
    );
  }

  async getApiKeyByHash(hash: string): Promise<ApiKey | undefined> {
    const r = this.db.stmt(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE hash = ?`).get(hash) as
      | KeyRow
      | undefined;
    return r ? rowToKey(r) : undefined;
  }

  async listApiKeys(): Promise<ApiKey[]> {
    return (
      this.db.stmt(`SELECT ${KEY_COLUMNS} FROM api_keys ORDER BY created_at, id`).all() as KeyRow[]
    ).map(rowToKey);
  }

  async revokeApiKey(id: string, at: string): Promise<boolean> {
    return this.write(
      `cannot revoke API key ${id}`,
      (db) =>
        db.stmt('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id)
          .changes > 0,
    );
  }

  async touchApiKey(id: string, at: string): Promise<void> {
    this.write(`cannot update API key ${id}`, (db) =>
      db.stmt('UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(at, id),
    );
  }

  async audit(e: AuditEvent): Promise<void> {
    this.write('cannot write the audit log', (db) =>
      db
        .stmt('INSERT INTO audit_log (at, event, actor, subject, ip, detail) VALUES (?, ?, ?, ?, ?, ?)')
        .run(
          e.at,
          e.event,
          e.actor ?? null,
          e.subject ?? null,
          e.ip ?? null,
          e.detail === undefined ? null : JSON.stringify(e.detail),
        ),
    );
  }

  async listAudit(options: { limit?: number; beforeSeq?: number } = {}): Promise<AuditEvent[]> {
    const limit = Math.min(Math.max(Math.floor(options.limit ?? 100), 1), MAX_AUDIT_PAGE);
    const rows = this.db
      .stmt(
        'SELECT seq, at, event, actor, subject, ip, detail FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?',
      )
      .all(options.beforeSeq ?? Number.MAX_SAFE_INTEGER, limit) as AuditRow[];
    return rows.map(rowToAudit);
  }
}

/**
 * Opens the auth tables of the SQLite store at `path` (creating and migrating the store when new).
 * @example
 *   const auth = await openSqliteAuthStore('data/ogoh.db');
 *   await auth.addUser(user);
 */
export async function openSqliteAuthStore(path: string): Promise<AuthStore> {
  const db = openDb(path, false);
  try {
    migrate(db, false);
    return new SqliteAuthStore(db);
  } catch (e) {
    db.close();
    throw e;
  }
}
