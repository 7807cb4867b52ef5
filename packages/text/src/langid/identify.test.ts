import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fold } from '../normalize.ts';
import { identify, identifySentences, initLanguageId } from './identify.ts';

// One suite, run twice: on rules + franc (no init) and with the WASM engines loaded.
const cases: [string, string, string][] = [
  ['tg', 'proper Tajik', 'Ҳукумати Тоҷикистон барои рушди иқтисодиёт тадбирҳои нав андешид.'],
  [
    'tg',
    'Tajik typed on a Russian keyboard',
    'Хукумати Точикистон барои рушди иктисодиёт дар соли оянда тадбирхои нав андешид.',
  ],
  ['tg', 'Tajik with legacy ї', 'Забони тоҷикї дар мактабҳои кишвар ҳамчун забони давлатї омӯхта мешавад.'],
  ['uz', 'Uzbek Cyrillic', 'Ўзбекистон Республикаси Президенти бугун янги қарорга имзо чекди.'],
  [
    'uz',
    'Uzbek Cyrillic without ў',
    'Фермерлар техника етишмаслиги ва ўғитларнинг қимматлигидан шикоят қилмоқда.',
  ],
  ['uz', 'Uzbek Latin', 'Oʻzbekiston Respublikasi Prezidenti bugun yangi qarorga imzo chekdi.'],
  ['ru', 'Russian', 'Президент России заявил, что переговоры будут продолжены на следующей неделе.'],
  ['uk', 'Ukrainian', 'Президент України заявив, що переговори продовжаться наступного тижня.'],
  ['en', 'English', 'The government announced new measures to support the economy on Monday.'],
  ['fa', 'Persian', 'دولت تاجیکستان برای توسعه اقتصاد تدابیر جدیدی اتخاذ کرد.'],
  ['und', 'Arabic (not Persian)', 'قال المتحدث باسم الحكومة إن المفاوضات ستستمر في الأسبوع المقبل.'],
  ['und', 'Kazakh', 'Қазақстан Республикасының Президенті бүгін жаңа жарлыққа қол қойды және бұл маңызды.'],
  ['und', 'Belarusian', 'Беларусь і Расія падпісалі пагадненне аб супрацоўніцтве ў галіне энергетыкі.'],
  ['und', 'Turkish', 'Hükümet bugün ekonomiyi desteklemek için yeni önlemler açıkladı.'],
  [
    'ru',
    'Russian post with a long English-looking link and a mention',
    '⚡️ СРОЧНО: В Душанбе задержаны 12 человек https://example.com/news/2024/very-long-url-with-words-in-english @news_tj',
  ],
  ['tg', 'informal Latin Tajik', 'Hukumati Tojikiston baroi rushdi iqtisodiyot tadbirhoi nav andeshid.'],
];

function suite(label: string): void {
  for (const [lang, what, text] of cases) {
    test(`${label}: ${what} → ${lang}`, () => {
      const r = identify(text);
      assert.equal(r.lang, lang, JSON.stringify(r));
      if (lang !== 'und') assert.ok(r.confidence >= 0.5, JSON.stringify(r));
    });
  }
  test(`${label}: folded Tajik and proper Tajik are both tg`, () => {
    const t = 'Ҳукумати Ҷумҳурии Тоҷикистон ба муҳоҷирони меҳнатӣ дар Русия кӯмак мерасонад.';
    assert.equal(identify(t).lang, 'tg');
    assert.equal(identify(fold(t)).lang, 'tg');
  });
}

suite('rules+franc');

test('script, method and the rules-only fast path', () => {
  const r = identify('Президент России заявил, что переговоры будут продолжены на следующей неделе.');
  assert.equal(r.script, 'cyrl');
  assert.equal(r.method, 'rules');
  assert.equal(identify('دولت تاجیکستان برای توسعه اقتصاد تدابیر جدیدی اتخاذ کرد.').script, 'arab');
  assert.equal(identify('The economy grew.').script, 'latn');
  const mixed = identify('Breaking: Путин ва Рахмон meet in Dushanbe to discuss трудовых мигрантов today');
  assert.equal(mixed.script, 'mixed');
});

test('empty, symbol-only and very short texts are und or low-confidence', () => {
  assert.deepEqual(identify(''), { lang: 'und', confidence: 0, script: 'none', method: 'empty' });
  assert.equal(identify('😀 123 !!!').lang, 'und');
  assert.equal(identify('ok').lang, 'und');
  const short = identify('Путин заявил');
  assert.ok(short.confidence <= 0.5, JSON.stringify(short));
});

test('only the first ~400 characters are read', () => {
  const tajik = 'Ҳукумати Тоҷикистон барои рушди иқтисодиёт тадбирҳои нав андешид. '.repeat(8);
  const r = identify(tajik + 'Президент России заявил, что переговоры будут продолжены. '.repeat(50));
  assert.equal(r.lang, 'tg');
});

test('mixed: sentences in two languages are reported, majority first', () => {
  const text =
    'Ҳукумати Тоҷикистон барои рушди иқтисодиёт тадбирҳои нав андешид ва онро имрӯз эълон кард. ' +
    'Президент России заявил, что переговоры будут продолжены на следующей неделе.';
  const r = identify(text);
  assert.ok(r.mixed, JSON.stringify(r));
  assert.deepEqual([...r.mixed].sort(), ['ru', 'tg']);
  assert.equal(r.lang, r.mixed[0]);
  assert.equal(identify(cases[0]![2]).mixed, undefined);
});

test('identifySentences: per-sentence languages with offsets into the text', () => {
  const text =
    'Ҳукумати Тоҷикистон барои рушди иқтисодиёт тадбирҳои нав андешид. ' +
    'Президент России заявил, что переговоры будут продолжены. Ҳа.';
  const got = identifySentences(text);
  assert.deepEqual(
    got.map((s) => s.lang),
    ['tg', 'ru', 'tg'],
  );
  assert.equal(
    text.slice(got[1]!.start, got[1]!.end),
    'Президент России заявил, что переговоры будут продолжены.',
  );
  assert.ok(got[2]!.confidence <= 0.3, 'a two-letter sentence inherits the text language at low confidence');
  assert.deepEqual(identifySentences('   '), []);
});

test('with engines', async (t) => {
  await initLanguageId();
  await initLanguageId(); // idempotent
  for (const [lang, what, text] of cases) {
    await t.test(`${what} → ${lang}`, () =>
      assert.equal(identify(text).lang, lang, JSON.stringify(identify(text))),
    );
  }
  await t.test('short ambiguous text goes to the ensemble and still gets it right', () => {
    const r = identify('Путин заявил сегодня');
    assert.equal(r.lang, 'ru');
    assert.match(r.method, /^ensemble:rules\+franc\+cld3\+fasttext$|^rules$/);
  });
  await t.test('Uzbek Cyrillic is not taken for Tajik even though cld3 and fastText say so', () => {
    for (const s of [
      'Тоғли ҳудудларда кучли қор ёғиши сабабли бир нечта довон ёпилди.',
      'Бу мавсумда Самарқанд ва Бухорога',
    ]) {
      assert.equal(identify(s).lang, 'uz', s);
    }
  });
});
