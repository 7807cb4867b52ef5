/**
 * What the SQLite and PostgreSQL auth adapters share: the rows of users, sessions, API keys and the
 * audit log (the same columns on both stores) and their mapping to records, so a column added on one
 * store cannot be forgotten on the other. The stores differ only in how a flag and a sequence come
 * back (SQLite: 0/1 and a number; PostgreSQL: a boolean and a bigint as text).
 */
import type { ApiKey, AuditEvent, Role, Session, User } from '@ogoh/core';

export interface UserRow {
  id: string;
  username: string;
  role: string;
  password_hash: string;
  disabled: number | boolean;
  created_at: string;
  last_login_at: string | null;
}

export interface SessionRow {
  id: string;
  user_id: string;
  csrf: string;
  created_at: string;
  expires_at: string;
}

export interface KeyRow {
  id: string;
  name: string;
  role: string;
  hash: string;
  prefix: string;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface AuditRow {
  seq: number | string;
  at: string;
  event: string;
  actor: string | null;
  subject: string | null;
  ip: string | null;
  detail: string | null;
}

export const USER_COLUMNS = 'id, username, role, password_hash, disabled, created_at, last_login_at';
export const SESSION_COLUMNS = 'id, user_id, csrf, created_at, expires_at';
export const KEY_COLUMNS = 'id, name, role, hash, prefix, created_at, created_by, revoked_at, last_used_at';
export const MAX_AUDIT_PAGE = 1000;

export function rowToUser(r: UserRow): User {
  const u: User = {
    id: r.id,
    username: r.username,
    role: r.role as Role,
    passwordHash: r.password_hash,
    disabled: r.disabled === true || r.disabled === 1,
    createdAt: r.created_at,
  };
  if (r.last_login_at !== null) u.lastLoginAt = r.last_login_at;
  return u;
}

export function rowToSession(r: SessionRow): Session {
  return { id: r.id, userId: r.user_id, csrf: r.csrf, createdAt: r.created_at, expiresAt: r.expires_at };
}

export function rowToKey(r: KeyRow): ApiKey {
  const k: ApiKey = {
    id: r.id,
    name: r.name,
    role: r.role as Role,
    hash: r.hash,
    prefix: r.prefix,
    createdAt: r.created_at,
  };
  if (r.created_by !== null) k.createdBy = r.created_by;
  if (r.revoked_at !== null) k.revokedAt = r.revoked_at;
  if (r.last_used_at !== null) k.lastUsedAt = r.last_used_at;
  return k;
}

export function rowToAudit(r: AuditRow): AuditEvent {
  const e: AuditEvent = { seq: Number(r.seq), at: r.at, event: r.event as AuditEvent['event'] };
  if (r.actor !== null) e.actor = r.actor;
  if (r.subject !== null) e.subject = r.subject;
  if (r.ip !== null) e.ip = r.ip;
  if (r.detail !== null) e.detail = JSON.parse(r.detail) as Record<string, unknown>;
  return e;
}
