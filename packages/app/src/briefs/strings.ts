/**
 * Every fixed string of a brief in Tajik, Russian and English. Kept apart from the renderer so a
 * reviewer can read and correct one language in one place; `strings.test` checks the three have
 * the same keys and that the Tajik ones are Tajik (ҳ ҷ қ ғ ӣ ӯ), not Russian.
 */
import type { Affiliation, CaseStatus, ProvenanceRelation, Tlp } from '@ogoh/core';

export const BRIEF_LANGS = ['tg', 'ru', 'en'] as const;
export type BriefLang = (typeof BRIEF_LANGS)[number];

export interface BriefStrings {
  title: string;
  draft: string;
  draftNote: string;
  tlpMeaning: Record<Tlp, string>;
  case: string;
  status: string;
  statuses: Record<CaseStatus, string>;
  assignee: string;
  none: string;
  generated: string;
  sections: {
    summary: string;
    timeline: string;
    provenance: string;
    narratives: string;
    techniques: string;
    convergence: string;
    disarm: string;
    checks: string;
    evidence: string;
    notes: string;
  };
  facts(n: { items: number; sources: number; langs: string; first: string; last: string }): string;
  noSummary: string;
  date: string;
  source: string;
  language: string;
  text: string;
  count: string;
  perDay: string;
  perWeek: string;
  moreItems(n: number): string;
  origin: string;
  relations: Record<ProvenanceRelation, string>;
  noAttribution: string;
  credits(who: string): string;
  laundering(origin: string, affiliation: string, n: number): string;
  provenanceUnavailable: string;
  noProvenance: string;
  storyLine(n: { size: number; sources: number; first: string }): string;
  itemsFlagged(n: number): string;
  score: string;
  quotes: string;
  card: string;
  cardPending: string;
  noneFound: string;
  hypothesis: string;
  disarmVia: string;
  disarmNote: string;
  /** before the DISARM attribution in the footer (technique names are English: DISARM has no others) */
  disarmNames: string;
  affiliations: Record<Affiliation, string>;
  checks: {
    earliest: string;
    accounts: string;
    laundering(n: number): string;
    translation: string;
    numbers: string;
    convergence: string;
    media: string;
    safety: string;
  };
  undated: string;
  footer: string;
}

const en: BriefStrings = {
  title: 'Brief',
  draft: 'DRAFT — for human review',
  draftNote:
    'Prepared with machine assistance from the case evidence. Every statement must be checked by an analyst before this brief is shared or published.',
  tlpMeaning: {
    clear: 'Disclosure is not limited.',
    green: 'Limited disclosure: recipients may share within their community, but not publicly.',
    amber:
      'Limited disclosure: recipients may share only within their organisation and its clients, on a need-to-know basis.',
    'amber+strict': 'Limited disclosure: recipients may share only within their organisation.',
    red: 'For the eyes and ears of individual recipients only; no further disclosure.',
  },
  case: 'Case',
  status: 'Status',
  statuses: { open: 'open', in_review: 'in review', published: 'published', closed: 'closed' },
  assignee: 'Assignee',
  none: 'none',
  generated: 'Generated',
  sections: {
    summary: 'Summary',
    timeline: 'Timeline',
    provenance: 'Provenance chain',
    narratives: 'Narratives',
    techniques: 'Manipulation techniques',
    convergence: 'Convergence notes',
    disarm: 'DISARM techniques',
    checks: 'What to check',
    evidence: 'Evidence',
    notes: 'Analyst notes',
  },
  facts: (n) =>
    `${n.items} item(s) from ${n.sources} source(s) in ${n.langs}; first seen ${n.first}, last seen ${n.last}.`,
  noSummary: 'The analyst has not written a summary yet.',
  date: 'Date',
  source: 'Source',
  language: 'Language',
  text: 'Text',
  count: 'Items',
  perDay: 'Items per day',
  perWeek: 'Items per week',
  moreItems: (n) => `… and ${n} more item(s).`,
  origin: 'Origin',
  relations: {
    copy: 'copy',
    near: 'near-copy',
    rewrite: 'rewrite',
    translation: 'translation',
    forward: 'forward',
    crosspost: 'cross-post',
  },
  noAttribution: 'no attribution',
  credits: (who) => `credits ${who}`,
  laundering: (origin, affiliation, n) =>
    `Possible laundering: first published by ${origin} (${affiliation}), then re-published without attribution by ${n} source(s).`,
  provenanceUnavailable: 'Provenance tracing is not available for this store.',
  noProvenance:
    'No story evidence: the items were not copied, rewritten or translated elsewhere in the store.',
  storyLine: (n) => `${n.size} item(s) from ${n.sources} source(s), first seen ${n.first}.`,
  itemsFlagged: (n) => `${n} item(s)`,
  score: 'score',
  quotes: 'Evidence quotes',
  card: 'Media-literacy card',
  cardPending: 'No media-literacy card is written for this label yet.',
  noneFound: 'None found in the evidence.',
  hypothesis: 'A hypothesis to examine, not a finding.',
  disarmVia: 'via',
  disarmNote: 'DISARM Framework technique ids (CC BY-SA 4.0), mapped from the narratives in the evidence.',
  disarmNames: 'DISARM technique names:',
  affiliations: {
    'russian-state': 'Russian state',
    'russian-state-affiliated': 'Russian state-affiliated',
    'tajik-state': 'Tajik state',
    independent: 'independent',
    international: 'international',
    extremist: 'extremist',
    unknown: 'unknown',
  },
  checks: {
    earliest: 'Find the earliest version of the claim and who published it first.',
    accounts:
      'Check the accounts and outlets: age, posting history, ownership, and whether they are known state or extremist outlets.',
    laundering: (n) =>
      `${n} source(s) re-published the story without attribution: check whether they credit the origin elsewhere (links, captions, forwards).`,
    translation:
      'Compare the translations with the original: are numbers, names and quotations rendered faithfully?',
    numbers: 'Verify every figure against a primary source (official statistics, the original document).',
    convergence:
      'Check whether the converging narratives come from accounts that act together (shared timing, forwards, identical wording).',
    media: 'Reverse-search the images and videos for earlier uses in other contexts.',
    safety:
      'Before publishing a debunk: do not repeat the false claim in the headline, and avoid wording that stigmatises ethnic, religious or regional groups.',
  },
  undated: 'undated',
  footer: 'Ogoh — draft brief generated from case evidence; not an assessment.',
};

