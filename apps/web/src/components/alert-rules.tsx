/** Settings → Alert rules: list, add (the signing secret shown once), enable/disable, test, remove. */
import { type FormEvent, useState } from 'react';
import { type AlertRuleKind, ApiError, alertsApi } from '../api.ts';
import { useApp } from '../context.tsx';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import type { MessageKey } from '../i18n/index.ts';
import { Show } from './bits.tsx';

const KINDS: AlertRuleKind[] = ['narrative_spike', 'convergence', 'source_joins_story', 'claim_match'];

export function AlertRules() {
  const { t } = useApp();
  const [version, setVersion] = useState(0);
  const rules = useLoad(() => alertsApi.rules(), [version]);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const act = async (fn: () => Promise<unknown>, ok?: (r: unknown) => string) => {
    setMessage(null);
    try {
      const r = await fn();
      if (ok) setMessage({ error: false, text: ok(r) });
      setVersion((v) => v + 1);
    } catch (e) {
      setMessage({ error: true, text: e instanceof ApiError ? e.message : String(e) });
    }
  };
  return (
    <section className="card" aria-labelledby="alert-rules-title">
      <h2 id="alert-rules-title">{t('alerts.rules')}</h2>
      <p className="muted">{t('alerts.rulesIntro')}</p>
      {message && (
        <p className={message.error ? 'error' : 'notice'} role={message.error ? 'alert' : 'status'}>
          {message.error ? t('common.error', { message: message.text }) : message.text}
        </p>
      )}
      {secret && (
        <div className="notice" role="status">
          <p>{t('alerts.secretOnce', { name: secret.name })}</p>
          <code className="mono">{secret.value}</code>
        </div>
      )}
      <Show value={rules}>
        {({ rules: list }) =>
          list.length === 0 ? (
            <p className="muted">{t('alerts.noRules')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>{t('alerts.name')}</th>
                    <th>{t('alerts.kind')}</th>
                    <th>{t('alerts.url')}</th>
                    <th>{t('settings.status')}</th>
                    <th>{t('settings.created')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {list.map((r) => (
                    <tr key={r.id}>
                      <td dir="auto">
                        {r.name}
                        <div className="muted mono">{r.id}</div>
                      </td>
                      <td>
                        {t(`alerts.kind.${r.kind}` as MessageKey)}
                        <div className="muted mono">
                          {[r.params.label, r.params.threshold, r.params.storyId]
                            .filter((x) => x !== undefined)
                            .join(' · ')}
                        </div>
                      </td>
                      <td className="mono">{r.targetUrl}</td>
                      <td>{r.enabled ? t('alerts.on') : t('alerts.off')}</td>
                      <td className="nowrap">{formatTime(r.createdAt)}</td>
                      <td className="nowrap">
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => act(() => alertsApi.setEnabled(r.id, !r.enabled))}
                        >
                          {r.enabled ? t('alerts.disable') : t('alerts.enable')}
                        </button>{' '}
                        <button
                          type="button"
                          className="secondary"
                          disabled={!r.enabled}
                          onClick={() =>
                            act(
                              () => alertsApi.test(r.id),
                              (res) =>
                                (res as { delivered: boolean }).delivered
                                  ? t('alerts.testOk')
                                  : t('alerts.testFailed'),
                            )
                          }
                        >
                          {t('alerts.test')}
                        </button>{' '}
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => act(() => alertsApi.remove(r.id))}
                        >
                          {t('alerts.remove')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Show>
      <AddRule
        onAdded={(name, value) => {
          setSecret({ name, value });
          setVersion((v) => v + 1);
        }}
        onError={(text) => setMessage({ error: true, text })}
      />
    </section>
  );
}

function AddRule({
  onAdded,
  onError,
}: {
  onAdded: (name: string, secret: string) => void;
  onError: (m: string) => void;
}) {
  const { t } = useApp();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<AlertRuleKind>('narrative_spike');
  const [url, setUrl] = useState('');
  const [label, setLabel] = useState('');
  const [threshold, setThreshold] = useState('');
  const [story, setStory] = useState('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const rule = await alertsApi.addRule({
        name,
        kind,
        targetUrl: url,
        ...(kind !== 'source_joins_story' && label.trim() ? { label: label.trim() } : {}),
        ...(kind !== 'source_joins_story' && threshold.trim() ? { threshold: Number(threshold) } : {}),
        ...(kind === 'source_joins_story' ? { storyId: story.trim() } : {}),
      });
      setName('');
      setUrl('');
      setLabel('');
      setThreshold('');
      setStory('');
      onAdded(rule.name, rule.secret);
    } catch (err) {
      onError(err instanceof ApiError ? err.message : String(err));
    }
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <h3>{t('alerts.add')}</h3>
      <label>
        {t('alerts.name')}
        <input
          name="alert-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={200}
        />
      </label>
      <label>
        {t('alerts.kind')}
        <select name="alert-kind" value={kind} onChange={(e) => setKind(e.target.value as AlertRuleKind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`alerts.kind.${k}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('alerts.url')}
        <input
          name="alert-url"
          type="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          required
          placeholder="https://hooks.example.org/ogoh"
        />
      </label>
      {kind === 'source_joins_story' ? (
        <label>
          {t('alerts.story')}
          <input name="alert-story" value={story} onChange={(e) => setStory(e.target.value)} required />
        </label>
      ) : (
        <>
          <label>
            {t('alerts.label')}
            <input name="alert-label" value={label} onChange={(e) => setLabel(e.target.value)} />
          </label>
          <label>
            {t('alerts.threshold')}
            <input
              name="alert-threshold"
              type="number"
              step="any"
              value={threshold}
              onChange={(e) => setThreshold(e.target.value)}
            />
          </label>
        </>
      )}
      <button type="submit">{t('alerts.add')}</button>
    </form>
  );
}
