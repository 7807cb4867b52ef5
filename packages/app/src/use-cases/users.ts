/**
 * Users, sessions and API keys: what `ogoh users|keys` and the server's login call. Secrets are
 * handled here and only digests reach the store: passwords as scrypt hashes (per-user salt,
 * constant-time compare), session tokens and API keys as SHA-256 (they are long random strings,
 * so a fast hash suffices and lets a request be authenticated with one indexed lookup).
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import {
  type ApiKey,
  type AuditEvent,
  type AuthStore,
  OgohError,
  Role,
  type Session,
  type User,
  Username,
} from '@ogoh/core';
import { openAuthStore } from '@ogoh/store';
import type { Clock, Ogoh } from '../context.ts';

export interface Auth {
  store: AuthStore;
  clock: Clock;
  close(): Promise<void>;
}

/** Opens the users/sessions/keys tables of the app's store (a connection of their own). */
export async function openAuth(app: Ogoh): Promise<Auth> {
  const store = await openAuthStore(app.location);
  return { store, clock: app.clock, close: () => store.close() };
}

/** A user as shown to people and the API: no password hash. */
export interface PublicUser {
  id: string;
  username: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  lastLoginAt?: string;
}

/** An API key as listed: no hash, only the prefix to recognise it by. */
export type PublicApiKey = Omit<ApiKey, 'hash'>;

export function publicUser(u: User): PublicUser {
  const out: PublicUser = {
    id: u.id,
    username: u.username,
    role: u.role,
    disabled: u.disabled,
    createdAt: u.createdAt,
  };
  if (u.lastLoginAt !== undefined) out.lastLoginAt = u.lastLoginAt;
  return out;
}

function publicKey(k: ApiKey): PublicApiKey {
  const { hash: _hash, ...rest } = k;
  return rest;
}

// --- passwords ---------------------------------------------------------------------------------

