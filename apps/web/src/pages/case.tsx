/**
 * One case: its evidence resolved (excerpts, sources, detections with quotes), notes, the status /
 * assignee / TLP controls (analysts), the audit trail, and the brief: a preview of the server's
 * self-contained HTML page in a sandboxed frame, plus HTML and Markdown downloads.
 */
import { useState } from 'react';
import {
  CASE_MOVES,
  CASE_TLPS,
  type CaseEvent,
  type CaseEvidence,
  type CaseStatus,
  type CaseTlp,
  type CaseView,
  casesApi,
} from '../api.ts';
import { A, AffiliationBadge, LangBadge, Show } from '../components/bits.tsx';
import { ExportMenu } from '../components/export-menu.tsx';
import { useApp } from '../context.tsx';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import type { MessageKey } from '../i18n/index.ts';
import { TlpBadge } from './cases.tsx';

export function CasePage({ id }: { id: string }) {
  const first = useLoad(() => casesApi.show(id), [id]);
  // after a change the page updates in place (no loading state), so open controls stay open
  const [fresh, setFresh] = useState<CaseView | null>(null);
  const reload = () => casesApi.show(id).then(setFresh);
  return (
    <Show value={first}>
      {(v) => <CaseBody v={fresh && fresh.case.id === v.case.id ? fresh : v} reload={reload} />}
    </Show>
  );
}

function CaseBody({ v, reload }: { v: CaseView; reload: () => Promise<void> }) {
  const { t, me, locale } = useApp();
  const c = v.case;
  const analyst = me.role !== 'viewer';
  const [error, setError] = useState<string | null>(null);
  const [briefLang, setBriefLang] = useState<string>(locale === 'tg' || locale === 'ru' ? locale : 'en');

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      await reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <article className="case">
      <p>
        <TlpBadge tlp={c.tlp} /> <span className="badge">{t(`cases.status.${c.status}` as MessageKey)}</span>{' '}
        <span className="mono muted">{c.id}</span>
      </p>
      <h1 dir="auto">{c.title}</h1>
      <p className="muted">
        {t('cases.createdBy', { who: c.createdBy, when: formatTime(c.createdAt) })} · {t('cases.assignee')}:{' '}
        {c.assignee ?? t('cases.unassigned')}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {analyst ? <Controls v={v} run={run} /> : <p className="muted">{t('cases.readOnly')}</p>}

      <section className="card">
        <h2>{t('cases.evidence')}</h2>
        {c.status === 'closed' && <p className="notice">{t('cases.frozen')}</p>}
        {v.evidence.length === 0 ? (
          <p className="muted">{t('cases.evidenceEmpty')}</p>
        ) : (
          <ul className="plain case-evidence">
            {v.evidence.map((e) => (
              <Evidence
                key={`${e.kind}:${e.ref}`}
                e={e}
                {...(analyst && c.status !== 'closed'
                  ? { onRemove: () => run(() => casesApi.removeEvidence(c.id, e.kind, e.ref)) }
                  : {})}
              />
            ))}
          </ul>
        )}
      </section>

      <section className="card">
        <h2>{t('cases.notes')}</h2>
        {v.notes.length === 0 ? (
          <p className="muted">{t('cases.notesEmpty')}</p>
        ) : (
          <ul className="plain">
            {v.notes.map((n) => (
              <li key={n.id}>
                <span className="muted">
                  {formatTime(n.at)} · {n.author}:
                </span>{' '}
                <span dir="auto">{n.text}</span>
              </li>
            ))}
          </ul>
        )}
        {analyst && <NoteForm onAdd={(text) => run(() => casesApi.addNote(c.id, text))} />}
      </section>

      <section className="card brief">
        <h2>{t('cases.brief')}</h2>
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('cases.briefLang')}
            <select name="briefLang" value={briefLang} onChange={(e) => setBriefLang(e.target.value)}>
              <option value="tg">Тоҷикӣ</option>
              <option value="ru">Русский</option>
              <option value="en">English</option>
            </select>
          </label>
          <div className="actions">
            <a href={casesApi.briefUrl(c.id, briefLang)} target="_blank" rel="noopener">
              {t('cases.briefOpen')}
            </a>{' '}
            · <a href={casesApi.briefUrl(c.id, briefLang, 'html', true)}>{t('cases.downloadHtml')}</a> ·{' '}
            <a href={casesApi.briefUrl(c.id, briefLang, 'md', true)}>{t('cases.downloadMd')}</a>
          </div>
        </form>
        <iframe
          key={`${briefLang}:${v.events.length}`}
          title={t('cases.briefPreview')}
          className="brief-preview"
          sandbox=""
          src={casesApi.briefUrl(c.id, briefLang)}
          style={{ width: '100%', height: '640px', border: '1px solid #ccc', background: '#fff' }}
        />
      </section>

      <ExportMenu caseId={c.id} />

      <section className="card">
        <h2>{t('cases.log')}</h2>
        <ol className="plain case-log">
          {v.events.map((e) => (
            <LogLine key={e.seq} e={e} />
          ))}
        </ol>
      </section>
    </article>
  );
}

