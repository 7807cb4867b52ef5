import assert from 'node:assert/strict';
import { test } from 'node:test';
import { en } from './en.ts';
import { initialLocale, LOCALES, MESSAGES, translate } from './index.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every locale has exactly the English keys, non-empty, with the same placeholders', () => {
  const keys = Object.keys(en).sort();
  for (const locale of LOCALES) {
    const m = MESSAGES[locale] as Record<string, string>;
    assert.deepEqual(Object.keys(m).sort(), keys, locale);
    for (const k of keys) {
      assert.ok(m[k]?.trim(), `${locale}.${k} is empty`);
      assert.deepEqual(
        placeholders(m[k]!),
        placeholders((en as Record<string, string>)[k]!),
        `${locale}.${k}`,
      );
    }
  }
});

test('Tajik strings use Tajik letters where Tajik spelling needs them', () => {
  const all = Object.values(MESSAGES.tg).join(' ');
  for (const letter of ['ҳ', 'ҷ', 'қ', 'ғ', 'ӣ', 'ӯ']) assert.ok(all.includes(letter), `tg uses ${letter}`);
  assert.equal(MESSAGES.tg['nav.items'] === en['nav.items'], false);
});

test('translate fills placeholders and leaves unknown ones visible', () => {
  assert.equal(translate('en', 'common.shown', { n: 5 }), '5 shown');
  assert.equal(translate('tg', 'common.shown', { n: 5 }), 'нишон дода шуд: 5');
  assert.equal(translate('ru', 'common.shown'), 'показано: {n}');
});

test('the initial locale: saved, else the browser, else Tajik', () => {
  assert.equal(initialLocale('ru', ['en-US']), 'ru');
  assert.equal(initialLocale('xx', ['en-US', 'ru']), 'en');
  assert.equal(initialLocale(null, ['de-DE']), 'tg');
});