/** OWASP's scrypt floor is N=2^17 r=8 p=1; 2^15 keeps a login under ~100 ms on a small server. */
const SCRYPT_N = 2 ** 15;
const SCRYPT_R = 8;
const SCRYPT_P = 1;
const KEY_LEN = 32;
export const PASSWORD_MIN = 8;
const PASSWORD_MAX = 1024;

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LEN, { N: n, r, p, maxmem: 256 * n * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, base64url parts: the parameters travel with the hash. */
export async function hashPassword(password: string): Promise<string> {
  checkPassword(password);
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P);
  return `scrypt$${SCRYPT_N}$${SCRYPT_R}$${SCRYPT_P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Constant-time check of a password against a stored hash; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![n, r, p].every((x) => Number.isInteger(x) && x > 0) || n > 2 ** 20) return false;
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  if (expected.length !== KEY_LEN || password.length > PASSWORD_MAX) return false;
  const key = await scryptAsync(password, Buffer.from(parts[4] ?? '', 'base64url'), n, r, p);
  return timingSafeEqual(key, expected);
}

function checkPassword(password: string): void {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)
    throw new OgohError('INPUT_FIELD', `a password needs ${PASSWORD_MIN}–${PASSWORD_MAX} characters`, {
      field: 'password',
      hint: 'a few unrelated words make a long password that is easy to remember',
    });
}

let dummyHash: Promise<string> | undefined;
/** Compared against when the username is unknown, so the response time does not reveal it. */
function dummy(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString('base64url'));
  return dummyHash;
}

// --- users -------------------------------------------------------------------------------------

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const newId = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;

function parseRole(role: string): Role {
  const r = Role.safeParse(role);
  if (!r.success)
    throw new OgohError('INPUT_FIELD', `unknown role "${role}"`, {
      field: 'role',
      hint: 'use admin, analyst or viewer',
    });
  return r.data;
}

function parseUsername(username: string): string {
  const u = Username.safeParse(username);
  if (!u.success)
    throw new OgohError(
      'INPUT_FIELD',
      `the username "${username}" is not allowed: ${u.error.issues[0]?.message}`,
      {
        field: 'username',
      },
    );
  return u.data;
}

export async function audit(auth: Auth, event: Omit<AuditEvent, 'at' | 'seq'>): Promise<void> {
  await auth.store.audit({ ...event, at: auth.clock.now().toISOString() });
}

export interface AddUserInput {
  username: string;
  role: string;
  password: string;
}

export async function addUser(auth: Auth, input: AddUserInput, actor = 'cli'): Promise<PublicUser> {
  const username = parseUsername(input.username);
  const role = parseRole(input.role);
  const user: User = {
    id: newId('us'),
    username,
    role,
    passwordHash: await hashPassword(input.password),
    disabled: false,
    createdAt: auth.clock.now().toISOString(),
  };
  await auth.store.addUser(user);
  await audit(auth, { event: 'user-added', actor, subject: username, detail: { role } });
  return publicUser(user);
}

export async function listUsers(auth: Auth): Promise<PublicUser[]> {
  return (await auth.store.listUsers()).map(publicUser);
}

/** Disables (or re-enables) a user; disabling ends their sessions at once. */
export async function setUserDisabled(
  auth: Auth,
  username: string,
  disabled: boolean,
  actor = 'cli',
): Promise<PublicUser> {
  if (!(await auth.store.setUserDisabled(username, disabled)))
    throw new OgohError('NOT_FOUND', `no user "${username}"`, {
      field: 'username',
      hint: 'see `ogoh users list`',
    });
  await audit(auth, { event: disabled ? 'user-disabled' : 'user-enabled', actor, subject: username });
  return publicUser((await auth.store.getUserByName(username))!);
}

/** Creates the user when missing (demo stores); leaves an existing one as it is. */
export async function ensureUser(auth: Auth, input: AddUserInput): Promise<PublicUser> {
  const existing = await auth.store.getUserByName(input.username);
  return existing ? publicUser(existing) : addUser(auth, input, 'demo');
}

// --- sessions ----------------------------------------------------------------------------------

export const SESSION_HOURS = 12;

export interface LoginResult {
  /** the cookie value: shown to the client once, stored only as its SHA-256 */
  token: string;
  session: Session;
  user: PublicUser;
}

/**
 * Checks a username and password and opens a session. Unknown users, disabled users and wrong
 * passwords fail alike (AUTH, same message, same scrypt work), so the answer reveals nothing.
 */
export async function login(
  auth: Auth,
  input: { username: string; password: string; ip?: string },
): Promise<LoginResult> {
  const user = await auth.store.getUserByName(input.username.trim().toLowerCase());
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummy()));
  const ip = input.ip !== undefined ? { ip: input.ip } : {};
  if (!user || !ok || user.disabled) {
    await audit(auth, {
      event: 'login-failed',
      subject: input.username.slice(0, 64),
      ...ip,
      detail: { reason: !user ? 'unknown user' : user.disabled ? 'disabled' : 'wrong password' },
    });
    throw new OgohError('AUTH', 'wrong username or password');
  }
  const now = auth.clock.now();
  const token = randomBytes(32).toString('base64url');
  const session: Session = {
    id: sha256(token),
    userId: user.id,
    csrf: randomBytes(24).toString('base64url'),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
  };
  // Expired sessions are swept here, at the one moment sessions are created: no timer needed.
  await auth.store.deleteExpiredSessions(session.createdAt);
  await auth.store.putSession(session);
  await auth.store.setLastLogin(user.id, session.createdAt);
  await audit(auth, { event: 'login', actor: user.username, ...ip });
  return { token, session, user: publicUser({ ...user, lastLoginAt: session.createdAt }) };
}

/** The live session and its (enabled) user for a cookie token, else undefined. */
export async function sessionFor(
  auth: Auth,
  token: string,
): Promise<{ session: Session; user: PublicUser } | undefined> {
  if (token.length < 20 || token.length > 100) return undefined;
  const session = await auth.store.getSession(sha256(token));
  if (!session) return undefined;
  if (session.expiresAt < auth.clock.now().toISOString()) {
    await auth.store.deleteSession(session.id);
    return undefined;
  }
  const user = await auth.store.getUser(session.userId);
  if (!user || user.disabled) return undefined;
  return { session, user: publicUser(user) };
}

export async function logout(auth: Auth, token: string, actor?: string, ip?: string): Promise<void> {
  await auth.store.deleteSession(sha256(token));
  await audit(auth, {
    event: 'logout',
    ...(actor !== undefined ? { actor } : {}),
    ...(ip !== undefined ? { ip } : {}),
  });
}

// --- API keys ----------------------------------------------------------------------------------

const KEY_PREFIX = 'ogoh_';
/** lastUsedAt is refreshed at most this often, so a busy script does not write on every request */
const TOUCH_EVERY_MS = 60_000;

/** Creates an API key; the returned `key` is shown once and never stored. */
export async function createApiKey(
  auth: Auth,
  input: { name: string; role: string },
  actor = 'cli',
): Promise<{ key: string; record: PublicApiKey }> {
  const name = input.name.trim();
  if (!name || name.length > 100)
    throw new OgohError('INPUT_FIELD', 'an API key needs a name of 1–100 characters', { field: 'name' });
  const role = parseRole(input.role);
  const key = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  const record: ApiKey = {
    id: newId('ak'),
    name,
    role,
    hash: sha256(key),
    prefix: key.slice(0, KEY_PREFIX.length + 6),
    createdAt: auth.clock.now().toISOString(),
    createdBy: actor,
  };
  await auth.store.putApiKey(record);
  await audit(auth, { event: 'key-created', actor, subject: record.id, detail: { name, role } });
  return { key, record: publicKey(record) };
}

export async function listApiKeys(auth: Auth): Promise<PublicApiKey[]> {
  return (await auth.store.listApiKeys()).map(publicKey);
}

export async function revokeApiKey(auth: Auth, id: string, actor = 'cli'): Promise<void> {
  if (!(await auth.store.revokeApiKey(id, auth.clock.now().toISOString()))) {
    const exists = (await auth.store.listApiKeys()).some((k) => k.id === id);
    throw exists
      ? new OgohError('CONFLICT', `the API key ${id} is already revoked`, { field: 'id' })
      : new OgohError('NOT_FOUND', `no API key "${id}"`, { field: 'id', hint: 'see `ogoh keys list`' });
  }
  await audit(auth, { event: 'key-revoked', actor, subject: id });
}

/** The live (not revoked) key for a presented secret, else undefined. */
export async function apiKeyFor(auth: Auth, secret: string): Promise<PublicApiKey | undefined> {
  if (!secret.startsWith(KEY_PREFIX) || secret.length > 200) return undefined;
  const k = await auth.store.getApiKeyByHash(sha256(secret));
  if (!k || k.revokedAt !== undefined) return undefined;
  const now = auth.clock.now();
  if (k.lastUsedAt === undefined || now.getTime() - Date.parse(k.lastUsedAt) > TOUCH_EVERY_MS) {
    await auth.store.touchApiKey(k.id, now.toISOString());
    k.lastUsedAt = now.toISOString();
  }
  return publicKey(k);
}
