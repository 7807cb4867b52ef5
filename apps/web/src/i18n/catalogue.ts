/** Strings of the catalogue page (narratives, techniques, literacy cards) and the counter-message review. */
export const catalogueEn = {
  'catalogue.nav': 'Catalogue',
  'catalogue.title': 'Narratives and techniques',
  'catalogue.intro':
    'Every narrative the system tracks and the 23 persuasion techniques, each with a media-literacy card: what it is, why it works, how to check, and an invented example. Open a card to read or print it.',
  'catalogue.narratives': 'Narratives by actor family',
  'catalogue.techniques': 'Persuasion techniques',
  'catalogue.what': 'What it is',
  'catalogue.why': 'Why it works',
  'catalogue.check': 'How to check',
  'catalogue.example': 'Example (invented by the project)',
  'catalogue.print': 'Printable card',
  'catalogue.printPage': 'Print this page',
  'catalogue.close': 'Close',
  'catalogue.versions': 'Cards {cards} for taxonomy {taxonomy} — draft, awaiting native-speaker review.',
  'catalogue.openCard': 'Card',
  'catalogue.items': '{n} stored items flagged',
  'catalogue.review': 'Review a counter-message',
  'catalogue.reviewIntro':
    'Paste a draft counter-message. Wording that blames or generalises about an ethnic, religious or regional group is marked, with the reason and a better wording: such wording confirms what recruiters say.',
  'catalogue.reviewPlaceholder': 'Draft counter-message…',
  'catalogue.reviewSubmit': 'Review',
  'catalogue.reviewOk': 'No stigmatising or generalising wording found.',
  'catalogue.reviewFound': '{n} passage(s) to reword',
  'catalogue.reviewRewrite': 'Rewrite with the people actually meant:',
  'catalogue.kind.stigmatising': 'stigmatising',
  'catalogue.kind.generalising': 'generalising',
} as const;

export const catalogueRu: Record<keyof typeof catalogueEn, string> = {
  'catalogue.nav': 'Каталог',
  'catalogue.title': 'Нарративы и приёмы',
  'catalogue.intro':
    'Все нарративы, которые отслеживает система, и 23 приёма убеждения, у каждого — карточка медиаграмотности: что это, почему работает, как проверить и вымышленный пример. Откройте карточку, чтобы прочитать или распечатать.',
  'catalogue.narratives': 'Нарративы по группам участников',
  'catalogue.techniques': 'Приёмы убеждения',
  'catalogue.what': 'Что это',
  'catalogue.why': 'Почему это работает',
  'catalogue.check': 'Как проверить',
  'catalogue.example': 'Пример (придуман проектом)',
  'catalogue.print': 'Карточка для печати',
  'catalogue.printPage': 'Распечатать страницу',
  'catalogue.close': 'Закрыть',
  'catalogue.versions':
    'Карточки {cards} для таксономии {taxonomy} — черновик, ждёт вычитки носителями языка.',
  'catalogue.openCard': 'Карточка',
  'catalogue.items': 'отмечено сохранённых материалов: {n}',
  'catalogue.review': 'Проверить контрпослание',
  'catalogue.reviewIntro':
    'Вставьте черновик контрпослания. Формулировки, которые обвиняют или обобщают целую этническую, религиозную или региональную группу, будут отмечены с объяснением и вариантом лучше: такие слова подтверждают то, что говорят вербовщики.',
  'catalogue.reviewPlaceholder': 'Черновик контрпослания…',
  'catalogue.reviewSubmit': 'Проверить',
  'catalogue.reviewOk': 'Стигматизирующих или обобщающих формулировок не найдено.',
  'catalogue.reviewFound': 'Переформулировать: {n}',
  'catalogue.reviewRewrite': 'Перепишите, назвав тех, о ком на самом деле речь:',
  'catalogue.kind.stigmatising': 'стигматизирует',
  'catalogue.kind.generalising': 'обобщает',
};

export const catalogueTg: Record<keyof typeof catalogueEn, string> = {
  'catalogue.nav': 'Феҳрист',
  'catalogue.title': 'Ривоятҳо ва усулҳо',
  'catalogue.intro':
    'Ҳамаи ривоятҳое, ки система пайгирӣ мекунад, ва 23 усули таъсиррасонӣ, ҳар кадом бо корти саводнокии медиавӣ: ин чист, чаро таъсир мекунад, чӣ тавр санҷидан мумкин ва мисоли бофта. Кортро кушоед, то хонед ё чоп кунед.',
  'catalogue.narratives': 'Ривоятҳо аз рӯи гурӯҳи иштирокчиён',
  'catalogue.techniques': 'Усулҳои таъсиррасонӣ',
  'catalogue.what': 'Ин чист',
  'catalogue.why': 'Чаро таъсир мекунад',
  'catalogue.check': 'Чӣ тавр санҷидан мумкин',
  'catalogue.example': 'Мисол (аз ҷониби лоиҳа навишта шудааст)',
  'catalogue.print': 'Корт барои чоп',
  'catalogue.printPage': 'Ин саҳифаро чоп кунед',
  'catalogue.close': 'Пӯшидан',
  'catalogue.versions':
    'Кортҳои {cards} барои таксономияи {taxonomy} — пешнавис, бояд соҳибзабонон бознигарӣ кунанд.',
  'catalogue.openCard': 'Корт',
  'catalogue.items': 'маводҳои сабтшудаи қайдгардида: {n}',
  'catalogue.review': 'Санҷиши паёми муқобил',
  'catalogue.reviewIntro':
    'Пешнависи паёми муқобилро гузоред. Ибораҳое, ки тамоми гурӯҳи қавмӣ, динӣ ё минтақавиро айбдор мекунанд ё умумӣ ҳукм мебароранд, бо сабаб ва пешниҳоди беҳтар қайд мешаванд: чунин суханон гапҳои ҷалбкунандагонро тасдиқ мекунанд.',
  'catalogue.reviewPlaceholder': 'Пешнависи паёми муқобил…',
  'catalogue.reviewSubmit': 'Санҷидан',
  'catalogue.reviewOk': 'Ибораҳои тамғазананда ё умумиятдиҳанда ёфт нашуданд.',
  'catalogue.reviewFound': 'Бояд аз нав навишт: {n}',
  'catalogue.reviewRewrite': 'Бо номи касоне, ки воқеан дар назар доред, аз нав нависед:',
  'catalogue.kind.stigmatising': 'тамғазананда',
  'catalogue.kind.generalising': 'умумиятдиҳанда',
};
