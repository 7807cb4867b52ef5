/** Small shared pieces: in-app links, loading and error states, language and affiliation badges. */
import type { ReactNode } from 'react';
import { ApiError } from '../api.ts';
import { useApp } from '../context.tsx';
import type { Loaded } from '../hooks.ts';
import type { MessageKey } from '../i18n/index.ts';
import { linkClick } from '../router.ts';

export function A({ href, children, className }: { href: string; children: ReactNode; className?: string }) {
  return (
    <a href={href} onClick={linkClick} className={className}>
      {children}
    </a>
  );
}

/** Renders children with the data, or the loading / error state. */
export function Show<T>({ value, children }: { value: Loaded<T>; children: (data: T) => ReactNode }) {
  const { t } = useApp();
  if (value.state === 'loading') return <p className="muted">{t('common.loading')}</p>;
  if (value.state === 'error') {
    const e = value.error;
    if (e instanceof ApiError && e.status === 404) return <p className="notice">{t('common.notFound')}</p>;
    return (
      <p className="error" role="alert">
        {t('common.error', { message: e.message })}
      </p>
    );
  }
  return <>{children(value.data)}</>;
}

export function LangBadge({ lang, confidence }: { lang: string; confidence?: number }) {
  const { t } = useApp();
  const name = t(`lang.${lang}` as MessageKey);
  return (
    <span
      className={`badge lang lang-${lang}`}
      title={confidence !== undefined ? `${name} ${Math.round(confidence * 100)}%` : name}
    >
      {lang}
    </span>
  );
}

export function AffiliationBadge({ affiliation }: { affiliation: string }) {
  const { t } = useApp();
  return <span className={`badge aff aff-${affiliation}`}>{t(`aff.${affiliation}` as MessageKey)}</span>;
}
