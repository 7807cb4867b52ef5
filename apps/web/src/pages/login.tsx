import { type FormEvent, useState } from 'react';
import { ApiError, api, type Me } from '../api.ts';
import type { MessageKey } from '../i18n/index.ts';

export function LoginPage({ t, onLogin }: { t: (k: MessageKey) => string; onLogin: (me: Me) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLogin(await api.post<Me>('/api/login', { username, password }));
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 429
          ? t('login.limited')
          : err instanceof ApiError && err.status === 401
            ? t('login.failed')
            : String((err as Error).message),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="login card" onSubmit={submit}>
      <h1>{t('login.title')}</h1>
      <label>
        {t('login.username')}
        <input
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
        />
      </label>
      <label>
        {t('login.password')}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('login.submit')}
      </button>
    </form>
  );
}
