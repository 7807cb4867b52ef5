/**
 * The catalogue: narratives by actor family and the 23 techniques by category, each opening its
 * media-literacy card (linkable as /catalogue?card=ID, printable on its own page), and a panel that
 * reviews a draft counter-message for stigmatising or generalising wording.
 */
import { type FormEvent, type ReactNode, useState } from 'react';
import {
  ApiError,
  type CardLang,
  type CatalogueNarrative,
  type CatalogueTechnique,
  catalogueApi,
  type ReviewResult,
} from '../api.ts';
import { Show } from '../components/bits.tsx';
import { useApp } from '../context.tsx';
import { useLoad } from '../hooks.ts';
import type { MessageKey } from '../i18n/index.ts';
import { navigate, useLocation } from '../router.ts';

function groupBy<T>(list: readonly T[], key: (x: T) => string): [string, T[]][] {
  const m = new Map<string, T[]>();
  for (const x of list) {
    const k = key(x);
    const g = m.get(k);
    if (g) g.push(x);
    else m.set(k, [x]);
  }
  return [...m];
}

export function CataloguePage() {
  const { t, locale } = useApp();
  const lang = locale as CardLang;
  const { search } = useLocation();
  const open = search.get('card');
  const data = useLoad(
    () => Promise.all([catalogueApi.narratives(lang), catalogueApi.techniques(lang)]),
    [lang],
  );
  const show = (id: string | null) =>
    navigate(id ? `/catalogue?card=${encodeURIComponent(id)}` : '/catalogue', true);

  return (
    <div className="catalogue">
      <h1>{t('catalogue.title')}</h1>
      <p className="muted">{t('catalogue.intro')}</p>
      <p className="no-print">
        <button type="button" className="link-button" onClick={() => window.print()}>
          {t('catalogue.printPage')}
        </button>
      </p>
      {open && <CardPanel id={open} lang={lang} onClose={() => show(null)} />}
      <Show value={data}>
        {([n, tech]) => (
          <>
            <p className="note">
              {t('catalogue.versions', { cards: n.cardsVersion, taxonomy: n.taxonomyVersion })}
            </p>
            <section className="card catalogue-list">
              <h2>{t('catalogue.narratives')}</h2>
              {groupBy(n.narratives, (x: CatalogueNarrative) => x.familyLabel).map(([family, list]) => (
                <CatalogueGroup key={family} title={family}>
                  {list.map((x) => (
                    <CardButton
                      key={x.id}
                      id={x.id}
                      label={x.label}
                      items={x.items}
                      active={open === x.id}
                      onOpen={show}
                    />
                  ))}
                </CatalogueGroup>
              ))}
            </section>
            <section className="card catalogue-list">
              <h2>{t('catalogue.techniques')}</h2>
              {groupBy(tech.techniques, (x: CatalogueTechnique) => x.categoryLabel).map(([cat, list]) => (
                <CatalogueGroup key={cat} title={cat}>
                  {list.map((x) => (
                    <CardButton
                      key={x.id}
                      id={x.id}
                      label={x.name}
                      items={x.items}
                      active={open === x.id}
                      onOpen={show}
                    />
                  ))}
                </CatalogueGroup>
              ))}
            </section>
          </>
        )}
      </Show>
      <ReviewPanel lang={lang} />
    </div>
  );
}

function CatalogueGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="catalogue-group">
      <h3 className="catalogue-group-title">{title}</h3>
      <ul className="plain catalogue-items">{children}</ul>
    </div>
  );
}

function CardButton(props: {
  id: string;
  label: string;
  items: number | undefined;
  active: boolean;
  onOpen: (id: string) => void;
}) {
  const { t } = useApp();
  return (
    <li className="catalogue-item">
      <button
        type="button"
        className={`link-button card-open${props.active ? ' active' : ''}`}
        data-card={props.id}
        onClick={() => props.onOpen(props.id)}
      >
        {props.label}
      </button>{' '}
      <code className="muted">{props.id}</code>
      {props.items ? (
        <span className="badge catalogue-count" title={t('catalogue.items', { n: props.items })}>
          {props.items}
        </span>
      ) : null}
    </li>
  );
}

