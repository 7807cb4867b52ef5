/**
 * Slot values shared by the templates. Places are real geography; every person, club and outlet is
 * invented. Each entry carries its forms per language (`ru.in` = "в …" phrase, `ru.gen` = genitive).
 */
import type { Rng } from '../rng.ts';
import type { Ent } from './types.ts';

type Forms = { readonly [form: string]: string };

function place(
  tg: string,
  ru: string,
  ruIn: string,
  ruGen: string,
  en: string,
  uz: string,
  fa: string,
  region: 'sughd' | 'khatlon' | 'gbao' | 'rrp' | 'capital',
): Forms & { region: string } {
  return { tg, ru, 'ru.in': ruIn, 'ru.gen': ruGen, en, uz, fa, region };
}

export const PLACES = [
  place('Душанбе', 'Душанбе', 'в Душанбе', 'Душанбе', 'Dushanbe', 'Dushanbe', 'دوشنبه', 'capital'),
  place('Хуҷанд', 'Худжанд', 'в Худжанде', 'Худжанда', 'Khujand', 'Xoʻjand', 'خجند', 'sughd'),
  place('Бохтар', 'Бохтар', 'в Бохтаре', 'Бохтара', 'Bokhtar', 'Bohtar', 'بختر', 'khatlon'),
  place('Кӯлоб', 'Куляб', 'в Кулябе', 'Куляба', 'Kulob', 'Koʻlob', 'کولاب', 'khatlon'),
  place('Хоруғ', 'Хорог', 'в Хороге', 'Хорога', 'Khorog', 'Xorugʻ', 'خاروغ', 'gbao'),
  place(
    'Истаравшан',
    'Истаравшан',
    'в Истаравшане',
    'Истаравшана',
    'Istaravshan',
    'Istaravshan',
    'استروشن',
    'sughd',
  ),
  place(
    'Панҷакент',
    'Пенджикент',
    'в Пенджикенте',
    'Пенджикента',
    'Panjakent',
    'Panjikent',
    'پنجکنت',
    'sughd',
  ),
  place('Исфара', 'Исфара', 'в Исфаре', 'Исфары', 'Isfara', 'Isfara', 'اسفره', 'sughd'),
  place('Ваҳдат', 'Вахдат', 'в Вахдате', 'Вахдата', 'Vahdat', 'Vahdat', 'وحدت', 'rrp'),
  place(
    'Турсунзода',
    'Турсунзаде',
    'в Турсунзаде',
    'Турсунзаде',
    'Tursunzoda',
    'Tursunzoda',
    'تورسونزاده',
    'rrp',
  ),
  place('Ҳисор', 'Гиссар', 'в Гиссаре', 'Гиссара', 'Hisor', 'Hisor', 'حصار', 'rrp'),
  place('Рашт', 'Рашт', 'в Раште', 'Рашта', 'Rasht', 'Rasht', 'رشت', 'rrp'),
  place('Мурғоб', 'Мургаб', 'в Мургабе', 'Мургаба', 'Murghob', 'Murgʻob', 'مرغاب', 'gbao'),
  place('Данғара', 'Дангара', 'в Дангаре', 'Дангары', 'Danghara', 'Dangʻara', 'دنغره', 'khatlon'),
  place('Норак', 'Нурек', 'в Нуреке', 'Нурека', 'Norak', 'Norak', 'نورک', 'khatlon'),
  place(
    'Конибодом',
    'Канибадам',
    'в Канибадаме',
    'Канибадама',
    'Konibodom',
    'Konibodom',
    'کانبادام',
    'sughd',
  ),
] as const;

export const GBAO_PLACES = PLACES.filter((p) => p.region === 'gbao');

