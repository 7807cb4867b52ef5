/**
 * A small multilingual gazetteer of the actors, places and organisations that matter for Central
 * Asian information space: one canonical id per entity and its names in Tajik, Russian, Uzbek
 * (Latin and Cyrillic), English and Persian script. Story linking uses it to see that "ОДКБ",
 * "CSTO", "Созмони Аҳдномаи Амнияти Дастҷамъӣ" and "KXShT" are one thing, and that "Гиссар" is
 * "Ҳисор" although no transliteration rule turns one into the other.
 *
 * Names are written naturally; matching is on keyboard-folded forms (foldKey), so Tajik typed on a
 * Russian layout matches too. A name of one word matches a word that starts with it and adds at most
 * a short suffix (Russian and Uzbek case endings: "Москве", "Moskvada"); names that inflect inside
 * the stem are listed as stems ("москв"). Acronyms must match a whole word.
 *
 * This is data the project writes and reviews, not a model. Add entities here when a story keeps
 * failing to link because two languages name one actor differently.
 */
import { foldKey } from '@ogoh/text';

export type EntityKind = 'org' | 'place' | 'actor' | 'group' | 'event';

export interface GazetteerEntity {
  id: string;
  kind: EntityKind;
  /** display name (English) */
  label: string;
  /** every name and alias, any language and script */
  names: readonly string[];
  /** names that must match a whole word (acronyms, short names) */
  exact?: readonly string[];
}

const E = (
  id: string,
  kind: EntityKind,
  label: string,
  names: readonly string[],
  exact: readonly string[] = [],
): GazetteerEntity => ({ id, kind, label, names, exact });

