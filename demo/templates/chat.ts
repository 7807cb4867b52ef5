/**
 * Everyday lines for the migrants' group chat: questions, answers, greetings, small talk. They are
 * written in standard Tajik orthography (the generator folds most of them, as people type them on
 * a Russian layout) and in Russian; a few mix both, as real chats do.
 */
import type { Rng } from '../rng.ts';
import { PLACES, RU_CITIES } from './slots.ts';
import type { Facts } from './types.ts';

export interface ChatLine {
  tg?: string;
  ru?: string;
  /** Tajik and Russian mixed in one message (labelled tg) */
  mixed?: string;
}

export const CHAT_QUESTIONS: readonly ChatLine[] = [
  {
    tg: 'Бародарон, кӣ медонад патентро дар {city} чанд рӯз тайёр мекунанд?',
    ru: 'Ребята, кто знает, сколько дней делают патент в {city.in}?',
  },
  { tg: 'Имрӯз 1000 рубл чанд сомонӣ шуд?', ru: 'Какой сегодня курс, сколько сомони за 1000 рублей?' },
  {
    tg: 'Кӣ пагоҳ ба {place} меравад? Як бастаи хурд ба модарам фиристодан лозим.',
    ru: 'Кто завтра едет в {place}? Надо передать маленькую посылку маме.',
  },
  {
    tg: 'Дар {city} кори сохтмонӣ ҳаст? Ман гаҷкор ҳастам.',
    ru: 'В {city.in} есть работа на стройке? Я штукатур.',
  },
  { mixed: 'Салом ҳамагӣ, кто-нибудь знает адрес миграционного центра дар {city}?' },
  {
    tg: 'Чиптаи самолёт ба Душанбе ҳоло чанд пул аст?',
    ru: 'Сколько сейчас стоит билет на самолёт до Душанбе?',
  },
  { mixed: 'Бародарон, мне срочно нужен переводчик барои суд, кӣ метавонад?' },
  { tg: 'Кӣ медонад, бонкҳо дар рӯзи шанбе кор мекунанд?', ru: 'Банки в субботу работают, кто знает?' },
];

export const CHAT_ANSWERS: readonly ChatLine[] = [
  { tg: 'Одатан 10 рӯз, агар ҳуҷҷатҳо пурра бошанд.', ru: 'Обычно дней 10, если все документы на месте.' },
  { tg: 'Дирӯз {rate} буд, имрӯз каме паст шуд.', ru: 'Вчера было {rate}, сегодня чуть ниже.' },
  { tg: 'Ман ҷумъа меравам, ба ман навис.', ru: 'Я в пятницу еду, пиши.' },
  { tg: 'Раҳмат, бародар!', ru: 'Спасибо, брат!' },
  { mixed: 'Там в очереди с утра ист, барвақт рав.' },
  {
    tg: 'Ба маркази машваратӣ занг зан, онҳо ройгон маслиҳат медиҳанд.',
    ru: 'Позвони в консультационный центр, там бесплатно подскажут.',
  },
  { tg: 'Ҳа, то соати 14 кор мекунанд.', ru: 'Да, до 14 часов работают.' },
];

export const CHAT_SMALLTALK: readonly ChatLine[] = [
  { tg: 'Ҷумъаатон муборак, бародарон!', ru: 'С пятницей, братья!' },
  { tg: 'Дар {place} борон меборад, модарам гуфт.', ru: 'Мама говорит, в {place.in} дождь идёт.' },
  { tg: 'Имрӯз «Шоҳин» бурд, табрик!', ru: '«Шохин» сегодня выиграл, поздравляю!' },
  {
    tg: 'Ба ҳамаи ҳамватанон дар {city} сабру тоқат, зимистон наздик аст.',
    ru: 'Всем землякам в {city.in} терпения, зима близко.',
  },
  { mixed: 'Сегодня ош пухтем в общежитии, биёед!' },
  { tg: 'Писарам имрӯз ба мактаб рафт, хурсандам.', ru: 'Сын сегодня пошёл в школу, радуюсь.' },
];

/** Short comments a user adds when sharing a link (the coordinated bursts vary only these). */
export const SHARE_COMMENTS: readonly ChatLine[] = [
  { tg: 'Ҳама бояд хонанд!', ru: 'Все должны прочитать!' },
  { tg: 'Мана ҳақиқат.', ru: 'Вот она, правда.' },
  { tg: 'Хонед ва фикр кунед.', ru: 'Читайте и думайте.' },
  { ru: 'Обязательно к прочтению.' },
  { tg: 'Паҳн кунед!', ru: 'Распространите!' },
];

export function chatFacts(r: Rng): Facts {
  return { city: r.pick(RU_CITIES), place: r.pick(PLACES), rate: `${r.int(112, 124)},${r.int(0, 9)}` };
}
