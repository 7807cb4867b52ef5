/**
 * Counter-message review: flags wording in a draft that stigmatises or generalises about an ethnic,
 * religious or regional group ("all Pamiris …", "Muslims are …", "migrants always …", a beard or a
 * hijab equated with terrorism, a region called a hotbed). The founding analysis warns that
 * counter-messaging which marginalises communities confirms what recruiters say and feeds
 * recruitment; a reviewer needs the span, the reason and a better wording in seconds.
 *
 * Rules work on tokens of one sentence, matched on keyboard-folded forms (so Tajik typed on a Russian
 * layout and inflected Russian forms meet the same entries):
 * - predication: a group word followed within a few words by a stigmatising word, with no negation
 *   and no word that makes the group the victim or the opponent of the stigma in between;
 * - appearance: a piety marker (beard, hijab) and a stigmatising word close together with an
 *   equating word or a quantifier;
 * - habitual: a group word next to "always" or "never".
 * Religious, ethnic or regional words on their own are never flagged.
 */
import { identify, sentences, type Token, tokenize } from '@ogoh/text';
import {
  DISTANCING,
  EQUATING,
  GROUPS,
  type GroupType,
  HABITUAL,
  NEGATIONS,
  OBJECT_MARKERS,
  QUANTIFIERS,
  STIGMA,
} from './lexicon.ts';

export type ReviewLang = 'en' | 'ru' | 'tg';
export type FindingKind = 'stigmatising' | 'generalising';
export type FindingRule = 'predication' | 'appearance' | 'habitual';

export interface ReviewFinding {
  kind: FindingKind;
  rule: FindingRule;
  group: { type: GroupType; text: string; start: number; end: number };
  /** the stigmatising or generalising word that completes the pattern */
  trigger: { text: string; start: number; end: number };
  /** UTF-16 span of the whole problem wording in the draft */
  start: number;
  end: number;
  text: string;
  /** why this wording is a problem, in the review language */
  why: string;
  /** how to say it instead, in the review language */
  suggestions: string[];
  /** the sentence with the group wording replaced by a placeholder to fill with the people meant */
  rewrite: string;
}

export interface ReviewResult {
  /** true when nothing was flagged */
  ok: boolean;
  /** language of the draft */
  lang: string;
  /** language of the explanations */
  explainLang: ReviewLang;
  findings: ReviewFinding[];
  /** the rule set's version: changes whenever the word lists or rules change */
  version: string;
}

export const REVIEW_VERSION = '2026.11.1';

/** Largest gap (in tokens) between a group word and the stigmatising word it is said to be. */
const PREDICATION_WINDOW = 6;
const APPEARANCE_WINDOW = 8;

interface Entry {
  words: { prefix: boolean; key: string }[];
}

function compile(list: readonly string[]): Entry[] {
  return list.map((s) => ({
    words: s.split(/\s+/).map((w) => {
      const prefix = w.endsWith('*');
      return { prefix, key: key(prefix ? w.slice(0, -1) : w) };
    }),
  }));
}

