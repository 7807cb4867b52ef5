import { type FormEvent, useState } from 'react';
import { ApiError, api, type CardRef, type CheckResult } from '../api.ts';
import { A, LangBadge } from '../components/bits.tsx';
import { useApp } from '../context.tsx';
import { formatPct } from '../format.ts';
import type { MessageKey } from '../i18n/index.ts';
import { CheckClaims } from './claims.tsx';

export function CheckPage() {
  const { t, locale } = useApp();
  const [text, setText] = useState('');
  const [checked, setChecked] = useState<{ text: string; result: CheckResult } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setChecked({ text, result: await api.post<CheckResult>('/api/check', { text, explain: locale }) });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const r = checked?.result;
  const detections = r ? r.narratives.length + r.techniques.length : 0;
  return (
    <>
      <h1>{t('check.title')}</h1>
      <p className="note">
        <A href="/claims">{t('views.checkClaimsLink')}</A>
      </p>
      <p className="muted">{t('check.intro')}</p>
      <form className="card check-form" onSubmit={submit}>
        <textarea
          name="text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('check.placeholder')}
          rows={8}
          dir="auto"
          required
          maxLength={100000}
        />
        <button type="submit" disabled={busy || !text.trim()}>
          {t('check.submit')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {t('common.error', { message: error })}
        </p>
      )}
      {r && checked && (
        <section className="card check-result">
          <dl>
            <dt>{t('check.language')}</dt>
            <dd className="check-lang">
              <LangBadge lang={r.lang} /> {t(`lang.${r.lang}` as MessageKey)} · {formatPct(r.confidence)}
            </dd>
            <dt>{t('check.script')}</dt>
            <dd>{r.script}</dd>
          </dl>
          {r.sentences && (
            <>
              <h2>{t('check.sentences')}</h2>
              <ol className="sentences">
                {r.sentences.map((s) => (
                  <li key={s.start}>
                    <LangBadge lang={s.lang} confidence={s.confidence} />{' '}
                    <span dir="auto">{checked.text.slice(s.start, s.end)}</span>
                  </li>
                ))}
              </ol>
            </>
          )}
          <CheckClaims claims={(r as { claims?: { id: string; score: number }[] }).claims ?? []} />
          {r.narratives.length ? <h2>{t('check.narratives')}</h2> : null}
          {r.narratives.length ? (
            <ul className="plain">
              {r.narratives.map((n) => (
                <li key={n.id}>
                  <strong>{n.id}</strong> {formatPct(n.score)} — {n.evidence.map((e) => e.text).join(' · ')}
                  <CardNote id={n.id} card={n.card} />
                </li>
              ))}
            </ul>
          ) : null}
          {r.techniques.length ? <h2>{t('check.techniques')}</h2> : null}
          {r.techniques.length ? (
            <ul className="plain">
              {r.techniques.map((n) => (
                <li key={n.id}>
                  <strong>{n.id}</strong> {formatPct(n.score)} —{' '}
                  {n.spans.map((s) => checked.text.slice(s.start, s.end)).join(' · ')}
                  <CardNote id={n.id} card={n.card} />
                </li>
              ))}
            </ul>
          ) : null}
          {/* The explanation (in the UI language) says what was flagged and why, and names the versions. */}
          {r.explanation ? (
            <p className="explanation">{r.explanation}</p>
          ) : (
            <>
              {detections === 0 && <p className="muted no-detections">{t('check.noDetections')}</p>}
              {r.versions && (
                <p className="note">
                  {t('check.versions', {
                    taxonomy: r.versions.taxonomy,
                    models: `${r.versions.narratives}; ${r.versions.techniques}`,
                  })}
                </p>
              )}
            </>
          )}
        </section>
      )}
    </>
  );
}

/** The flag's literacy card beside it: what it is and how to check, with a link to the full card. */
function CardNote({ id, card }: { id: string; card: CardRef | undefined }) {
  if (!card?.what || !card.check || !card.headings) return null;
  return (
    <div className="card-note">
      <A href={`/catalogue?card=${encodeURIComponent(id)}`}>{card.title ?? id}</A>
      <p className="card-note-line">
        <strong>{card.headings.what}:</strong> {card.what}
      </p>
      <p className="card-note-line">
        <strong>{card.headings.check}:</strong> {card.check}
      </p>
    </div>
  );
}