export const GAZETTEER: readonly GazetteerEntity[] = [
  // organisations and alliances
  E(
    'csto',
    'org',
    'CSTO',
    [
      'Организация Договора о коллективной безопасности',
      'Созмони Аҳдномаи Амнияти Дастаҷамъӣ',
      'Созмони Аҳдномаи Амнияти Дастҷамъӣ',
      'Kollektiv xavfsizlik toʻgʻrisidagi shartnoma tashkiloti',
      'Collective Security Treaty Organization',
      'سازمان پیمان امنیت جمعی',
    ],
    ['ОДКБ', 'САААД', 'CSTO', 'KXShT', 'КХШТ', 'ODKB'],
  ),
  E(
    'cis',
    'org',
    'CIS',
    ['Содружество Независимых Государств', 'Иттиҳоди Давлатҳои Мустақил', 'Mustaqil Davlatlar Hamdoʻstligi'],
    ['СНГ', 'ИДМ', 'CIS', 'MDH', 'МДҲ'],
  ),
  E(
    'sco',
    'org',
    'SCO',
    ['Шанхайская организация сотрудничества', 'Созмони Ҳамкории Шанхай', 'Shanxay hamkorlik tashkiloti'],
    ['ШОС', 'СҲШ', 'SCO', 'ShHT', 'ШҲТ'],
  ),
  E(
    'eaeu',
    'org',
    'Eurasian Economic Union',
    ['Евразийский экономический союз', 'Иттиҳоди Иқтисодии Авруосиё', 'Yevroosiyo iqtisodiy ittifoqi'],
    ['ЕАЭС', 'ИИАО', 'EAEU', 'EAEI', 'YeOII'],
  ),
  E(
    'un',
    'org',
    'United Nations',
    [
      'Организация Объединённых Наций',
      'Созмони Милали Муттаҳид',
      'Birlashgan Millatlar Tashkiloti',
      'United Nations',
      'سازمان ملل',
    ],
    ['ООН', 'СММ', 'UN', 'BMT'],
  ),
  E('nato', 'org', 'NATO', ['НАТО', 'NATO', 'ناتو']),
  E(
    'eu',
    'org',
    'European Union',
    [
      'Евросоюз',
      'Европейский союз',
      'Иттиҳоди Аврупо',
      'Yevropa Ittifoqi',
      'European Union',
      'اتحادیه اروپا',
    ],
    ['ЕС', 'EU'],
  ),
  E(
    'imf',
    'org',
    'IMF',
    [
      'Международный валютный фонд',
      'Хазинаи Байналмилалии Асъор',
      'Xalqaro valyuta jamgʻarmasi',
      'International Monetary Fund',
    ],
    ['МВФ', 'ХБА', 'IMF', 'XVJ'],
  ),
  E('world-bank', 'org', 'World Bank', [
    'Всемирный банк',
    'Бонки Ҷаҳонӣ',
    'Jahon banki',
    'World Bank',
    'بانک جهانی',
  ]),
  E(
    'bri',
    'org',
    'Belt and Road',
    ['Один пояс, один путь', 'Як камарбанд, як роҳ', 'Bir makon, bir yoʻl', 'Belt and Road', 'Пояс и путь'],
    ['BRI'],
  ),
  E('base-201', 'org', '201st Russian military base', [
    '201-я российская военная база',
    '201-й военной базы',
    '201-й базы',
    'пойгоҳи 201',
    'пойгоҳи низомии 201',
    'пойгоҳи ҳарбии 201',
    '201st base',
    '201st military base',
    '201-harbiy baza',
    '201-chi harbiy baza',
  ]),
  E('mintrud', 'org', 'Ministry of Labour', [
    'Минтруд',
    'Министерство труда',
    'Вазорати меҳнат',
    'Mehnat vazirligi',
    'Ministry of Labour',
    'Ministry of Labor',
    'وزارت کار',
  ]),
  E(
    'mvd',
    'org',
    'Ministry of Internal Affairs',
    [
      'Министерство внутренних дел',
      'Вазорати корҳои дохилӣ',
      'Ichki ishlar vazirligi',
      'Ministry of Internal Affairs',
      'Interior Ministry',
    ],
    ['МВД', 'ВКД', 'IIV'],
  ),
  E(
    'gknb',
    'org',
    'State Committee for National Security',
    [
      'Государственный комитет национальной безопасности',
      'Кумитаи давлатии амнияти миллӣ',
      'Milliy xavfsizlik davlat qoʻmitasi',
    ],
    ['ГКНБ', 'КДАМ', 'GKNB', 'DXX'],
  ),
  E('fsb', 'org', 'FSB', ['ФСБ', 'FSB', 'Федеральная служба безопасности', 'Хадамоти федералии амният']),
  E('rosgvardia', 'org', 'Rosgvardia', ['Росгвардия', 'Rosgvardiya', 'Rosgvardia']),
  E('hydromet', 'org', 'Hydrometeorology agency', [
    'Агентство по гидрометеорологии',
    'Агентии обуҳавошиносӣ',
    'Gidrometeorologiya agentligi',
    'hydrometeorology agency',
  ]),
  E('gazprom', 'org', 'Gazprom', ['Газпром', 'Gazprom']),
  E('barki-tojik', 'org', 'Barqi Tojik', ['Барки Таджик', 'Барқи тоҷик', 'Barqi Tojik', 'Barki Tojik']),
  E('rogun', 'place', 'Rogun', ['Рогун', 'Роғун', 'Rogun', 'Rog‘un', 'راغون']),
  E('nurek', 'place', 'Nurek', ['Нурек', 'Норак', 'Nurek', 'Norak', 'نورک']),
  // armed and extremist groups (named so links can be explained, never to profile people)
  E('taliban', 'group', 'Taliban', ['Талибан', 'талибы', 'Толибон', 'Tolibon', 'Taliban', 'طالبان']),
  E(
    'isk',
    'group',
    'Islamic State Khorasan Province',
    [
      'Исламское государство Хорасан',
      'Вилаят Хорасан',
      'Вилояти Хуросон',
      'Давлати Исломии Хуросон',
      'Islamic State Khorasan',
      'Islamic State – Khorasan',
      'Xuroson viloyati',
      'ولایت خراسان',
    ],
    ['ИГИЛ-К', 'ИГ-Х', 'ISIS-K', 'ISKP', 'IS-K', 'ДИИШ-Х', 'ИГИЛ'],
  ),
  E('al-azaim', 'group', 'Al-Azaim Foundation (IS-K media)', [
    'Аль-Азаим',
    'Ал-Азоим',
    'Al-Azaim',
    'Al-Azoim',
    'العزائم',
  ]),
  E('voice-of-khorasan', 'group', 'Voice of Khorasan (IS-K magazine)', [
    'Голос Хорасана',
    'Садои Хуросон',
    'Voice of Khorasan',
    'صدای خراسان',
  ]),
  E('hizb-tahrir', 'group', 'Hizb ut-Tahrir', [
    'Хизб ут-Тахрир',
    'Ҳизб-ут-Таҳрир',
    'Hizb ut-Tahrir',
    'Hizbut-Tahrir',
    'حزب التحریر',
  ]),
  E(
    'irpt',
    'group',
    'Islamic Renaissance Party of Tajikistan',
    ['Партия исламского возрождения', 'Ҳизби наҳзати исломӣ', 'Islamic Renaissance Party'],
    ['ПИВТ', 'ҲНИТ', 'IRPT'],
  ),
  E('group-24', 'group', 'Group 24', ['Группа 24', 'Гурӯҳи 24', 'Group 24']),
  E('wagner', 'group', 'Wagner', ['Вагнер', 'ЧВК Вагнер', 'Wagner']),
  E('crocus', 'event', 'Crocus City Hall attack', ['Крокус', 'Crocus', 'Krokus', 'کروکوس']),
  // countries
  E(
    'russia',
    'place',
    'Russia',
    [
      'Россия',
      'Российская Федерация',
      'Русия',
      'Федератсияи Русия',
      'Rossiya',
      'Russia',
      'Russian Federation',
      'روسیه',
    ],
    ['РФ'],
  ),
  E(
    'tajikistan',
    'place',
    'Tajikistan',
    ['Таджикистан', 'Тоҷикистон', 'Tojikiston', 'Tajikistan', 'تاجیکستان'],
    ['РТ', 'ҶТ'],
  ),
  E('uzbekistan', 'place', 'Uzbekistan', [
    'Узбекистан',
    'Ӯзбекистон',
    'Oʻzbekiston',
    'Ўзбекистон',
    'Uzbekistan',
    'ازبکستان',
  ]),
  E('kyrgyzstan', 'place', 'Kyrgyzstan', [
    'Кыргызстан',
    'Киргизия',
    'Қирғизистон',
    'Qirgʻiziston',
    'Kyrgyzstan',
    'قرقیزستان',
  ]),
  E('kazakhstan', 'place', 'Kazakhstan', [
    'Казахстан',
    'Қазоқистон',
    'Qozogʻiston',
    'Kazakhstan',
    'قزاقستان',
  ]),
  E('turkmenistan', 'place', 'Turkmenistan', [
    'Туркменистан',
    'Туркманистон',
    'Turkmaniston',
    'Turkmenistan',
  ]),
  E('afghanistan', 'place', 'Afghanistan', [
    'Афганистан',
    'Афғонистон',
    'Afgʻoniston',
    'Afghanistan',
    'افغانستان',
  ]),
  E('china', 'place', 'China', ['Китай', 'КНР', 'Чин', 'Хитой', 'Xitoy', 'China', 'چین'], ['Чин']),
  E('iran', 'place', 'Iran', ['Иран', 'Эрон', 'Eron', 'Iran', 'ایران']),
  E(
    'usa',
    'place',
    'United States',
    ['Соединённые Штаты', 'Америка', 'Амрико', 'Иёлоти Муттаҳида', 'Amerika', 'United States', 'آمریکا'],
    ['США', 'ИМА', 'AQSh', 'USA'],
  ),
  E('ukraine', 'place', 'Ukraine', ['Украина', 'Украин', 'Украина', 'Ukraina', 'Ukraine', 'اوکراین']),
  E('pakistan', 'place', 'Pakistan', ['Пакистан', 'Покистон', 'Pokiston', 'Pakistan', 'پاکستان']),
  E('turkey', 'place', 'Turkey', ['Турция', 'Туркия', 'Turkiya', 'Turkey', 'Türkiye', 'ترکیه']),
  // places in Tajikistan and the region (Russian and Tajik names differ beyond transliteration)
  E('dushanbe', 'place', 'Dushanbe', ['Душанбе', 'Dushanbe', 'دوشنبه']),
  E(
    'gbao',
    'place',
    'GBAO (Gorno-Badakhshan)',
    [
      'Горно-Бадахшанская автономная область',
      'Вилояти Мухтори Кӯҳистони Бадахшон',
      'Бадахшан',
      'Бадахшон',
      'Badakhshan',
      'Badaxshon',
      'Badakhshon',
      'بدخشان',
    ],
    ['ГБАО', 'ВМКБ', 'GBAO', 'TBAV'],
  ),
  E('pamir', 'place', 'Pamir', ['Памир', 'Помир', 'Pomir', 'Pamir', 'پامیر']),
  E('sughd', 'place', 'Sughd', ['Согд', 'Суғд', 'Sugʻd', 'Sughd', 'سغد']),
  E('khatlon', 'place', 'Khatlon', ['Хатлон', 'Khatlon', 'Xatlon', 'ختلان']),
  E('hisor', 'place', 'Hisor', ['Гиссар', 'Ҳисор', 'Hisor', 'Hissar', 'Gissar', 'حصار']),
  E('khujand', 'place', 'Khujand', ['Худжанд', 'Хуҷанд', 'Xoʻjand', 'Khujand', 'خجند']),
  E('kulob', 'place', 'Kulob', ['Куляб', 'Кӯлоб', 'Koʻlob', 'Kulob', 'Kulyab', 'کولاب']),
  E('khorog', 'place', 'Khorog', ['Хорог', 'Хоруғ', 'Xorugʻ', 'Khorog', 'Khorugh', 'خاروغ']),
  E('panjakent', 'place', 'Panjakent', ['Пенджикент', 'Панҷакент', 'Panjikent', 'Panjakent', 'پنجکنت']),
  E('murghob', 'place', 'Murghob', ['Мургаб', 'Мурғоб', 'Murgʻob', 'Murghob', 'Murgab', 'مرغاب']),
  E('konibodom', 'place', 'Konibodom', ['Канибадам', 'Конибодом', 'Konibodom', 'Kanibadam']),
  E('tursunzoda', 'place', 'Tursunzoda', ['Турсунзаде', 'Турсунзода', 'Tursunzoda', 'Tursunzade']),
  E('panj', 'place', 'Panj', ['Пяндж', 'Панҷ', 'Panj', 'Pyanj', 'پنج']),
  E('ishkoshim', 'place', 'Ishkoshim', ['Ишкашим', 'Ишкошим', 'Ishkoshim', 'Ishkashim']),
  E('darvoz', 'place', 'Darvoz', ['Дарваз', 'Дарвоз', 'Darvoz', 'Darvaz']),
  E('vahdat', 'place', 'Vahdat', ['Вахдат', 'Ваҳдат', 'Vahdat']),
  E('bokhtar', 'place', 'Bokhtar', ['Бохтар', 'Bokhtar', 'Bohtar', 'Boxtar']),
  E('istaravshan', 'place', 'Istaravshan', ['Истаравшан', 'Istaravshan']),
  E('isfara', 'place', 'Isfara', ['Исфара', 'Isfara']),
  E('rasht', 'place', 'Rasht', ['Рашт', 'Rasht']),
  E('danghara', 'place', 'Danghara', ['Дангара', 'Данғара', 'Dangʻara', 'Danghara']),
  E('tashkent', 'place', 'Tashkent', ['Ташкент', 'Тошканд', 'Тошкент', 'Toshkent', 'Tashkent', 'تاشکند']),
  E('samarkand', 'place', 'Samarkand', ['Самарканд', 'Самарқанд', 'Samarqand', 'Samarkand', 'سمرقند']),
  E('bukhara', 'place', 'Bukhara', ['Бухара', 'Бухоро', 'Buxoro', 'Bukhara', 'بخارا']),
  E('fergana', 'place', 'Fergana', ['Фергана', 'Фарғона', 'Fargʻona', 'Fergana', 'فرغانه']),
  E('bishkek', 'place', 'Bishkek', ['Бишкек', 'Bishkek']),
  E('kabul', 'place', 'Kabul', ['Кабул', 'Кобул', 'Kobul', 'Kabul', 'کابل']),
  E('moscow', 'place', 'Moscow', ['москв', 'Маскав', 'Moskva', 'Moscow', 'مسکو']),
  E('st-petersburg', 'place', 'St Petersburg', [
    'Санкт-Петербург',
    'Петербург',
    'Sankt-Peterburg',
    'St Petersburg',
    'Saint Petersburg',
    'سن‌پترزبورگ',
  ]),
  E('yekaterinburg', 'place', 'Yekaterinburg', ['Екатеринбург', 'Yekaterinburg', 'Ekaterinburg']),
  E('novosibirsk', 'place', 'Novosibirsk', ['Новосибирск', 'Novosibirsk']),
  E('kazan', 'place', 'Kazan', ['Казань', 'Казан', 'Казон', 'Qozon', 'Kazan']),
  E('beijing', 'place', 'Beijing', ['Пекин', 'Пекин', 'Pekin', 'Beijing', 'پکن']),
  E('washington', 'place', 'Washington', ['Вашингтон', 'Vashington', 'Washington', 'واشنگتن']),
  // office holders (public roles, for linking statements across languages)
  E('rahmon', 'actor', 'Emomali Rahmon', [
    'Эмомали Рахмон',
    'Эмомалӣ Раҳмон',
    'Рахмон',
    'Раҳмон',
    'Emomali Rahmon',
    'Rahmon',
    'امامعلی رحمان',
  ]),
  E('putin', 'actor', 'Vladimir Putin', ['Путин', 'Putin', 'پوتین']),
  E('mirziyoyev', 'actor', 'Shavkat Mirziyoyev', ['Мирзиёев', 'Mirziyoyev', 'Mirziyoev']),
  E('xi', 'actor', 'Xi Jinping', ['Си Цзиньпин', 'Си Ҷинпин', 'Si Szinpin', 'Xi Jinping']),
  E('lavrov', 'actor', 'Sergey Lavrov', ['Лавров', 'Lavrov']),
  // recurring subjects that translations name differently
  E('migrants', 'event', 'labour migrants', ['мигрант', 'муҳоҷир', 'migrant', 'muhojir', 'مهاجر']),
  E('patent', 'event', 'work patent', ['патент', 'patent']),
  E('navruz', 'event', 'Navruz', ['Навруз', 'Наврӯз', 'Navroʻz', 'Nowruz', 'Navruz', 'نوروز']),
  E('mehrgon', 'event', 'Mehrgon', ['Мехргон', 'Меҳргон', 'Mehrgon', 'مهرگان']),
  E('remittances', 'event', 'remittances', [
    'денежные переводы',
    'пулӣ интиқол',
    'pul oʻtkazma',
    'remittance',
  ]),
];

