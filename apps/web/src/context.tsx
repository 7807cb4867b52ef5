/** App-wide state: the UI language (t), who is logged in, and the source registry for names. */
import { createContext, useContext } from 'react';
import type { Me, Source } from './api.ts';
import { type Locale, type MessageKey, translate } from './i18n/index.ts';

export interface AppState {
  locale: Locale;
  setLocale(l: Locale): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  me: Me;
  sources: Map<string, Source>;
  logout(): void;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const s = useContext(AppContext);
  if (!s) throw new Error('useApp outside the app');
  return s;
}

export function makeT(locale: Locale) {
  return (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars);
}
