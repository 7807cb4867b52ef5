/**
 * Claim matching: a Tajik query typed on a Russian keyboard, a Latin Uzbek one and an English one
 * find the Russian-language fact-check about the same numbers and names among look-alike claims;
 * the snapshot matches like the index it came from; the dense hook changes the ranking.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeClaim, readNumbers, skeleton, toLatin } from './analyze.ts';
import { type ClaimDoc, ClaimIndex, PARAMS } from './claim-index.ts';
import { FEATURES } from './features.ts';

const CLAIMS: ClaimDoc[] = [
  {
    id: 'fc-rogun-export',
    lang: 'ru',
    text: 'Рогунская ГЭС продаёт 70 процентов своей электроэнергии в Афганистан, а жители Душанбе сидят без света.',
  },
  {
    id: 'fc-rogun-output',
    lang: 'ru',
    text: 'Рогунская ГЭС в 2026 году выработает 3 миллиарда киловатт-часов электроэнергии для Узбекистана.',
  },
  {
    id: 'fc-migrants-ban',
    lang: 'ru',
    text: 'С 1 апреля 2026 года Россия запрещает въезд всем мигрантам из Таджикистана без знания русского языка.',
  },
  {
    id: 'fc-migrants-patent',
    lang: 'ru',
    text: 'Стоимость патента для мигрантов из Таджикистана в Москве вырастет до 9 тысяч рублей.',
  },
  {
    id: 'fc-mosques',
    lang: 'ru',
    text: 'Правительство Таджикистана выделило 2,5 миллиона сомони на ремонт мечетей в Хатлоне.',
  },
  {
    id: 'fc-schools',
    lang: 'ru',
    text: 'Правительство Таджикистана выделило 40 миллионов сомони на строительство школ в Согде.',
  },
  {
    id: 'fc-gas',
    lang: 'ru',
    text: 'Узбекистан прекратит поставки газа в Таджикистан с 1 декабря.',
  },
  {
    id: 'fc-dollar',
    lang: 'tg',
    text: 'Бонки миллӣ эълон кард, ки қурби доллар то охири моҳ ба 15 сомонӣ мерасад.',
  },
  {
    id: 'fc-vaccine',
    lang: 'en',
    text: 'The WHO admitted that the measles vaccine given in Uzbekistan caused 300 deaths in 2025.',
  },
  {
    id: 'fc-border',
    lang: 'ru',
    text: 'Кыргызстан закрыл границу с Таджикистаном в Исфаринском районе на 30 дней.',
  },
];

/** Queries as people write them, each with the claim it repeats. */
const PAIRS: [string, string][] = [
  // Tajik typed on a Russian layout (ҳ→х ҷ→ч қ→к ғ→г ӣ→и ӯ→у)
  [
    'Неругохи Рогун 70 фоизи барки худро ба Афгонистон мефурушад, мардуми Душанбе бе барк мемонанд!',
    'fc-rogun-export',
  ],
  [
    'Аз 1 апрели 2026 Русия ба хамаи мухочирони Точикистон бе донистани забони руси вурудро манъ мекунад',
    'fc-migrants-ban',
  ],
  ['Хукумати Точикистон 2,5 миллион сомони барои таъмири масчидхои Хатлон чудо кард', 'fc-mosques'],
  ['Кургизистон сархадро бо Точикистон дар нохияи Исфара 30 руз баст', 'fc-border'],
  // proper Tajik
  ['Ҳукумати Тоҷикистон 40 миллион сомонӣ барои сохтмони мактабҳо дар Суғд ҷудо кард', 'fc-schools'],
  // Uzbek Latin
  ["O'zbekiston 1-dekabrdan Tojikistonga gaz yetkazib berishni to'xtatadi", 'fc-gas'],
  // English
  [
    'Rogun dam sells 70% of its electricity to Afghanistan while Dushanbe sits in the dark',
    'fc-rogun-export',
  ],
  // Russian paraphrase of a Tajik claim
  ['Нацбанк: доллар к концу месяца будет стоить 15 сомони', 'fc-dollar'],
];