/** Russian cities where Tajik migrants live and work. */
export const RU_CITIES: readonly Forms[] = [
  {
    tg: 'Маскав',
    ru: 'Москва',
    'ru.in': 'в Москве',
    'ru.gen': 'Москвы',
    en: 'Moscow',
    uz: 'Moskva',
    fa: 'مسکو',
  },
  {
    tg: 'Екатеринбург',
    ru: 'Екатеринбург',
    'ru.in': 'в Екатеринбурге',
    'ru.gen': 'Екатеринбурга',
    en: 'Yekaterinburg',
    uz: 'Yekaterinburg',
    fa: 'یکاترینبورگ',
  },
  {
    tg: 'Новосибирск',
    ru: 'Новосибирск',
    'ru.in': 'в Новосибирске',
    'ru.gen': 'Новосибирска',
    en: 'Novosibirsk',
    uz: 'Novosibirsk',
    fa: 'نووسیبیرسک',
  },
  {
    tg: 'Санкт-Петербург',
    ru: 'Санкт-Петербург',
    'ru.in': 'в Санкт-Петербурге',
    'ru.gen': 'Санкт-Петербурга',
    en: 'St Petersburg',
    uz: 'Sankt-Peterburg',
    fa: 'سن‌پترزبورگ',
  },
  {
    tg: 'Казон',
    ru: 'Казань',
    'ru.in': 'в Казани',
    'ru.gen': 'Казани',
    en: 'Kazan',
    uz: 'Qozon',
    fa: 'قازان',
  },
  {
    tg: 'Самара',
    ru: 'Самара',
    'ru.in': 'в Самаре',
    'ru.gen': 'Самары',
    en: 'Samara',
    uz: 'Samara',
    fa: 'سامارا',
  },
];

/** `g` is grammatical gender, for templates that need a gendered Russian past-tense verb. */
function person(tg: string, ru: string, en: string, uz: string, fa: string, g: 'm' | 'f' = 'm'): Forms {
  return { tg, ru, en, uz, fa, g };
}

/** Invented Tajik officials, teachers, doctors and residents. */
export const TJ_PEOPLE: readonly Forms[] = [
  person('Фаррух Раҳимзода', 'Фаррух Рахимзода', 'Farrukh Rahimzoda', 'Farrux Rahimzoda', 'فرخ رحیم‌زاده'),
  person('Дилшод Саидзода', 'Дилшод Саидзода', 'Dilshod Saidzoda', 'Dilshod Saidzoda', 'دلشاد سعیدزاده'),
  person('Манучеҳр Бобоев', 'Манучехр Бобоев', 'Manuchehr Boboev', 'Manuchehr Boboyev', 'منوچهر بابایف'),
  person('Нигина Азимова', 'Нигина Азимова', 'Nigina Azimova', 'Nigina Azimova', 'نگینه عظیموا', 'f'),
  person('Рустам Ғоибов', 'Рустам Гоибов', 'Rustam Ghoibov', 'Rustam Gʻoibov', 'رستم غائبوف'),
  person(
    'Сиёвуш Камолзода',
    'Сиёвуш Камолзода',
    'Siyovush Kamolzoda',
    'Siyovush Kamolzoda',
    'سیاوش کمال‌زاده',
  ),
  person('Парвиз Шарифзода', 'Парвиз Шарифзода', 'Parviz Sharifzoda', 'Parviz Sharifzoda', 'پرویز شریف‌زاده'),
  person('Мадина Юсуфӣ', 'Мадина Юсуфи', 'Madina Yusufi', 'Madina Yusufiy', 'مدینه یوسفی', 'f'),
  person('Зарина Назарова', 'Зарина Назарова', 'Zarina Nazarova', 'Zarina Nazarova', 'زرینه نظروا', 'f'),
  person('Ҷамшед Ҳасанов', 'Джамшед Хасанов', 'Jamshed Hasanov', 'Jamshid Hasanov', 'جمشید حسنوف'),
  person(
    'Шаҳноза Қодирова',
    'Шахноза Кодирова',
    'Shahnoza Qodirova',
    'Shahnoza Qodirova',
    'شهنوزه قادروا',
    'f',
  ),
  person(
    'Бахтиёр Назаршоев',
    'Бахтиёр Назаршоев',
    'Bakhtiyor Nazarshoev',
    'Baxtiyor Nazarshoyev',
    'بختیار نظرشایف',
  ),
];

