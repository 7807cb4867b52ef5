/**
 * The triage queue: flagged items no one has reviewed, most informative first, each with its
 * evidence marked in the text and its reasons. Analysts give verdicts with buttons or keys
 * (j/k move between flags, a accept, r reject, l relabel, ? help); a verdict shows at once and is
 * rolled back if the server refuses it.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  type CardLang,
  catalogueApi,
  type TriageDetection,
  type TriageEntry,
  triageApi,
  type Verdict,
} from '../api.ts';
import { A, LangBadge } from '../components/bits.tsx';
import { EvidenceText } from '../components/evidence-text.tsx';
import { useApp } from '../context.tsx';
import { formatTime } from '../format.ts';
import type { MessageKey } from '../i18n/index.ts';

const LANGS = ['tg', 'ru', 'uz', 'en', 'fa', 'uk', 'und'];

interface Cursor {
  entry: number;
  det: number;
}

/** The entry's text with every detection's evidence marked (rejected ones dimmed). */
function Highlighted({ entry, selected }: { entry: TriageEntry; selected: string | undefined }) {
  const spans = entry.detections.flatMap((d) =>
    d.evidence.map((e) => ({
      start: e.start,
      end: e.end,
      id: d.id,
      label: d.label,
      rejected: d.review?.verdict === 'reject',
    })),
  );
  return (
    <EvidenceText
      text={entry.text}
      lang={entry.lang}
      spans={spans}
      selected={selected}
      className="triage-text"
    />
  );
}

