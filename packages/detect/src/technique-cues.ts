/**
 * Lexical hints for persuasion techniques in English, Russian, Tajik and Uzbek (Latin). They are the
 * only technique signal for languages without labelled training data (Tajik, Uzbek) and a weak
 * extra signal elsewhere. Draft renderings: the Russian, Tajik and Uzbek phrases need native review.
 * Weights are deliberately low: a hint names a technique as worth a look, it does not prove it.
 *
 * Repetition is not here: it is computed from the text (the same content word three times or more
 * in one paragraph).
 */
import type { CueEntry } from './cues.ts';
import type { CueLang } from './taxonomy.ts';

type Lex = Partial<Record<CueLang, string[]>>;

/** [technique, weight, phrases by language] */
const LEXICON: readonly [string, number, Lex][] = [
  [
    'Doubt',
    0.45,
    {
      en: ['so-called', 'allegedly', 'supposedly', 'cannot be trusted', 'raises questions'],
      ru: ['так называемый', 'якобы', 'вызывает вопросы', 'нельзя доверять', 'сомнительно'],
      tg: ['ба истилоҳ', 'гӯё', 'бовар кардан мумкин нест', 'шубҳанок', 'савол ба миён меояд'],
      uz: ['atalmish', 'goʻyoki', 'ishonib boʻlmaydi', 'shubhali'],
    },
  ],
  [
    'Loaded_Language',
    0.4,
    {
      en: ['disgraceful', 'monstrous', 'barbaric', 'horrific', 'shameful', 'criminal regime'],
      ru: ['позорный', 'чудовищный', 'варварский', 'кошмар', 'беспредел', 'преступный режим'],
      tg: ['шармовар', 'даҳшатнок', 'ваҳшиёна', 'ҷинояткорона', 'разил'],
      uz: ['sharmandali', 'dahshatli', 'vahshiyona', 'jinoyatkorona'],
    },
  ],
  [
    'Name_Calling-Labeling',
    0.45,
    {
      en: ['traitors', 'puppets', 'fascists', 'nazis', 'thugs', 'bandits'],
      ru: ['предатели', 'марионетки', 'фашисты', 'нацисты', 'бандиты', 'отморозки', 'русофобы'],
      tg: ['хоинон', 'лӯхтакҳо', 'фашистон', 'роҳзанон', 'иғвогарон', 'муртадҳо'],
      uz: ['xoinlar', 'qoʻgʻirchoqlar', 'fashistlar', 'banditlar', 'provokatorlar'],
    },
  ],
  [
    'Appeal_to_Fear-Prejudice',
    0.45,
    {
      en: ['deadly threat', 'threat to our children', 'catastrophe', 'will destroy us'],
      ru: ['смертельная угроза', 'угрожает нашим детям', 'катастрофа', 'уничтожат нас'],
      tg: ['хатари марговар', 'ба фарзандони мо таҳдид', 'фалокат', 'моро нест мекунанд'],
      uz: ['oʻlim xavfi', 'farzandlarimizga tahdid', 'halokat', 'bizni yoʻq qiladi'],
    },
  ],
  [
    'Flag_Waving',
    0.4,
    {
      en: ['our nation', 'true patriots', 'for the motherland', 'our people'],
      ru: ['наш народ', 'настоящие патриоты', 'за Родину', 'великая Россия'],
      tg: ['миллати мо', 'ватандӯстони ҳақиқӣ', 'барои Ватан', 'халқи мо'],
      uz: ['xalqimiz', 'haqiqiy vatanparvarlar', 'Vatan uchun'],
    },
  ],
  [
    'Appeal_to_Authority',
    0.4,
    {
      en: ['experts say', 'according to experts', 'scientists have proven'],
      ru: ['эксперты считают', 'по мнению экспертов', 'учёные доказали'],
      tg: ['коршиносон мегӯянд', 'ба гуфтаи коршиносон', 'олимон исбот кардаанд'],
      uz: ['ekspertlar fikricha', 'olimlar isbotlagan'],
    },
  ],
  [
    'Appeal_to_Popularity',
    0.45,
    {
      en: ['everyone knows', 'everybody knows', 'the whole world knows', 'millions of people'],
      ru: ['все знают', 'всем известно', 'весь мир знает', 'миллионы людей'],
      tg: ['ҳама медонанд', 'ба ҳама маълум аст', 'тамоми ҷаҳон медонад'],
      uz: ['hamma biladi', 'hammaga maʼlum', 'butun dunyo biladi'],
    },
  ],
  [
    'Appeal_to_Values',
    0.35,
    {
      en: ['traditional values', 'sacred duty', 'our faith'],
      ru: ['традиционные ценности', 'духовные ценности', 'священный долг'],
      tg: ['арзишҳои суннатӣ', 'арзишҳои маънавӣ', 'вазифаи муқаддас'],
      uz: ['anʼanaviy qadriyatlar', 'maʼnaviy qadriyatlar', 'muqaddas burch'],
    },
  ],
  [
    'Causal_Oversimplification',
    0.45,
    {
      en: ['all because of', 'the only reason', 'the root of all evil'],
      ru: ['всё из-за', 'единственная причина', 'корень всех бед'],
      tg: ['ҳамааш аз сабаби', 'сабаби ягона', 'решаи ҳамаи бадбахтиҳо'],
      uz: ['yagona sabab', 'barcha balolarning ildizi'],
    },
  ],
  [
    'False_Dilemma-No_Choice',
    0.5,
    {
      en: ['there is no other way', 'no alternative', 'either you are with us'],
      ru: ['другого пути нет', 'нет альтернативы', 'либо с нами'],
      tg: ['роҳи дигаре нест', 'алтернатива нест', 'ё бо мо'],
      uz: ['boshqa yoʻl yoʻq', 'muqobili yoʻq'],
    },
  ],
  [
    'Consequential_Oversimplification',
    0.45,
    {
      en: ['will inevitably lead to', 'this is only the beginning'],
      ru: ['неизбежно приведёт', 'это только начало'],
      tg: ['ногузир оварда мерасонад', 'ин танҳо оғоз аст'],
      uz: ['muqarrar ravishda olib keladi', 'bu faqat boshlanishi'],
    },
  ],
  [
    'Straw_Man',
    0.4,
    {
      en: ['they want us to believe', 'by their logic'],
      ru: ['хотят, чтобы мы поверили', 'по их логике'],
      tg: ['мехоҳанд, ки мо бовар кунем', 'бо мантиқи онҳо'],
      uz: ['ularning mantigʻiga koʻra'],
    },
  ],
  [
    'Whataboutism',
    0.5,
    {
      en: ['what about', 'and what about'],
      ru: ['а как же', 'а что насчёт', 'а у них'],
      tg: ['худашон чӣ', 'пас дар бораи'],
      uz: ['oʻzlarichi'],
    },
  ],
  [
    'Appeal_to_Hypocrisy',
    0.5,
    {
      en: ['double standards', 'hypocrites', 'hypocrisy'],
      ru: ['двойные стандарты', 'лицемеры', 'лицемерие'],
      tg: ['стандартҳои дугона', 'дурӯягӣ', 'дурӯяҳо'],
      uz: ['ikki xil standart', 'ikkiyuzlamachilik', 'munofiqlar'],
    },
  ],
  [
    'Guilt_by_Association',
    0.4,
    {
      en: ['just like the nazis', 'like hitler', 'accomplices'],
      ru: ['как нацисты', 'как Гитлер', 'пособники'],
      tg: ['мисли фашистон', 'ҳамдастони'],
      uz: ['fashistlar kabi', 'sheriklari'],
    },
  ],
  [
    'Questioning_the_Reputation',
    0.35,
    {
      en: ['liar', 'corrupt', 'incompetent', 'disgraced'],
      ru: ['лжец', 'коррумпированный', 'некомпетентный', 'опозорился'],
      tg: ['дурӯғгӯй', 'фасодзада', 'ноуҳдабаро'],
      uz: ['yolgʻonchi', 'korrupsioner', 'layoqatsiz'],
    },
  ],
  [
    'Slogans',
    0.45,
    {
      en: ['glory to', 'down with', 'long live'],
      ru: ['слава', 'долой', 'да здравствует'],
      tg: ['зинда бод', 'марг бар', 'нест бод', 'шараф бар'],
      uz: ['yashasin', 'yoʻqolsin', 'shon-sharaf'],
    },
  ],
  [
    'Conversation_Killer',
    0.45,
    {
      en: ['end of story', 'enough said', 'nothing to discuss'],
      ru: ['и точка', 'вот и всё', 'не о чем спорить', 'без комментариев'],
      tg: ['ва тамом', 'баҳс лозим нест', 'гап тамом'],
      uz: ['vassalom', 'gap tamom'],
    },
  ],
  [
    'Appeal_to_Time',
    0.5,
    {
      en: ['now or never', 'the time has come', 'before it is too late', 'act now'],
      ru: ['сейчас или никогда', 'время пришло', 'пока не поздно', 'медлить нельзя'],
      tg: ['ҳозир ё ҳеҷ гоҳ', 'вақти он расидааст', 'то дер нашудааст'],
      uz: ['hozir yoki hech qachon', 'vaqt keldi', 'kech boʻlmasdan'],
    },
  ],
  [
    'Exaggeration-Minimisation',
    0.3,
    {
      en: ['the worst ever', 'absolutely everyone', 'nothing but', 'never before'],
      ru: ['самый худший', 'абсолютно все', 'колоссальный', 'ничтожный'],
      tg: ['бадтарин', 'комилан ҳама', 'бузургтарин', 'ночиз'],
      uz: ['eng yomon', 'mutlaqo hamma', 'arzimas'],
    },
  ],
];

/** The technique hints as matcher entries (one cue id per phrase). */
export function techniqueCueEntries(): CueEntry[] {
  const out: CueEntry[] = [];
  for (const [id, weight, lex] of LEXICON) {
    let cue = 0;
    for (const [lang, phrases] of Object.entries(lex) as [CueLang, string[]][])
      for (const text of phrases)
        out.push({ target: { kind: 'technique', id }, cue: cue++, lang, text, weight });
  }
  return out;
}