/** One card, read in the page; the print link opens the self-contained page the API serves. */
export function CardPanel({ id, lang, onClose }: { id: string; lang: CardLang; onClose: () => void }) {
  const { t } = useApp();
  const card = useLoad(() => catalogueApi.card(id, lang), [id, lang]);
  return (
    <article className="card literacy-card" aria-live="polite">
      <Show value={card}>
        {(c) => (
          <>
            <h2>{c.title}</h2>
            <p className="note">
              {c.groupLabel} · <code>{c.id}</code>
            </p>
            <h3 className="card-heading">{t('catalogue.what')}</h3>
            <p className="card-text">{c.what}</p>
            <h3 className="card-heading">{t('catalogue.why')}</h3>
            <p className="card-text">{c.why}</p>
            <h3 className="card-heading">{t('catalogue.check')}</h3>
            <p className="card-text">{c.check}</p>
            <h3 className="card-heading">{t('catalogue.example')}</h3>
            <p className="card-text card-example">{c.example}</p>
            <p className="no-print">
              <a href={catalogueApi.cardHtmlUrl(c.id, lang)} target="_blank" rel="noopener">
                {t('catalogue.print')}
              </a>{' '}
              ·{' '}
              <button type="button" className="link-button" onClick={onClose}>
                {t('catalogue.close')}
              </button>
            </p>
          </>
        )}
      </Show>
    </article>
  );
}

/** The draft with each flagged passage marked. */
function Marked({ text, result }: { text: string; result: ReviewResult }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const f of result.findings) {
    if (f.start < at) continue;
    parts.push(text.slice(at, f.start));
    parts.push(
      <mark key={f.start} className={`review-${f.kind}`}>
        {text.slice(f.start, f.end)}
      </mark>,
    );
    at = f.end;
  }
  parts.push(text.slice(at));
  return (
    <p className="review-draft" dir="auto">
      {parts}
    </p>
  );
}

function ReviewPanel({ lang }: { lang: CardLang }) {
  const { t } = useApp();
  const [text, setText] = useState('');
  const [reviewed, setReviewed] = useState<{ text: string; result: ReviewResult } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setReviewed({ text, result: await catalogueApi.review(text, lang) });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const r = reviewed?.result;
  return (
    <section className="card review-panel no-print">
      <h2>{t('catalogue.review')}</h2>
      <p className="muted">{t('catalogue.reviewIntro')}</p>
      <form onSubmit={submit} className="check-form">
        <textarea
          name="draft"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('catalogue.reviewPlaceholder')}
          rows={6}
          dir="auto"
          required
          maxLength={100000}
        />
        <button type="submit" disabled={busy || !text.trim()}>
          {t('catalogue.reviewSubmit')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {t('common.error', { message: error })}
        </p>
      )}
      {r && reviewed && (
        <div className="review-result">
          {r.ok ? (
            <p className="review-ok">{t('catalogue.reviewOk')}</p>
          ) : (
            <>
              <p>
                <strong>{t('catalogue.reviewFound', { n: r.findings.length })}</strong>
              </p>
              <Marked text={reviewed.text} result={r} />
              <ol className="review-findings">
                {r.findings.map((f) => (
                  <li key={`${f.start}-${f.end}`} className="review-finding">
                    <p>
                      <mark className={`review-${f.kind}`}>{f.text}</mark>{' '}
                      <span className="badge">{t(`catalogue.kind.${f.kind}` as MessageKey)}</span>
                    </p>
                    <p>{f.why}</p>
                    <ul>
                      {f.suggestions.map((s) => (
                        <li key={s}>{s}</li>
                      ))}
                    </ul>
                    <p className="note">
                      {t('catalogue.reviewRewrite')} <span dir="auto">{f.rewrite}</span>
                    </p>
                  </li>
                ))}
              </ol>
            </>
          )}
        </div>
      )}
    </section>
  );
}