export function TriagePage() {
  const { t, me, locale } = useApp();
  const canJudge = me.role !== 'viewer';
  const [lang, setLang] = useState('');
  const [minScore, setMinScore] = useState('');
  const [entries, setEntries] = useState<TriageEntry[] | null>(null);
  const [next, setNext] = useState<string | undefined>();
  const [considered, setConsidered] = useState(0);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [at, setAt] = useState<Cursor>({ entry: 0, det: 0 });
  const [help, setHelp] = useState(false);
  const [relabel, setRelabel] = useState<{ id: string; label: string; reason: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [labels, setLabels] = useState<{ narrative: string[]; technique: string[] }>({
    narrative: [],
    technique: [],
  });

  useEffect(() => {
    let live = true;
    setEntries(null);
    setLoadError(null);
    triageApi.queue({ lang, minScore, limit: 20 }).then(
      (p) => {
        if (!live) return;
        setEntries(p.entries);
        setNext(p.next);
        setConsidered(p.considered);
        setAt({ entry: 0, det: 0 });
      },
      (e: Error) => live && setLoadError(e.message),
    );
    return () => {
      live = false;
    };
  }, [lang, minScore]);

  useEffect(() => {
    const cardLang: CardLang = locale === 'ru' || locale === 'tg' ? locale : 'en';
    Promise.all([catalogueApi.narratives(cardLang), catalogueApi.techniques(cardLang)]).then(
      ([n, tq]) =>
        setLabels({ narrative: n.narratives.map((x) => x.id), technique: tq.techniques.map((x) => x.id) }),
      () => {},
    );
  }, [locale]);

  const flat = useMemo(
    () => (entries ?? []).flatMap((e, i) => e.detections.map((_, j) => ({ entry: i, det: j }))),
    [entries],
  );
  const current: TriageDetection | undefined = entries?.[at.entry]?.detections[at.det];

  const move = useCallback(
    (step: number) => {
      if (flat.length === 0) return;
      const i = flat.findIndex((c) => c.entry === at.entry && c.det === at.det);
      const to = flat[Math.min(flat.length - 1, Math.max(0, Math.max(i, 0) + step))]!;
      setAt(to);
      setRelabel(null);
      document.querySelector(`[data-pos="${to.entry}-${to.det}"]`)?.scrollIntoView({ block: 'nearest' });
    },
    [flat, at],
  );

  /** The next flag without a verdict after `from`, else `from`. */
  const nextOpen = useCallback((list: TriageEntry[], from: Cursor): Cursor => {
    const all = list.flatMap((e, i) => e.detections.map((d, j) => ({ entry: i, det: j, open: !d.review })));
    const i = all.findIndex((c) => c.entry === from.entry && c.det === from.det);
    const found = all.slice(i + 1).find((c) => c.open) ?? all.find((c) => c.open);
    return found ? { entry: found.entry, det: found.det } : from;
  }, []);

  const setReview = useCallback(
    (detectionId: string, review: TriageDetection['review']) =>
      setEntries((list) =>
        (list ?? []).map((e) => ({
          ...e,
          detections: e.detections.map((d) => {
            if (d.id !== detectionId) return d;
            const { review: _old, ...rest } = d;
            return review ? { ...rest, review } : rest;
          }),
        })),
      ),
    [],
  );

  const judge = useCallback(
    async (d: TriageDetection, verdict: Verdict, extra: { label?: string; reason?: string } = {}) => {
      if (!canJudge || !entries) return;
      const before = d.review;
      // optimistic: the verdict shows now and the cursor moves on; a refusal puts it back
      setReview(d.id, {
        verdict,
        actor: me.name,
        at: new Date().toISOString(),
        ...(extra.label ? { newLabel: extra.label } : {}),
      });
      setFailure(null);
      setRelabel(null);
      setAt((from) => nextOpen(entries, from));
      try {
        await triageApi.verdict(d.id, { verdict, ...extra });
      } catch (e) {
        setReview(d.id, before);
        setFailure(t('triage.failed', { message: (e as Error).message }));
      }
    },
    [canJudge, entries, me.name, nextOpen, t, setReview],
  );

  const startRelabel = useCallback((d: TriageDetection) => {
    if (d.kind !== 'narrative' && d.kind !== 'technique') return;
    setRelabel({ id: d.id, label: '', reason: '' });
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {
        if (e.key === 'Escape') setRelabel(null);
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '?') setHelp((h) => !h);
      else if (e.key === 'Escape') {
        setHelp(false);
        setRelabel(null);
      } else if (e.key === 'j') move(1);
      else if (e.key === 'k') move(-1);
      else if (current && e.key === 'a') void judge(current, 'accept');
      else if (current && e.key === 'r') void judge(current, 'reject');
      else if (current && e.key === 'l' && canJudge) startRelabel(current);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move, judge, current, canJudge, startRelabel]);

  async function more() {
    if (!next) return;
    const p = await triageApi.queue({ lang, minScore, limit: 20, cursor: next });
    setEntries((list) => [...(list ?? []), ...p.entries]);
    setNext(p.next);
  }

  return (
    <article className="triage">
      <h1>{t('triage.title')}</h1>
      <p className="muted">{t('triage.intro')}</p>
      <p className="triage-keys" aria-live="polite">
        {t('triage.shortcuts')}
      </p>
      {help && (
        <section className="card triage-help" aria-label={t('triage.help')}>
          <h2>{t('triage.help')}</h2>
          <ul className="plain">
            <li>{t('triage.help.move')}</li>
            <li>{t('triage.help.accept')}</li>
            <li>{t('triage.help.reject')}</li>
            <li>{t('triage.help.relabel')}</li>
            <li>{t('triage.help.toggle')}</li>
          </ul>
        </section>
      )}
      <div className="filters">
        <label>
          {t('triage.filter.lang')}{' '}
          <select value={lang} onChange={(e) => setLang(e.target.value)}>
            <option value="">{t('triage.filter.any')}</option>
            {LANGS.map((l) => (
              <option key={l} value={l}>
                {t(`lang.${l}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('triage.filter.minScore')}{' '}
          <select value={minScore} onChange={(e) => setMinScore(e.target.value)}>
            <option value="">{t('triage.filter.any')}</option>
            {['0.5', '0.7', '0.9'].map((s) => (
              <option key={s} value={s}>
                ≥ {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!canJudge && <p className="notice">{t('triage.viewerNote')}</p>}
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      {loadError && (
        <p className="error" role="alert">
          {t('common.error', { message: loadError })}
        </p>
      )}
      {entries === null && !loadError && <p className="muted">{t('common.loading')}</p>}
      {entries !== null && entries.length === 0 && <p className="notice">{t('triage.empty')}</p>}
      {entries !== null && entries.length > 0 && (
        <>
          <p className="muted">{t('triage.considered', { n: considered })}</p>
          <ol className="plain triage-list">
            {entries.map((e, i) => (
              <li key={e.itemId} className={`card triage-entry${i === at.entry ? ' selected' : ''}`}>
                <div className="triage-meta">
                  <strong>{t('triage.priority', { p: e.priority.toFixed(3) })}</strong>{' '}
                  <LangBadge lang={e.lang} /> <span>{e.sourceId}</span>{' '}
                  <span className="muted">{formatTime(e.published)}</span>{' '}
                  <A href={`/items/${encodeURIComponent(e.itemId)}`}>{t('triage.openItem')}</A>
                </div>
                <Highlighted entry={e} selected={i === at.entry ? current?.id : undefined} />
                <details className="triage-why">
                  <summary>{t('triage.why')}</summary>
                  <ul>
                    {e.why.reasons.map((r) => (
                      <li key={r} dir="auto">
                        {r}
                      </li>
                    ))}
                  </ul>
                  <p className="note">
                    {t('triage.models', {
                      models: e.models.join(', '),
                      taxonomy: e.taxonomyVersions.join(', '),
                    })}
                  </p>
                </details>
                <ul className="plain triage-dets">
                  {e.detections.map((d, j) => {
                    const isCurrent = i === at.entry && j === at.det;
                    return (
                      <li
                        key={d.id}
                        data-detection={d.id}
                        data-pos={`${i}-${j}`}
                        className={`triage-det${isCurrent ? ' current' : ''}${d.review ? ' reviewed' : ''}`}
                      >
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => setAt({ entry: i, det: j })}
                        >
                          <strong>{d.label}</strong>
                        </button>{' '}
                        <span className="muted">
                          {d.kind} ·{' '}
                          {t('triage.threshold', {
                            score: d.score.toFixed(2),
                            threshold: d.threshold.toFixed(2),
                          })}
                        </span>{' '}
                        {d.review ? (
                          <span className={`verdict verdict-${d.review.verdict}`}>
                            {t(`triage.verdict.${d.review.verdict}` as MessageKey, {
                              label: d.review.newLabel ?? '',
                            })}{' '}
                            {t('triage.by', { actor: d.review.actor })}
                          </span>
                        ) : (
                          canJudge && (
                            <span className="triage-actions">
                              <button type="button" onClick={() => void judge(d, 'accept')}>
                                {t('triage.accept')}
                              </button>{' '}
                              <button
                                type="button"
                                className="secondary"
                                onClick={() => void judge(d, 'reject')}
                              >
                                {t('triage.reject')}
                              </button>{' '}
                              {(d.kind === 'narrative' || d.kind === 'technique') && (
                                <button type="button" className="secondary" onClick={() => startRelabel(d)}>
                                  {t('triage.relabel')}
                                </button>
                              )}
                            </span>
                          )
                        )}
                        {relabel?.id === d.id && (
                          <form
                            className="triage-relabel"
                            onSubmit={(ev) => {
                              ev.preventDefault();
                              if (relabel.label)
                                void judge(d, 'relabel', {
                                  label: relabel.label,
                                  ...(relabel.reason.trim() ? { reason: relabel.reason.trim() } : {}),
                                });
                            }}
                          >
                            <label>
                              {t('triage.relabelTo')}{' '}
                              <select
                                // biome-ignore lint/a11y/noAutofocus: the form opens from the keyboard for the next key press
                                autoFocus
                                value={relabel.label}
                                onChange={(ev) => setRelabel({ ...relabel, label: ev.target.value })}
                              >
                                <option value="" />
                                {labels[d.kind === 'narrative' ? 'narrative' : 'technique']
                                  .filter((l) => l !== d.label)
                                  .map((l) => (
                                    <option key={l} value={l}>
                                      {l}
                                    </option>
                                  ))}
                              </select>
                            </label>{' '}
                            <input
                              type="text"
                              maxLength={2000}
                              placeholder={t('triage.reason')}
                              value={relabel.reason}
                              onChange={(ev) => setRelabel({ ...relabel, reason: ev.target.value })}
                            />{' '}
                            <button type="submit" disabled={!relabel.label}>
                              {t('triage.relabelSave')}
                            </button>{' '}
                            <button type="button" className="secondary" onClick={() => setRelabel(null)}>
                              {t('triage.cancel')}
                            </button>
                          </form>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </ol>
          {next && (
            <button type="button" className="secondary" onClick={() => void more()}>
              {t('triage.more')}
            </button>
          )}
        </>
      )}
    </article>
  );
}