describe('claim analysis', () => {
  test('numbers are read with their multipliers and separators', () => {
    assert.deepEqual(
      readNumbers('2,5 млн сомони, 1 000 000 долларов, 3 миллиарда, 70% и 15.5').map((n) => n.value),
      ['2500000', '1000000', '3000000000', '70', '15.5'],
    );
  });

  test('names meet across scripts in the consonant skeleton', () => {
    const sk = (w: string) => skeleton(toLatin(w));
    assert.equal(sk('точикистон'), sk('таджикистан'));
    assert.equal(sk('tajikistan'), sk('таджикистан'));
    assert.equal(sk('афгонистон'), sk('afghanistan'));
    assert.equal(sk('душанбе'), sk('dushanbe'));
    assert.notEqual(sk('узбекистан'), sk('таджикистан'));
  });

  test('Tajik typed on a Russian layout analyses like proper Tajik', () => {
    const a = analyzeClaim('Ҳукумати Тоҷикистон маблағ ҷудо кард', 'tg');
    const b = analyzeClaim('Хукумати Точикистон маблаг чудо кард', 'tg');
    assert.deepEqual(a.words, b.words);
    assert.deepEqual(a.cognates, b.cognates);
  });

  test('hashtags and handles are split into words; URLs are dropped', () => {
    const a = analyzeClaim('#ImpeachTrump @JoeBiden https://t.co/xyz123', 'en');
    assert.deepEqual(a.words, ['impeach', 'trump', 'joe', 'biden']);
  });

  test('quotations keep their word order', () => {
    const a = analyzeClaim('He said «our country should be more fearful of white men» today', 'en');
    assert.deepEqual(a.quotes, [['country', 'fearful', 'white', 'men']]);
  });
});

describe('ClaimIndex', () => {
  const index = ClaimIndex.build(CLAIMS);

  for (const [query, expected] of PAIRS) {
    test(`finds ${expected} for "${query.slice(0, 50)}…"`, () => {
      const m = index.match(query, { k: 3 });
      assert.equal(m[0]?.id, expected, JSON.stringify(m));
    });
  }

  test('matches are sorted, scored 0..1 and at most k', () => {
    const m = index.match('Таджикистан мигранты сомони', { k: 4 });
    assert.ok(m.length <= 4 && m.length > 0);
    for (let i = 0; i < m.length; i++) {
      assert.ok(m[i]!.score >= 0 && m[i]!.score <= 1);
      if (i > 0) assert.ok(m[i - 1]!.score >= m[i]!.score);
    }
    assert.deepEqual(index.match('', { k: 4 }), []);
    assert.deepEqual(ClaimIndex.build([]).match('Рогун'), []);
  });

  test('a Tajik repeat of a Russian claim scores above anything an unrelated query finds', () => {
    const unrelated = [
      'Футбольный клуб Истиклол выиграл кубок Таджикистана',
      'Погода в Душанбе завтра будет солнечной',
      'Имруз дар Хучанд борон меборад',
    ].map((q) => index.match(q, { k: 1 })[0]?.score ?? 0);
    const repeats = PAIRS.slice(0, 4).map(([q]) => index.match(q, { k: 1 })[0]!.score);
    assert.ok(Math.min(...repeats) > Math.max(...unrelated), JSON.stringify({ repeats, unrelated }));
  });

  test('a query about something else finds nothing that scores high', () => {
    const m = index.match('Футбольный клуб Истиклол выиграл кубок', { k: 3 });
    for (const x of m) assert.ok(x.score < 0.5, JSON.stringify(m));
  });

  test('a snapshot loads into an index that matches the same way', () => {
    const bytes = index.toSnapshot();
    const again = ClaimIndex.fromSnapshot(bytes);
    assert.equal(again.size, CLAIMS.length);
    for (const [q] of PAIRS) assert.deepEqual(again.match(q, { k: 5 }), index.match(q, { k: 5 }));
    assert.throws(() => ClaimIndex.fromSnapshot(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])), RangeError);
    assert.throws(() => ClaimIndex.fromSnapshot(bytes.slice(0, bytes.length - 100)), RangeError);
  });

  test('the dense hook feeds the re-ranker', () => {
    const dense = ClaimIndex.build(CLAIMS);
    const weights = [...PARAMS.weights];
    weights[FEATURES.indexOf('dense')] = 100;
    dense.params = { ...PARAMS, weights };
    const q = 'Правительство Таджикистана выделило миллионы сомони';
    const lexical = dense.match(q, { k: 2 });
    const other = lexical[1]!.id;
    const seen: string[][] = [];
    const m = dense.match(q, {
      k: 2,
      dense: (text, ids) => {
        assert.equal(text, q);
        seen.push([...ids]);
        return ids.map((id) => (id === other ? 1 : 0));
      },
    });
    assert.equal(seen.length, 1);
    assert.equal(m[0]?.id, other);
  });
});