function Controls({ v, run }: { v: CaseView; run: (a: () => Promise<unknown>) => Promise<void> }) {
  const { t } = useApp();
  const c = v.case;
  const [assignee, setAssignee] = useState(c.assignee ?? '');
  const [summary, setSummary] = useState(c.summary);
  return (
    <section className="card case-controls">
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('cases.moveTo')}
          <select
            name="status"
            value=""
            onChange={(e) => {
              const to = e.target.value as CaseStatus;
              if (to) void run(() => casesApi.update(c.id, { status: to }));
            }}
          >
            <option value="">{t(`cases.status.${c.status}` as MessageKey)}</option>
            {CASE_MOVES[c.status].map((s) => (
              <option key={s} value={s}>
                → {t(`cases.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('cases.tlp')}
          <select
            name="tlp"
            value={c.tlp}
            onChange={(e) => void run(() => casesApi.update(c.id, { tlp: e.target.value as CaseTlp }))}
          >
            {CASE_TLPS.map((l) => (
              <option key={l} value={l}>
                TLP:{l.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('cases.assignee')}
          <input
            name="assignee"
            value={assignee}
            maxLength={100}
            onChange={(e) => setAssignee(e.target.value)}
          />
        </label>
        <div className="actions">
          <button
            type="button"
            onClick={() =>
              void run(() => casesApi.update(c.id, { assignee: assignee.trim() ? assignee.trim() : null }))
            }
          >
            {t('cases.save')}
          </button>
        </div>
      </form>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => casesApi.update(c.id, { summary }));
        }}
      >
        <label className="wide">
          {t('cases.summary')}
          <textarea
            name="summary"
            rows={3}
            value={summary}
            dir="auto"
            onChange={(e) => setSummary(e.target.value)}
          />
        </label>
        <div className="actions">
          <button type="submit">{t('cases.save')}</button>
        </div>
      </form>
    </section>
  );
}

function Evidence({ e, onRemove }: { e: CaseEvidence; onRemove?: () => void }) {
  const { t } = useApp();
  const kind = t(`cases.kind.${e.kind}` as MessageKey);
  const dets = e.detection ? [e.detection] : (e.item?.detections ?? []);
  return (
    <li className="result">
      <div className="meta">
        <span className="badge">{kind}</span>{' '}
        {e.kind === 'story' ? (
          <A href={`/stories/${e.ref}`}>{e.story?.title ?? e.ref}</A>
        ) : e.item ? (
          <A href={`/items/${e.item.id}`}>{e.item.sourceName}</A>
        ) : (
          <span className="mono">{e.ref}</span>
        )}{' '}
        {e.item?.affiliation && <AffiliationBadge affiliation={e.item.affiliation} />}
        {e.item && <LangBadge lang={e.item.lang} />}{' '}
        <span className="muted">{formatTime(e.item?.published)}</span>{' '}
        <span className="muted">· {t('cases.addedBy', { who: e.addedBy })}</span>
        {onRemove && (
          <button type="button" className="link-button" onClick={onRemove}>
            {t('cases.remove')}
          </button>
        )}
      </div>
      {e.missing && <p className="notice">{t('cases.missing')}</p>}
      {e.note && <p className="note">“{e.note}”</p>}
      {e.story && (
        <p className="muted">
          {t('cases.storyLine', {
            n: e.story.size,
            sources: e.story.sources,
            when: formatTime(e.story.firstSeen),
          })}
        </p>
      )}
      {e.item && (
        <p className="excerpt" dir="auto" lang={e.item.lang === 'und' ? undefined : e.item.lang}>
          {e.item.excerpt}
        </p>
      )}
      {dets.length > 0 && (
        <ul className="plain">
          {dets.map((d) => (
            <li key={d.id}>
              <span className="badge">{d.kind}</span> {d.label}{' '}
              <span className="num">{d.score.toFixed(2)}</span>{' '}
              {d.evidence
                .map((s) => s.text)
                .filter((x): x is string => !!x)
                .slice(0, 3)
                .map((q) => (
                  <q key={q} dir="auto">
                    {q}
                  </q>
                ))}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function value(x: unknown): string {
  if (x === undefined || x === null) return '—';
  if (typeof x === 'string') return x;
  const o = x as Record<string, unknown>;
  if (typeof o.kind === 'string' && typeof o.ref === 'string') return `${o.kind} ${o.ref}`;
  if (typeof o.text === 'string') return o.text;
  if (typeof o.title === 'string') return o.title;
  return JSON.stringify(x);
}

function LogLine({ e }: { e: CaseEvent }) {
  const { t } = useApp();
  const x = (e.after ?? {}) as {
    format?: string;
    lang?: string;
    tlp?: string;
    objects?: number;
    items?: number;
  };
  const change =
    e.action === 'exported'
      ? t('cases.exportedDetail', {
          format: `${x.format}${x.lang ? ` (${x.lang})` : ''}`,
          tlp: String(x.tlp).toUpperCase(),
          objects: x.objects ?? 0,
          items: x.items ?? 0,
        })
      : e.before !== undefined && e.after !== undefined
        ? `${value(e.before)} → ${value(e.after)}`
        : e.after !== undefined
          ? value(e.after)
          : value(e.before);
  return (
    <li>
      <span className="muted nowrap">{formatTime(e.at)}</span> <strong>{e.actor}</strong>{' '}
      {t(`cases.action.${e.action}` as MessageKey)}: <span dir="auto">{change}</span>
    </li>
  );
}

function NoteForm({ onAdd }: { onAdd: (text: string) => Promise<void> }) {
  const { t } = useApp();
  const [text, setText] = useState('');
  return (
    <form
      className="filters"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        void onAdd(text.trim()).then(() => setText(''));
      }}
    >
      <label className="wide">
        {t('cases.addNote')}
        <textarea
          name="note"
          rows={2}
          value={text}
          dir="auto"
          placeholder={t('cases.notePlaceholder')}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <div className="actions">
        <button type="submit">{t('cases.addNote')}</button>
      </div>
    </form>
  );
}