/** Invented Pamiri names (GBAO stories). */
export const PAMIRI_PEOPLE: readonly Forms[] = [
  person(
    'Давлатшо Мамадназаров',
    'Давлатшо Мамадназаров',
    'Davlatsho Mamadnazarov',
    'Davlatsho Mamadnazarov',
    'دولتشاه محمدنظروف',
  ),
  person(
    'Гулнора Шоҳбекова',
    'Гулнора Шохбекова',
    'Gulnora Shohbekova',
    'Gulnora Shohbekova',
    'گلنوره شاه‌بیکوا',
    'f',
  ),
  person('Алибек Худоёров', 'Алибек Худоёров', 'Alibek Khudoyorov', 'Alibek Xudoyorov', 'علی‌بیک خدایاروف'),
];

/** Invented Russian commentators ("experts") for state-media style items. */
export const RU_EXPERTS: readonly Forms[] = [
  {
    ...person('Глеб Ордынсев', 'Глеб Ордынцев', 'Gleb Ordyntsev', 'Gleb Ordinsev', 'گلب اردینتسف'),
    'ru.gen': 'Глеба Ордынцева',
  },
  {
    ...person(
      'Ростислав Кужелев',
      'Ростислав Кужелев',
      'Rostislav Kuzhelev',
      'Rostislav Kujelev',
      'روستیسلاو کوژلف',
    ),
    'ru.gen': 'Ростислава Кужелева',
  },
  {
    ...person('Савва Тумаркин', 'Савва Тумаркин', 'Savva Tumarkin', 'Savva Tumarkin', 'ساوا تومارکین'),
    'ru.gen': 'Саввы Тумаркина',
  },
  {
    ...person('Аркадий Веденёв', 'Аркадий Веденёв', 'Arkady Vedenyov', 'Arkadiy Vedenyov', 'آرکادی ودنیوف'),
    'ru.gen': 'Аркадия Веденёва',
  },
];

/** Places on or near the Tajik–Afghan border. */
export const BORDER_PLACES: readonly Forms[] = [
  { tg: 'Панҷ', ru: 'Пяндж', 'ru.in': 'в Пяндже', 'ru.gen': 'Пянджа', en: 'Panj', uz: 'Panj', fa: 'پنج' },
  {
    tg: 'Ишкошим',
    ru: 'Ишкашим',
    'ru.in': 'в Ишкашиме',
    'ru.gen': 'Ишкашима',
    en: 'Ishkoshim',
    uz: 'Ishkoshim',
    fa: 'اشکاشم',
  },
  {
    tg: 'Дарвоз',
    ru: 'Дарваз',
    'ru.in': 'в Дарвазе',
    'ru.gen': 'Дарваза',
    en: 'Darvoz',
    uz: 'Darvoz',
    fa: 'درواز',
  },
  {
    tg: 'Шамсиддини Шоҳин',
    ru: 'Шамсиддин Шохин',
    'ru.in': 'в Шамсиддин Шохине',
    'ru.gen': 'Шамсиддин Шохина',
    en: 'Shamsiddin Shohin',
    uz: 'Shamsiddin Shohin',
    fa: 'شمس‌الدین شاهین',
  },
  {
    tg: 'Хоруғ',
    ru: 'Хорог',
    'ru.in': 'в Хороге',
    'ru.gen': 'Хорога',
    en: 'Khorog',
    uz: 'Xorugʻ',
    fa: 'خاروغ',
  },
];