/** Folded lower-case key with ё→е and typographic apostrophes unified. */
function key(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[ʻʼ‘’`]/g, "'")
    .replace(/[ҳ]/g, 'х')
    .replace(/[ҷ]/g, 'ч')
    .replace(/[қ]/g, 'к')
    .replace(/[ғ]/g, 'г')
    .replace(/[ӣ]/g, 'и')
    .replace(/[ӯў]/g, 'у');
}

/** Length (in tokens) of the entry matching at token i, or 0. */
function matchAt(entries: readonly Entry[], keys: readonly string[], i: number): number {
  let best = 0;
  for (const e of entries) {
    if (i + e.words.length > keys.length || e.words.length <= best) continue;
    let ok = true;
    for (let k = 0; k < e.words.length && ok; k++) {
      const w = e.words[k]!;
      const t = keys[i + k]!;
      ok = w.prefix ? t.startsWith(w.key) && t.length >= w.key.length : t === w.key;
    }
    if (ok) best = e.words.length;
  }
  return best;
}

const C = {
  groups: Object.entries(GROUPS).map(([type, list]) => ({ type: type as GroupType, entries: compile(list) })),
  quant: compile(QUANTIFIERS),
  habitual: compile(HABITUAL),
  stigma: compile(STIGMA),
  distancing: compile(DISTANCING),
  distancingVerb: compile(
    DISTANCING.filter((w) => !OBJECT_MARKERS.includes(w) && !['from', 'by', 'qarshi', 'ото'].includes(w)),
  ),
  negation: compile(NEGATIONS),
  equating: compile(EQUATING),
  object: compile(OBJECT_MARKERS),
};

interface Hit {
  from: number;
  to: number;
}

interface GroupHit extends Hit {
  type: GroupType;
}

const WORDS: Record<
  ReviewLang,
  {
    why: Record<FindingRule, (group: string, trigger: string) => string>;
    suggestions: Record<FindingRule, (group: string) => string[]>;
  }
> = {
  en: {
    why: {
      predication: (g, t) =>
        `“${g}” is tied to “${t}”: the whole group is blamed for what some individuals did. Collective blame is what recruiters point to as proof that the state and society see the group as enemies; the founding analysis warns that such counter-messaging feeds recruitment.`,
      appearance: (g, t) =>
        `“${g}” (how people dress or look) is equated with “${t}”. This makes ordinary believers suspects and hands recruiters the humiliation they exploit.`,
      habitual: (g, t) =>
        `“${t}” turns “${g}” into a statement about every member of the group. Generalisations alienate the very audience a counter-message must reach.`,
    },
    suggestions: {
      predication: (g) => [
        `Name the people or the act, not the group: “the men convicted of …”, “the cell that …”, instead of “${g}”.`,
        'Say what the evidence shows (court, investigation, date) and drop “all”, “always”, “these people”.',
        'Make clear that ordinary members of the group are part of “us”, and answer the grievance the recruiters exploit.',
      ],
      appearance: (g) => [
        `Describe acts, not clothing or beards: “people who plan violence” instead of “${g}”.`,
        'Religious dress and practice are lawful and ordinary; say so if the message is about extremism.',
      ],
      habitual: (g) => [
        `Replace “always”/“never” with what is known: “some”, “in this case”, with a source — not “${g}” as a whole.`,
        'If a pattern is real, give the figure and its source instead of a sweeping word.',
      ],
    },
  },
  ru: {
    why: {
      predication: (g, t) =>
        `«${g}» связано с «${t}»: целую группу обвиняют в том, что сделали отдельные люди. Коллективную вину вербовщики приводят как доказательство того, что государство и общество видят в группе врагов; исходный анализ предупреждает, что такие контрпослания подпитывают вербовку.`,
      appearance: (g, t) =>
        `«${g}» (одежда или внешность) приравнивается к «${t}». Так обычные верующие становятся подозреваемыми, а вербовщики получают унижение, на котором играют.`,
      habitual: (g, t) =>
        `«${t}» превращает «${g}» в утверждение о каждом члене группы. Обобщения отталкивают ту самую аудиторию, до которой должно дойти контрпослание.`,
    },
    suggestions: {
      predication: (g) => [
        `Называйте людей или деяние, а не группу: «осуждённые за …», «ячейка, которая …» вместо «${g}».`,
        'Скажите, что показывают доказательства (суд, расследование, дата), и уберите «все», «всегда», «эти люди».',
        'Покажите, что обычные члены группы — часть «нас», и ответьте на обиду, которой пользуются вербовщики.',
      ],
      appearance: (g) => [
        `Описывайте поступки, а не одежду или бороды: «люди, готовящие насилие» вместо «${g}».`,
        'Религиозная одежда и практика законны и обычны; скажите это, если речь об экстремизме.',
      ],
      habitual: (g) => [
        `Замените «всегда»/«никогда» тем, что известно: «некоторые», «в этом случае», со ссылкой на источник, — а не «${g}» целиком.`,
        'Если закономерность реальна, приведите цифру и источник вместо обобщающего слова.',
      ],
    },
  },
  tg: {
    why: {
      predication: (g, t) =>
        `«${g}» бо «${t}» пайваст шудааст: тамоми гурӯҳро барои кори чанд нафар айбдор мекунанд. Ҷалбкунандагон гуноҳи дастаҷамъиро ҳамчун далел меоранд, ки давлат ва ҷомеа гурӯҳро душман мебинанд; таҳлили асосӣ ҳушдор медиҳад, ки чунин паёмҳои муқобил ҷалбро тақвият медиҳанд.`,
      appearance: (g, t) =>
        `«${g}» (либос ё намуди зоҳирӣ) бо «${t}» баробар карда мешавад. Ҳамин тавр диндорони оддӣ гумонбар мешаванд ва ҷалбкунандагон таҳқиреро, ки аз он истифода мебаранд, ба даст меоранд.`,
      habitual: (g, t) =>
        `«${t}» «${g}»-ро ба ҳукм дар бораи ҳар як узви гурӯҳ табдил медиҳад. Умумиятдиҳӣ ҳамон шунавандагонеро, ки паёми муқобил бояд ба онҳо расад, дур мекунад.`,
    },
    suggestions: {
      predication: (g) => [
        `Одамон ё амалро ном баред, на гурӯҳро: «шахсоне, ки барои … маҳкум шудаанд», «гурӯҳе, ки …» ба ҷойи «${g}».`,
        'Гӯед, ки далелҳо (суд, тафтишот, сана) чӣ нишон медиҳанд ва калимаҳои «ҳама», «ҳамеша», «ин мардум»-ро хориҷ кунед.',
        'Нишон диҳед, ки аъзои оддии гурӯҳ ҷузъи «мо» ҳастанд ва ба шикояте, ки ҷалбкунандагон аз он истифода мебаранд, ҷавоб диҳед.',
      ],
      appearance: (g) => [
        `Амалро тасвир кунед, на либос ё ришро: «одамоне, ки зӯроварӣ омода мекунанд» ба ҷойи «${g}».`,
        'Либос ва амалҳои динӣ қонунӣ ва муқаррарианд; агар сухан дар бораи ифротгароӣ бошад, инро гӯед.',
      ],
      habitual: (g) => [
        `«Ҳамеша»/«ҳеҷ гоҳ»-ро бо он чи маълум аст иваз кунед: «баъзеҳо», «дар ин ҳолат», бо манбаъ, на «${g}» дар маҷмӯъ.`,
        'Агар қонуният воқеӣ бошад, ба ҷойи калимаи умумӣ рақам ва манбаъро оваред.',
      ],
    },
  },
};

/** Placeholder for the people actually meant, in the draft's language. */
const PLACEHOLDER: Record<string, string> = {
  en: '[the specific people involved]',
  ru: '[конкретные люди, о которых идёт речь]',
  tg: '[шахсони мушаххаси марбут]',
  uz: '[aniq shaxslar]',
};

/**
 * Reviews a draft counter-message. `explainLang` sets the language of the reasons and suggestions
 * (default English); the draft itself may be in Tajik (any keyboard), Russian, English or Uzbek.
 */
export function reviewMessage(text: string, options: { explainLang?: ReviewLang } = {}): ReviewResult {
  const explainLang = options.explainLang ?? 'en';
  const findings: ReviewFinding[] = [];
  const draftLang = identify(text).lang;
  const placeholder = PLACEHOLDER[draftLang] ?? PLACEHOLDER.en!;
  for (const s of sentences(text)) {
    const toks = tokenize(text.slice(s.start, s.end)).map((t) => ({
      ...t,
      start: t.start + s.start,
      end: t.end + s.start,
    }));
    findings.push(...reviewSentence(text, s, toks, explainLang, placeholder));
  }
  findings.sort((a, b) => a.start - b.start || b.end - a.end);
  return { ok: findings.length === 0, lang: draftLang, explainLang, findings, version: REVIEW_VERSION };
}

function hits(entries: readonly Entry[], keys: readonly string[]): Hit[] {
  const out: Hit[] = [];
  for (let i = 0; i < keys.length; i++) {
    const n = matchAt(entries, keys, i);
    if (n > 0) out.push({ from: i, to: i + n });
  }
  return out;
}

function reviewSentence(
  text: string,
  sentence: { start: number; end: number },
  toks: Token[],
  lang: ReviewLang,
  placeholder: string,
): ReviewFinding[] {
  const keys = toks.map((t) => key(t.fold));
  const groups: GroupHit[] = [];
  const taken = new Set<number>();
  // Longest group entries first, so "эти люди" wins over nothing and "коргарони муҳоҷир" over "муҳоҷир*".
  for (let i = 0; i < keys.length; i++) {
    if (taken.has(i)) continue;
    let best: GroupHit | undefined;
    for (const g of C.groups) {
      const n = matchAt(g.entries, keys, i);
      if (n > (best ? best.to - best.from : 0)) best = { from: i, to: i + n, type: g.type };
    }
    if (best) {
      groups.push(best);
      for (let k = best.from; k < best.to; k++) taken.add(k);
      i = best.to - 1;
    }
  }
  if (groups.length === 0) return [];
  const isIn = (entries: readonly Entry[], i: number) => matchAt(entries, keys, i) > 0;
  const stigma = hits(C.stigma, keys).filter((h) => !taken.has(h.from));
  const quantBefore = (g: Hit): Hit | undefined => {
    for (let k = Math.max(0, g.from - 2); k < g.from; k++)
      if (isIn(C.quant, k)) return { from: k, to: k + 1 };
    return undefined;
  };
  const clear = (from: number, to: number): boolean => {
    for (let k = from; k < to; k++) {
      if (isIn(C.negation, k)) return false;
      if (isIn(C.distancing, k)) {
        // "аз ҳама" is a Tajik superlative ("the most …"), not "from"
        if (keys[k] === 'аз' && keys[k + 1] === 'хама') continue;
        return false;
      }
    }
    return true;
  };
  // Tajik and Uzbek put the verb last: "Диндорон терроризмро маҳкум мекунанд" (believers condemn
  // terrorism), "Муҳоҷирон террорист нестанд" (migrants are not terrorists). Look past the
  // stigmatising word to the end of its clause for a negation or a distancing verb (not a
  // preposition: "criminals from the south" stays flagged).
  const clearAfter = (h: Hit): boolean => {
    for (let k = h.to; k < Math.min(keys.length, h.to + 4); k++) {
      if (/[,;:—–()]/.test(text.slice(toks[k - 1]!.end, toks[k]!.start))) break;
      if (isIn(C.negation, k) || isIn(C.distancingVerb, k)) return false;
    }
    return true;
  };
  const victim = (g: Hit): boolean => {
    // A Russian plural noun in the dative or instrumental ("мусульманам", "мигрантами") is not the
    // subject the stigma is said of: "мусульманам опасно ездить", "мусульманами прикрываются".
    if (/[а-я](ам|ям|ами|ями)$/.test(keys[g.to - 1]!)) return true;
    const p = g.from - 1;
    if (p >= 0 && isIn(C.object, p)) return true;
    const q = quantBefore(g);
    return q !== undefined && q.from > 0 && isIn(C.object, q.from - 1);
  };

  const out: ReviewFinding[] = [];
  const used = new Set<number>();
  for (const g of groups) {
    if (victim(g)) continue;
    const q = quantBefore(g);
    const from = q ? q.from : g.from;
    if (g.type === 'appearance') {
      const s = stigma.find((h) => Math.abs(h.from - g.from) <= APPEARANCE_WINDOW && !used.has(h.from));
      if (s) {
        const [a, b] = s.from > g.from ? [g.to, s.from] : [s.to, g.from];
        let equating = q !== undefined;
        for (let k = a; k < b && !equating; k++) equating = isIn(C.equating, k);
        if (equating && clear(a, b)) {
          used.add(s.from);
          out.push(
            finding(text, sentence, toks, 'appearance', 'stigmatising', g, from, s, lang, placeholder),
          );
          continue;
        }
      }
    }
    const s = stigma.find((h) => h.from >= g.to && h.from - g.to <= PREDICATION_WINDOW && !used.has(h.from));
    if (s && clear(g.to, s.from) && clearAfter(s)) {
      used.add(s.from);
      out.push(
        finding(
          text,
          sentence,
          toks,
          g.type === 'appearance' ? 'appearance' : 'predication',
          'stigmatising',
          g,
          from,
          s,
          lang,
          placeholder,
        ),
      );
      continue;
    }
    // "migrants … always …": a habitual generaliser next to the group, a generalisation on its own.
    for (let k = g.to; k < Math.min(keys.length, g.to + 4); k++) {
      if (isIn(C.negation, k)) break;
      if (isIn(C.habitual, k)) {
        out.push(
          finding(
            text,
            sentence,
            toks,
            'habitual',
            'generalising',
            g,
            from,
            { from: k, to: k + 1 },
            lang,
            placeholder,
          ),
        );
        break;
      }
    }
  }
  return out;
}

function finding(
  text: string,
  sentence: { start: number; end: number },
  toks: Token[],
  rule: FindingRule,
  kind: FindingKind,
  g: GroupHit,
  groupFrom: number,
  trigger: Hit,
  lang: ReviewLang,
  placeholder: string,
): ReviewFinding {
  const span = (h: Hit) => ({ start: toks[h.from]!.start, end: toks[h.to - 1]!.end });
  const gs = span({ from: groupFrom, to: g.to });
  const ts = span(trigger);
  const start = Math.min(gs.start, ts.start);
  const end = Math.max(gs.end, ts.end);
  const groupText = text.slice(gs.start, gs.end);
  const triggerText = text.slice(ts.start, ts.end);
  const w = WORDS[lang];
  return {
    kind,
    rule,
    group: { type: g.type, text: groupText, ...gs },
    trigger: { text: triggerText, ...ts },
    start,
    end,
    text: text.slice(start, end),
    why: w.why[rule](groupText, triggerText),
    suggestions: w.suggestions[rule](groupText),
    rewrite: `${text.slice(sentence.start, gs.start)}${placeholder}${text.slice(gs.end, sentence.end)}`,
  };
}
