/**
 * Users, sessions, API keys and the audit log: the records behind `ogoh serve`'s access control and
 * the `AuthStore` port that keeps them. Secrets never reach this layer in the clear: passwords arrive
 * as scrypt hashes, session tokens and API keys as SHA-256 digests, so a leaked store holds nothing
 * that logs anyone in.
 */
import { z } from 'zod';

/** Ordered from least to most powerful: a role may do everything the roles before it may. */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** True when `role` is at least `needed` (admin ⊇ analyst ⊇ viewer). */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

const isoTime = z.iso.datetime({ offset: true });

export const Username = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, '2–32 lower-case letters, digits, ".", "_" or "-"');

export const User = z.object({
  id: z.string(),
  username: Username,
  role: Role,
  /** `scrypt$N$r$p$salt$hash` (base64url parts): self-describing so the cost can be raised later */
  passwordHash: z.string(),
  disabled: z.boolean(),
  createdAt: isoTime,
  lastLoginAt: isoTime.optional(),
});
export type User = z.infer<typeof User>;

export const Session = z.object({
  /** SHA-256 of the cookie token (hex) */
  id: z.string(),
  userId: z.string(),
  /** the per-session CSRF token the dashboard echoes in a header on every state-changing request */
  csrf: z.string(),
  createdAt: isoTime,
  expiresAt: isoTime,
});
export type Session = z.infer<typeof Session>;

export const ApiKey = z.object({
  id: z.string(),
  name: z.string().min(1).max(100),
  role: Role,
  /** SHA-256 of the whole key (hex) */
  hash: z.string(),
  /** the key's first characters, shown in listings so an operator can tell keys apart */
  prefix: z.string(),
  createdAt: isoTime,
  createdBy: z.string().optional(),
  revokedAt: isoTime.optional(),
  lastUsedAt: isoTime.optional(),
});
export type ApiKey = z.infer<typeof ApiKey>;

export const AUDIT_EVENTS = [
  'login',
  'login-failed',
  'login-limited',
  'logout',
  'user-added',
  'user-disabled',
  'user-enabled',
  'key-created',
  'key-revoked',
  'access-denied',
  /** data left the system: an export (format, TLP, item count, query or case in `detail`) */
  'export',
] as const;
export type AuditEventName = (typeof AUDIT_EVENTS)[number];

export interface AuditEvent {
  /** assigned by the store, increasing */
  seq?: number;
  at: string;
  event: AuditEventName;
  /** who did it: a username, `key:<id>`, or `cli` */
  actor?: string;
  /** what it was done to: a username or key id */
  subject?: string;
  ip?: string;
  detail?: Record<string, unknown>;
}

/** Where users, sessions, API keys and audit events live (the same database as the items). */
export interface AuthStore {
  close(): Promise<void>;

  /** Inserts a user; a taken username is a CONFLICT error. */
  addUser(user: User): Promise<void>;
  getUser(id: string): Promise<User | undefined>;
  getUserByName(username: string): Promise<User | undefined>;
  listUsers(): Promise<User[]>;
  /** Sets the disabled flag; false when no such user. Disabling also ends the user's sessions. */
  setUserDisabled(username: string, disabled: boolean): Promise<boolean>;
  setLastLogin(userId: string, at: string): Promise<void>;

  putSession(session: Session): Promise<void>;
  getSession(id: string): Promise<Session | undefined>;
  deleteSession(id: string): Promise<void>;
  /** removes sessions that expired before `now`; returns how many */
  deleteExpiredSessions(now: string): Promise<number>;

  putApiKey(key: ApiKey): Promise<void>;
  getApiKeyByHash(hash: string): Promise<ApiKey | undefined>;
  listApiKeys(): Promise<ApiKey[]>;
  /** Marks a key revoked; false when no such key or already revoked. */
  revokeApiKey(id: string, at: string): Promise<boolean>;
  touchApiKey(id: string, at: string): Promise<void>;

  audit(event: AuditEvent): Promise<void>;
  /** newest first */
  listAudit(options?: { limit?: number; beforeSeq?: number }): Promise<AuditEvent[]>;
}