export interface EntityHit {
  id: string;
  /** offset of the matched word run in the folded token list */
  at: number;
}

interface Trie {
  /** entity ids ending a multi-word name here */
  ends?: string[];
  next?: Map<string, Trie>;
}

/** Longest suffix a one-word name may take (Russian, Tajik and Uzbek case endings). */
const MAX_SUFFIX = 4;

interface Compiled {
  /** first word of multi-word names → trie */
  multi: Map<string, Trie>;
  /** the same first words by their first three letters, for inflected first words */
  multiByPrefix: Map<string, Array<[string, Trie]>>;
  /** one-word names (prefix match with a short suffix) */
  single: Map<string, string[]>;
  /** whole-word names */
  exact: Map<string, string[]>;
  /** prefix lengths present among one-word names, longest first */
  lengths: number[];
}

let compiled: Compiled | undefined;

/** Words of a folded string: letters and digits, hyphen-joined parts split. */
export function foldedWords(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

function add(map: Map<string, string[]>, key: string, id: string): void {
  const l = map.get(key);
  if (!l) map.set(key, [id]);
  else if (!l.includes(id)) l.push(id);
}

function compile(): Compiled {
  const c: Compiled = {
    multi: new Map(),
    multiByPrefix: new Map(),
    single: new Map(),
    exact: new Map(),
    lengths: [],
  };
  const lens = new Set<number>();
  for (const e of GAZETTEER) {
    for (const name of e.exact ?? [])
      for (const w of [foldedWords(foldKey(name)).join('')]) add(c.exact, w, e.id);
    for (const name of e.names) {
      const words = foldedWords(foldKey(name));
      if (words.length === 0) continue;
      if (words.length === 1) {
        const w = words[0]!;
        // very short names would match too much as prefixes: whole word only
        if (w.length < 4) add(c.exact, w, e.id);
        else {
          add(c.single, w, e.id);
          lens.add(w.length);
        }
        continue;
      }
      let node = c.multi.get(words[0]!);
      if (!node) {
        node = {};
        c.multi.set(words[0]!, node);
      }
      for (const w of words.slice(1)) {
        node.next ??= new Map();
        let n = node.next.get(w);
        if (!n) {
          n = {};
          node.next.set(w, n);
        }
        node = n;
      }
      node.ends ??= [];
      if (!node.ends.includes(e.id)) node.ends.push(e.id);
    }
  }
  c.lengths = [...lens].sort((a, b) => b - a);
  for (const [k, t] of c.multi) {
    const p = k.slice(0, 3);
    const l = c.multiByPrefix.get(p) ?? [];
    l.push([k, t]);
    c.multiByPrefix.set(p, l);
  }
  return c;
}

/** Inner words of a multi-word name may inflect too: compare on a shared stem. */
function wordMatches(name: string, word: string): boolean {
  if (word === name) return true;
  const stem = Math.max(3, name.length - 2);
  return (
    word.length >= stem &&
    word.slice(0, stem) === name.slice(0, stem) &&
    word.length - name.length <= MAX_SUFFIX
  );
}

/**
 * Gazetteer entities named in a text, given as folded words (see foldedWords(foldKey(text))).
 * Each entity is reported once, at its first mention.
 * @example findEntities(foldedWords(foldKey('Саммит ОДКБ в Москве'))) // [{id:'csto',…},{id:'moscow',…}]
 */
export function findEntities(words: readonly string[]): EntityHit[] {
  compiled ??= compile();
  const c = compiled;
  const seen = new Set<string>();
  const hits: EntityHit[] = [];
  const hit = (id: string, at: number) => {
    if (seen.has(id)) return;
    seen.add(id);
    hits.push({ id, at });
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const ex = c.exact.get(w);
    if (ex) for (const id of ex) hit(id, i);
    // multi-word names: walk the trie while words keep matching (stems allowed)
    const root = findMulti(c, w);
    if (root) {
      let nodes: Trie[] = [root];
      for (let j = i + 1; j < words.length && nodes.length > 0; j++) {
        const nw = words[j]!;
        const nextNodes: Trie[] = [];
        for (const n of nodes) {
          if (!n.next) continue;
          for (const [k, child] of n.next) if (wordMatches(k, nw)) nextNodes.push(child);
        }
        for (const n of nextNodes) for (const id of n.ends ?? []) hit(id, i);
        nodes = nextNodes;
      }
    }
    for (const len of c.lengths) {
      if (len > w.length) continue;
      if (w.length - len > MAX_SUFFIX) break;
      const ids = c.single.get(w.slice(0, len));
      if (ids) for (const id of ids) hit(id, i);
    }
  }
  return hits;
}

function findMulti(c: Compiled, w: string): Trie | undefined {
  const direct = c.multi.get(w);
  if (direct) return direct;
  for (const [k, t] of c.multiByPrefix.get(w.slice(0, 3)) ?? [])
    if (k.length >= 4 && wordMatches(k, w)) return t;
  return undefined;
}

/** The entity record of an id. */
export function entityById(id: string): GazetteerEntity | undefined {
  return GAZETTEER.find((e) => e.id === id);
}