const ru: BriefStrings = {
  title: 'Справка',
  draft: 'ЧЕРНОВИК — для проверки человеком',
  draftNote:
    'Подготовлено с помощью машины на основе материалов дела. Аналитик должен проверить каждое утверждение, прежде чем справку передадут или опубликуют.',
  tlpMeaning: {
    clear: 'Распространение не ограничено.',
    green:
      'Ограниченное распространение: получатели могут делиться внутри своего сообщества, но не публично.',
    amber:
      'Ограниченное распространение: только внутри организации получателя и её клиентов, по мере необходимости.',
    'amber+strict': 'Ограниченное распространение: только внутри организации получателя.',
    red: 'Только для конкретных получателей; дальнейшее распространение запрещено.',
  },
  case: 'Дело',
  status: 'Статус',
  statuses: { open: 'открыто', in_review: 'на проверке', published: 'опубликовано', closed: 'закрыто' },
  assignee: 'Ответственный',
  none: 'нет',
  generated: 'Сформировано',
  sections: {
    summary: 'Краткое содержание',
    timeline: 'Хронология',
    provenance: 'Цепочка происхождения',
    narratives: 'Нарративы',
    techniques: 'Приёмы манипуляции',
    convergence: 'Заметки о сближении нарративов',
    disarm: 'Техники DISARM',
    checks: 'Что проверить',
    evidence: 'Материалы',
    notes: 'Заметки аналитика',
  },
  facts: (n) =>
    `Материалов: ${n.items}, источников: ${n.sources}, языки: ${n.langs}; впервые замечено ${n.first}, в последний раз ${n.last}.`,
  noSummary: 'Аналитик ещё не написал краткое содержание.',
  date: 'Дата',
  source: 'Источник',
  language: 'Язык',
  text: 'Текст',
  count: 'Материалы',
  perDay: 'Материалов в день',
  perWeek: 'Материалов в неделю',
  moreItems: (n) => `… и ещё ${n}.`,
  origin: 'Первоисточник',
  relations: {
    copy: 'копия',
    near: 'почти копия',
    rewrite: 'пересказ',
    translation: 'перевод',
    forward: 'пересылка',
    crosspost: 'кросспост',
  },
  noAttribution: 'без указания источника',
  credits: (who) => `ссылается на ${who}`,
  laundering: (origin, affiliation, n) =>
    `Возможное «отмывание»: впервые опубликовано источником ${origin} (${affiliation}), затем перепубликовано без указания источника (${n}).`,
  provenanceUnavailable: 'Для этого хранилища отслеживание происхождения недоступно.',
  noProvenance: 'В деле нет сюжетов: материалы не копировались, не пересказывались и не переводились.',
  storyLine: (n) => `Материалов: ${n.size}, источников: ${n.sources}, впервые замечено ${n.first}.`,
  itemsFlagged: (n) => `материалов: ${n}`,
  score: 'оценка',
  quotes: 'Цитаты-доказательства',
  card: 'Карточка медиаграмотности',
  cardPending: 'Для этой метки карточка медиаграмотности ещё не написана.',
  noneFound: 'В материалах не найдено.',
  hypothesis: 'Гипотеза для проверки, а не вывод.',
  disarmVia: 'через',
  disarmNote:
    'Идентификаторы техник DISARM Framework (CC BY-SA 4.0), сопоставленные с нарративами из материалов.',
  disarmNames: 'Названия техник DISARM (на английском):',
  affiliations: {
    'russian-state': 'российский государственный',
    'russian-state-affiliated': 'связан с российским государством',
    'tajik-state': 'таджикский государственный',
    independent: 'независимый',
    international: 'международный',
    extremist: 'экстремистский',
    unknown: 'неизвестно',
  },
  checks: {
    earliest: 'Найдите самую раннюю версию утверждения и того, кто опубликовал его первым.',
    accounts:
      'Проверьте аккаунты и издания: возраст, историю публикаций, владельцев, не относятся ли они к известным государственным или экстремистским ресурсам.',
    laundering: (n) =>
      `Источники (${n}) перепубликовали сюжет без указания источника: проверьте, не ссылаются ли они на первоисточник иначе (ссылки, подписи, пересылки).`,
    translation: 'Сравните переводы с оригиналом: верно ли переданы числа, имена и цитаты?',
    numbers: 'Сверьте каждую цифру с первоисточником (официальная статистика, исходный документ).',
    convergence:
      'Проверьте, не исходят ли сближающиеся нарративы от аккаунтов, действующих согласованно (одновременность, пересылки, одинаковые формулировки).',
    media:
      'Проверьте изображения и видео обратным поиском: не использовались ли они раньше в другом контексте.',
    safety:
      'Перед публикацией опровержения: не повторяйте ложное утверждение в заголовке и избегайте формулировок, стигматизирующих этнические, религиозные или региональные группы.',
  },
  undated: 'без даты',
  footer: 'Ogoh — черновик справки по материалам дела; не является оценкой.',
};

