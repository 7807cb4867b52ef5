/**
 * UI strings in Tajik, Russian and English: one file per locale with the same keys, `{name}`
 * placeholders filled by `translate`. The choice is kept in localStorage.
 */
import { en, type MessageKey, type Messages } from './en.ts';
import { ru } from './ru.ts';
import { tg } from './tg.ts';

export const LOCALES = ['tg', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const MESSAGES: Record<Locale, Messages> = { tg, ru, en };
export const LOCALE_NAMES: Record<Locale, string> = { tg: 'Тоҷикӣ', ru: 'Русский', en: 'English' };
export type { MessageKey, Messages };

export const LOCALE_STORAGE_KEY = 'ogoh.locale';

export function translate(
  locale: Locale,
  key: MessageKey,
  vars: Record<string, string | number> = {},
): string {
  const template = MESSAGES[locale][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** The saved choice, else the browser's first supported language, else Tajik. */
export function initialLocale(saved: string | null, browser: readonly string[]): Locale {
  if (isLocale(saved)) return saved;
  for (const b of browser) {
    const base = b.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'tg';
}
