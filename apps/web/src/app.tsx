/** The shell: who is logged in, the UI language, the header and navigation, and the page for the path. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, type Me, type Source, setCsrf, setUnauthorizedHandler } from './api.ts';
import { A } from './components/bits.tsx';
import { AppContext, type AppState, makeT } from './context.tsx';
import { initialLocale, LOCALE_NAMES, LOCALE_STORAGE_KEY, LOCALES, type Locale } from './i18n/index.ts';
import { AlertsPage } from './pages/alerts.tsx';
import { CasesRoute } from './pages/cases.tsx';
import { CataloguePage } from './pages/catalogue.tsx';
import { CheckPage } from './pages/check.tsx';
import { ClaimsPage } from './pages/claims.tsx';
import { ItemPage } from './pages/item.tsx';
import { ItemsPage } from './pages/items.tsx';
import { JobsPage } from './pages/jobs.tsx';
import { LoginPage } from './pages/login.tsx';
import { NetworkPage } from './pages/network.tsx';
import { OverviewPage } from './pages/overview.tsx';
import { SettingsPage } from './pages/settings.tsx';
import { SourcesPage } from './pages/sources.tsx';
import { StoriesPage } from './pages/stories.tsx';
import { StoryPage } from './pages/story.tsx';
import { TrendsPage } from './pages/trends.tsx';
import { TriagePage } from './pages/triage.tsx';
import { match, navigate, useLocation } from './router.ts';

function savedLocale(): string | null {
  try {
    return localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function App() {
  const [locale, setLocaleState] = useState<Locale>(() =>
    initialLocale(savedLocale(), navigator.languages ?? []),
  );
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [sources, setSources] = useState<Map<string, Source>>(new Map());
  const t = useMemo(() => makeT(locale), [locale]);

  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, l);
    } catch {}
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const signedIn = useCallback((who: Me) => {
    setCsrf(who.csrf);
    setMe(who);
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => setMe(null));
    api.get<Me>('/api/me').then(signedIn, () => setMe(null));
  }, [signedIn]);

  useEffect(() => {
    if (me)
      api.get<Source[]>('/api/sources').then(
        (list) => setSources(new Map(list.map((s) => [s.id, s]))),
        () => {},
      );
  }, [me]);

  const logout = useCallback(() => {
    api.post('/api/logout').finally(() => {
      setCsrf(undefined);
      setMe(null);
      navigate('/');
    });
  }, []);

  const switcher = (
    <label className="locale">
      <span className="visually-hidden">{t('nav.language')}</span>
      <select
        value={locale}
        onChange={(e) => setLocale(e.target.value as Locale)}
        aria-label={t('nav.language')}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );

  if (me === undefined) return <p className="muted boot">{t('common.loading')}</p>;
  if (me === null)
    return (
      <div className="login-shell">
        <div className="login-top">
          <span className="brand">Ogoh</span>
          {switcher}
        </div>
        <LoginPage t={t} onLogin={signedIn} />
      </div>
    );

  const state: AppState = { locale, setLocale, t, me, sources, logout };
  return (
    <AppContext.Provider value={state}>
      <header className="top">
        <A href="/" className="brand">
          Ogoh
        </A>
        <span className="tagline">{t('app.tagline')}</span>
        <nav aria-label={t('nav.menu')}>
          <NavLink href="/">{t('nav.overview')}</NavLink>
          <NavLink href="/triage">{t('triage.nav')}</NavLink>
          <NavLink href="/items">{t('nav.items')}</NavLink>
          <NavLink href="/stories">{t('nav.stories')}</NavLink>
          <NavLink href="/cases">{t('cases.nav')}</NavLink>
          <NavLink href="/network">{t('views.networkNav')}</NavLink>
          <NavLink href="/check">{t('nav.check')}</NavLink>
          <NavLink href="/catalogue">{t('catalogue.nav')}</NavLink>
          <NavLink href="/sources">{t('nav.sources')}</NavLink>
          {me.role !== 'viewer' && <NavLink href="/alerts">{t('alerts.nav')}</NavLink>}
          {me.role !== 'viewer' && <NavLink href="/jobs">{t('jobs.nav')}</NavLink>}
          {me.role === 'admin' && <NavLink href="/settings">{t('nav.settings')}</NavLink>}
        </nav>
        <div className="who">
          {switcher}
          <span className="user" title={me.role}>
            {me.name} · {me.role}
          </span>
          <button type="button" className="link-button" onClick={logout}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main>
        <Page />
      </main>
    </AppContext.Provider>
  );
}

function NavLink({ href, children }: { href: string; children: string }) {
  const { path } = useLocation();
  const active = href === '/' ? path === '/' : path.startsWith(href);
  return (
    <A href={href} className={active ? 'active' : ''}>
      {children}
    </A>
  );
}

function Page() {
  const { path } = useLocation();
  const item = match('/items/:id', path);
  if (item?.id) return <ItemPage id={item.id} />;
  if (match('/items', path)) return <ItemsPage />;
  const story = match('/stories/:id', path);
  if (story?.id) return <StoryPage id={story.id} />;
  if (match('/stories', path)) return <StoriesPage />;
  if (match('/triage', path)) return <TriagePage />;
  if (path === '/cases' || path.startsWith('/cases/')) return <CasesRoute path={path} />;
  if (match('/network', path)) return <NetworkPage />;
  if (match('/trends', path)) return <TrendsPage />;
  if (match('/claims', path)) return <ClaimsPage />;
  if (match('/check', path)) return <CheckPage />;
  if (match('/catalogue', path)) return <CataloguePage />;
  if (match('/sources', path)) return <SourcesPage />;
  if (match('/settings', path)) return <SettingsPage />;
  if (match('/alerts', path)) return <AlertsPage />;
  if (match('/jobs', path)) return <JobsPage />;
  return <OverviewPage />;
}
