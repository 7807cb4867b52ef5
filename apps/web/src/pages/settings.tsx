/** Admin settings: users, API keys (shown once on creation) and the audit log. */
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api.ts';
import { AlertRules } from '../components/alert-rules.tsx';
import { Show } from '../components/bits.tsx';
import { useApp } from '../context.tsx';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import type { MessageKey } from '../i18n/index.ts';

interface User {
  id: string;
  username: string;
  role: string;
  disabled: boolean;
  lastLoginAt?: string;
}
interface Key {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: string;
  revokedAt?: string;
  lastUsedAt?: string;
}
interface AuditEvent {
  seq: number;
  at: string;
  event: string;
  actor?: string;
  subject?: string;
  ip?: string;
}

const ROLES = ['viewer', 'analyst', 'admin'] as const;

export function SettingsPage() {
  const { t, me } = useApp();
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  const users = useLoad(() => api.get<User[]>('/api/users'), [version]);
  const keys = useLoad(() => api.get<Key[]>('/api/keys'), [version]);
  const audit = useLoad(() => api.get<AuditEvent[]>('/api/audit?limit=30'), [version]);
  const [error, setError] = useState<string | null>(null);
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const role = (r: string) => t(`role.${r}` as MessageKey);

  return (
    <>
      <h1>{t('settings.title')}</h1>
      {error && (
        <p className="error" role="alert">
          {t('common.error', { message: error })}
        </p>
      )}
      <section className="card">
        <h2>{t('settings.users')}</h2>
        <Show value={users}>
          {(list) => (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>{t('login.username')}</th>
                    <th>{t('settings.role')}</th>
                    <th>{t('settings.status')}</th>
                    <th>{t('settings.lastLogin')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {list.map((u) => (
                    <tr key={u.id}>
                      <td className="mono">{u.username}</td>
                      <td>{role(u.role)}</td>
                      <td>{u.disabled ? t('settings.disabled') : t('settings.active')}</td>
                      <td className="nowrap">{formatTime(u.lastLoginAt) || t('settings.never')}</td>
                      <td>
                        {!u.disabled && u.username !== me.name && (
                          <button
                            type="button"
                            className="secondary"
                            onClick={() =>
                              act(() => api.post(`/api/users/${encodeURIComponent(u.username)}/disable`))
                            }
                          >
                            {t('settings.disable')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Show>
        <AddUser onDone={refresh} onError={setError} />
      </section>
      <section className="card">
        <h2>{t('settings.keys')}</h2>
        <Show value={keys}>
          {(list) => (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>{t('settings.keyName')}</th>
                    <th>{t('settings.role')}</th>
                    <th>Id</th>
                    <th>{t('settings.created')}</th>
                    <th>{t('settings.status')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {list.map((k) => (
                    <tr key={k.id}>
                      <td dir="auto">{k.name}</td>
                      <td>{role(k.role)}</td>
                      <td className="mono">{k.prefix}…</td>
                      <td className="nowrap">{formatTime(k.createdAt)}</td>
                      <td>{k.revokedAt ? t('settings.revoked') : t('settings.active')}</td>
                      <td>
                        {!k.revokedAt && (
                          <button
                            type="button"
                            className="secondary"
                            onClick={() => act(() => api.post(`/api/keys/${k.id}/revoke`))}
                          >
                            {t('settings.revoke')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Show>
        <CreateKey onDone={refresh} onError={setError} />
      </section>
      <AlertRules />
      <section className="card">
        <h2>{t('settings.audit')}</h2>
        <Show value={audit}>
          {(list) => (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>{t('settings.when')}</th>
                    <th>{t('settings.event')}</th>
                    <th>{t('settings.actor')}</th>
                    <th>{t('settings.subject')}</th>
                    <th>IP</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((e) => (
                    <tr key={e.seq}>
                      <td className="nowrap">{formatTime(e.at)}</td>
                      <td className="mono">{e.event}</td>
                      <td className="mono">{e.actor ?? ''}</td>
                      <td className="mono">{e.subject ?? ''}</td>
                      <td className="mono">{e.ip ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Show>
      </section>
    </>
  );
}

function AddUser({ onDone, onError }: { onDone: () => void; onError: (m: string) => void }) {
  const { t } = useApp();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<string>('viewer');
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await api.post('/api/users', { username, password, role });
      setUsername('');
      setPassword('');
      onDone();
    } catch (err) {
      onError(err instanceof ApiError ? err.message : String(err));
    }
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <h3>{t('settings.addUser')}</h3>
      <label>
        {t('login.username')}
        <input
          name="new-username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
          autoComplete="off"
        />
      </label>
      <label>
        {t('login.password')}
        <input
          name="new-password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          minLength={8}
          autoComplete="new-password"
        />
      </label>
      <label>
        {t('settings.role')}
        <select name="new-role" value={role} onChange={(e) => setRole(e.target.value)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{t('settings.addUser')}</button>
    </form>
  );
}

function CreateKey({ onDone, onError }: { onDone: () => void; onError: (m: string) => void }) {
  const { t } = useApp();
  const [name, setName] = useState('');
  const [role, setRole] = useState<string>('viewer');
  const [created, setCreated] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const r = await api.post<{ key: string }>('/api/keys', { name, role });
      setCreated(r.key);
      setName('');
      onDone();
    } catch (err) {
      onError(err instanceof ApiError ? err.message : String(err));
    }
  }
  return (
    <>
      <form className="inline-form" onSubmit={submit}>
        <h3>{t('settings.createKey')}</h3>
        <label>
          {t('settings.keyName')}
          <input
            name="key-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={100}
          />
        </label>
        <label>
          {t('settings.role')}
          <select name="key-role" value={role} onChange={(e) => setRole(e.target.value)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('settings.createKey')}</button>
      </form>
      {created && (
        <div className="notice-box" role="status">
          <p>{t('settings.keyOnce')}</p>
          <code className="mono break new-key">{created}</code>
        </div>
      )}
    </>
  );
}
