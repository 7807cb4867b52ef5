/**
 * Fact-checks of the demo's claims, as a fictional fact-checking desk would publish them
 * (schema.org ClaimReview). Written by the project for the demo: each reviews a claim that the
 * demo's narrative templates repeat, so a new user sees claim matches on the demo corpus. The
 * ratings are the demo's fiction, not verdicts on the real world.
 */

export interface DemoFactCheck {
  id: string;
  lang: 'ru' | 'tg' | 'en' | 'uz';
  claim: string;
  rating: string;
  /** days after the corpus start */
  day: number;
  /** the template topic whose items repeat the claim */
  topic: string;
}

export const FACT_CHECK_ORG = 'Demo Fact-Check Desk';
export const FACT_CHECK_SITE = 'https://factcheck.example';

export const DEMO_FACT_CHECKS: readonly DemoFactCheck[] = [
  {
    id: 'fc-isis-us-project',
    lang: 'ru',
    claim: 'ИГИЛ — проект США, а за терактами в регионе стоят западные спецслужбы',
    rating: 'Ложь',
    day: 5,
    topic: 'n-ru-west-behind-terror',
  },
  {
    id: 'fc-chinese-troops-pamir',
    lang: 'ru',
    claim: 'Китайские военные на Памире уже охраняют дороги к месторождениям',
    rating: 'Не подтверждено',
    day: 9,
    topic: 'n-ru-china-neocolonial',
  },
  {
    id: 'fc-china-debt-trap',
    lang: 'en',
    claim: 'China is draining Tajikistan’s resources through a debt trap',
    rating: 'Misleading',
    day: 12,
    topic: 'n-ru-china-neocolonial',
  },
  {
    id: 'fc-colour-revolution',
    lang: 'ru',
    claim: 'Запад готовит «цветную революцию» в Центральной Азии через НКО на западные гранты',
    rating: 'Манипуляция',
    day: 15,
    topic: 'n-ru-west-destabiliser',
  },
  {
    id: 'fc-ukrainian-trace',
    lang: 'ru',
    claim: 'Расследование дела о вербовке выявило украинский след',
    rating: 'Не подтверждено',
    day: 18,
    topic: 'n-ru-west-behind-terror',
  },
  {
    id: 'fc-is-defeated',
    lang: 'en',
    claim:
      'The Taliban say IS in Afghanistan has been defeated and there is no threat to neighbours from Afghan soil',
    rating: 'False',
    day: 21,
    topic: 'n-other-taliban-proxy',
  },
  {
    id: 'fc-migrant-terrorists',
    lang: 'ru',
    claim: 'Мигранты-террористы свободно въезжают в Россию, этническая преступность растёт',
    rating: 'Манипуляция',
    day: 25,
    topic: 'n-ru-islamophobic',
  },
  {
    id: 'fc-khorog-activists',
    lang: 'tg',
    claim: 'Фаъолони Хоруғро экстремистони фирорӣ аз хориҷа идора мекунанд',
    rating: 'Тасдиқ нашудааст',
    day: 30,
    topic: 'n-tj-opposition-terrorists',
  },
  {
    id: 'fc-only-russia-protects',
    lang: 'ru',
    claim: 'Защитить Таджикистан может только Россия, без ОДКБ граница не устоит',
    rating: 'Вырвано из контекста',
    day: 34,
    topic: 'n-ru-security-guarantor',
  },
  {
    id: 'fc-remittances-half-gdp',
    lang: 'ru',
    claim: 'Денежные переводы из России составляют почти половину ВВП Таджикистана',
    rating: 'В основном правда',
    day: 38,
    topic: 'n-ru-economic-dependency',
  },
];

/** The fact-checks as one ClaimReview JSON-LD document (an array), as `ogoh claims import` reads it. */
export function claimReviewDocument(start: Date): string {
  const doc = DEMO_FACT_CHECKS.map((f) => ({
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    '@id': f.id,
    url: `${FACT_CHECK_SITE}/${f.lang}/${f.id}`,
    datePublished: new Date(start.getTime() + f.day * 86_400_000).toISOString().slice(0, 10),
    inLanguage: f.lang,
    claimReviewed: f.claim,
    author: { '@type': 'Organization', name: FACT_CHECK_ORG, url: FACT_CHECK_SITE },
    reviewRating: { '@type': 'Rating', alternateName: f.rating },
  }));
  return `${JSON.stringify(doc, null, 1)}\n`;
}