/** Invented football clubs. */
export const CLUBS: readonly Forms[] = [
  { tg: '«Шоҳин»', ru: '«Шохин»', en: 'Shohin', uz: '“Shohin”' },
  { tg: '«Кӯҳистон»', ru: '«Кухистон»', en: 'Kuhiston', uz: '“Koʻhiston”' },
  { tg: '«Ситораи Суғд»', ru: '«Ситораи Сугд»', en: 'Sitorai Sughd', uz: '“Sitorai Sugʻd”' },
  { tg: '«Сомон-Сити»', ru: '«Сомон-Сити»', en: 'Somon City', uz: '“Somon-Siti”' },
  { tg: '«Зарафшон-Ориён»', ru: '«Зарафшон-Орион»', en: 'Zarafshon-Oriyon', uz: '“Zarafshon-Oriyon”' },
  { tg: '«Вахш-Нур»', ru: '«Вахш-Нур»', en: 'Vakhsh-Nur', uz: '“Vaxsh-Nur”' },
];

const MONTHS: Record<string, readonly string[]> = {
  tg: [
    'январ',
    'феврал',
    'март',
    'апрел',
    'май',
    'июн',
    'июл',
    'август',
    'сентябр',
    'октябр',
    'ноябр',
    'декабр',
  ],
  ru: [
    'января',
    'февраля',
    'марта',
    'апреля',
    'мая',
    'июня',
    'июля',
    'августа',
    'сентября',
    'октября',
    'ноября',
    'декабря',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  uz: [
    'yanvar',
    'fevral',
    'mart',
    'aprel',
    'may',
    'iyun',
    'iyul',
    'avgust',
    'sentabr',
    'oktabr',
    'noyabr',
    'dekabr',
  ],
  fa: [
    'ژانویه',
    'فوریه',
    'مارس',
    'آوریل',
    'مه',
    'ژوئن',
    'ژوئیه',
    'اوت',
    'سپتامبر',
    'اکتبر',
    'نوامبر',
    'دسامبر',
  ],
};

/** A calendar date (UTC+5, Dushanbe) in every language: "12 ноябр", "12 ноября", "12 November", "12-noyabr". */
export function dateEnt(ms: number): Ent {
  const d = new Date(ms + 5 * 3600_000);
  const day = d.getUTCDate();
  const m = d.getUTCMonth();
  const faDay = String(day).replace(/[0-9]/g, (x) => '۰۱۲۳۴۵۶۷۸۹'[Number(x)] as string);
  return {
    tg: `${day} ${MONTHS.tg?.[m]}`,
    ru: `${day} ${MONTHS.ru?.[m]}`,
    en: `${day} ${MONTHS.en?.[m]}`,
    uz: `${day}-${MONTHS.uz?.[m]}`,
    fa: `${faDay} ${MONTHS.fa?.[m]}`,
  };
}

/** A decimal with one digit, written per language ("3,5" / "3.5" / "۳٫۵"). */
export function dec(x: number): Ent {
  const s = x.toFixed(1);
  const comma = s.replace('.', ',');
  return {
    tg: comma,
    ru: comma,
    en: s,
    uz: comma,
    fa: s.replace('.', '٫').replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)] as string),
  };
}

/** Russian noun agreement with a number: 1 день, 2 дня, 5 дней. */
export function ruPlural(n: number, one: string, few: string, many: string): string {
  const a = Math.abs(n) % 100;
  const b = a % 10;
  if (a > 10 && a < 20) return many;
  if (b === 1) return one;
  if (b >= 2 && b <= 4) return few;
  return many;
}

/** English plural. */
export function enPlural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

export function pickPlace(r: Rng): Forms {
  return r.pick(PLACES);
}
export function pickPerson(r: Rng): Forms {
  return r.pick(TJ_PEOPLE);
}
export const TJ_MEN = TJ_PEOPLE.filter((p) => p.g === 'm');
export const TJ_WOMEN = TJ_PEOPLE.filter((p) => p.g === 'f');

/** Russian past-tense verb agreeing with a person ("сообщил" / "сообщила"), as a fact. */
export function ruVerb(p: Forms, masc: string, fem: string): Ent {
  return { ru: p.g === 'f' ? fem : masc };
}