const tg: BriefStrings = {
  title: 'Маълумотномаи таҳлилӣ',
  draft: 'ЛОИҲА — барои баррасии инсон',
  draftNote:
    'Бо ёрии мошин аз рӯи далелҳои парванда тайёр шудааст. Таҳлилгар бояд ҳар як иддаоро пеш аз фиристодан ё нашри ин маълумотнома санҷад.',
  tlpMeaning: {
    clear: 'Паҳнкунӣ маҳдуд нест.',
    green: 'Паҳнкунии маҳдуд: гирандагон метавонанд дар доираи ҷомеаи худ мубодила кунанд, аммо на ошкоро.',
    amber: 'Паҳнкунии маҳдуд: танҳо дар дохили ташкилоти гиранда ва мизоҷони он, ба қадри зарурат.',
    'amber+strict': 'Паҳнкунии маҳдуд: танҳо дар дохили ташкилоти гиранда.',
    red: 'Танҳо барои гирандагони мушаххас; паҳнкунии минбаъда манъ аст.',
  },
  case: 'Парванда',
  status: 'Ҳолат',
  statuses: { open: 'кушода', in_review: 'дар баррасӣ', published: 'нашршуда', closed: 'пӯшида' },
  assignee: 'Масъул',
  none: 'нест',
  generated: 'Таҳия шуд',
  sections: {
    summary: 'Хулоса',
    timeline: 'Ҷараёни вақт',
    provenance: 'Занҷираи пайдоиш',
    narratives: 'Нарративҳо',
    techniques: 'Усулҳои фиребу таъсиррасонӣ',
    convergence: 'Қайдҳо дар бораи ҳамгароии нарративҳо',
    disarm: 'Усулҳои DISARM',
    checks: 'Чиро бояд санҷид',
    evidence: 'Далелҳо',
    notes: 'Қайдҳои таҳлилгар',
  },
  facts: (n) =>
    `Мавод: ${n.items}, манбаъҳо: ${n.sources}, забонҳо: ${n.langs}; бори аввал ${n.first} дида шуд, бори охир ${n.last}.`,
  noSummary: 'Таҳлилгар ҳанӯз хулоса нанавиштааст.',
  date: 'Сана',
  source: 'Манбаъ',
  language: 'Забон',
  text: 'Матн',
  count: 'Мавод',
  perDay: 'Мавод дар як рӯз',
  perWeek: 'Мавод дар як ҳафта',
  moreItems: (n) => `… ва боз ${n} мавод.`,
  origin: 'Манбаи аввал',
  relations: {
    copy: 'нусха',
    near: 'қариб нусха',
    rewrite: 'бознависӣ',
    translation: 'тарҷума',
    forward: 'бозфиристӣ',
    crosspost: 'нашри такрорӣ',
  },
  noAttribution: 'бе зикри манбаъ',
  credits: (who) => `ба ${who} ишора мекунад`,
  laundering: (origin, affiliation, n) =>
    `Эҳтимоли «шустушӯи» хабар: бори аввал аз ҷониби ${origin} (${affiliation}) нашр шуд, сипас ${n} манбаъ онро бе зикри манбаъ такрор нашр кард.`,
  provenanceUnavailable: 'Барои ин анбор пайгирии пайдоиш дастрас нест.',
  noProvenance:
    'Дар парванда хабарҳои пайваста нестанд: мавод дар ҷои дигар нусхабардорӣ, бознависӣ ё тарҷума нашудааст.',
  storyLine: (n) => `Мавод: ${n.size}, манбаъҳо: ${n.sources}, бори аввал ${n.first} дида шуд.`,
  itemsFlagged: (n) => `${n} мавод`,
  score: 'баҳо',
  quotes: 'Иқтибосҳои далелӣ',
  card: 'Корти саводнокии расонаӣ',
  cardPending: 'Барои ин тамға ҳанӯз корти саводнокии расонаӣ навишта нашудааст.',
  noneFound: 'Дар далелҳо ёфт нашуд.',
  hypothesis: 'Фарзия барои санҷиш, на хулосаи ниҳоӣ.',
  disarmVia: 'тавассути',
  disarmNote:
    'Рақамҳои усулҳои DISARM Framework (CC BY-SA 4.0), ки ба нарративҳои далелҳо мувофиқ карда шудаанд.',
  disarmNames: 'Номҳои усулҳои DISARM (бо забони англисӣ):',
  affiliations: {
    'russian-state': 'давлатии Русия',
    'russian-state-affiliated': 'вобаста ба давлати Русия',
    'tajik-state': 'давлатии Тоҷикистон',
    independent: 'мустақил',
    international: 'байналмилалӣ',
    extremist: 'ифротгаро',
    unknown: 'номаълум',
  },
  checks: {
    earliest: 'Нусхаи аз ҳама барвақти иддаоро ва касеро, ки онро аввал нашр кардааст, пайдо кунед.',
    accounts:
      'Ҳисобҳо ва нашрияҳоро санҷед: синну сол, таърихи нашрҳо, соҳибон ва оё онҳо ба расонаҳои маълуми давлатӣ ё ифротгаро тааллуқ доранд.',
    laundering: (n) =>
      `${n} манбаъ хабарро бе зикри манбаъ такрор нашр кард: санҷед, ки оё онҳо ба манбаи аввал бо роҳи дигар (пайванд, тавзеҳ, бозфиристӣ) ишора мекунанд.`,
    translation:
      'Тарҷумаҳоро бо матни аслӣ муқоиса кунед: оё рақамҳо, номҳо ва иқтибосҳо дуруст интиқол ёфтаанд?',
    numbers: 'Ҳар як рақамро бо манбаи аввалия (омори расмӣ, ҳуҷҷати аслӣ) муқоиса кунед.',
    convergence:
      'Санҷед, ки оё нарративҳои ҳамгаро аз ҳисобҳое меоянд, ки якҷоя амал мекунанд (ҳамзамонӣ, бозфиристӣ, ибораҳои якхела).',
    media:
      'Тасвирҳо ва видеоҳоро бо ҷустуҷӯи баръакс санҷед: оё онҳо пештар дар заминаи дигар истифода нашудаанд?',
    safety:
      'Пеш аз нашри раддия: иддаои бардурӯғро дар сарлавҳа такрор накунед ва аз ибораҳое, ки гурӯҳҳои қавмӣ, динӣ ё минтақавиро бадном мекунанд, худдорӣ намоед.',
  },
  undated: 'бе сана',
  footer: 'Ogoh — лоиҳаи маълумотнома аз рӯи далелҳои парванда; арзёбии ниҳоӣ нест.',
};

export const BRIEF_STRINGS: Readonly<Record<BriefLang, BriefStrings>> = { en, ru, tg };
