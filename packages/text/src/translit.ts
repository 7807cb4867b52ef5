/**
 * Transliteration helpers for cross-script matching. None of these is an orthography converter:
 * they produce match candidates. Latin input is many-to-one (informal Latin Tajik writes ҷ as j or
 * dzh, қ as q or k, ҳ as h…), so the Latin→Cyrillic direction returns a short ranked list of
 * candidates; match them on their folded keys (foldKey), which merges most of the variants anyway.
 */

const TG_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ғ: 'gh',
  д: 'd',
  е: 'e',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'i',
  ӣ: 'i',
  й: 'y',
  к: 'k',
  қ: 'q',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ӯ: 'u',
  ф: 'f',
  х: 'kh',
  ҳ: 'h',
  ч: 'ch',
  ҷ: 'j',
  ш: 'sh',
  ъ: "'",
  э: 'e',
  ю: 'yu',
  я: 'ya',
  // Russian letters found in older texts and loans
  ц: 'ts',
  щ: 'shch',
  ы: 'y',
  ь: '',
};

const RU_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** Map letter by letter, keeping the case of the first letter of each mapped sequence. */
function mapLetters(text: string, table: Readonly<Record<string, string>>): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const low = ch.toLowerCase();
    const m = table[low];
    if (m === undefined) out += ch;
    else if (ch !== low && m.length > 0) out += m[0]!.toUpperCase() + m.slice(1);
    else out += m;
  }
  return out;
}

/**
 * Tajik Cyrillic → informal Latin, the way Tajik is typed in chats (ҷ→j, қ→q, ғ→gh, ҳ→h, х→kh,
 * ӣ→i, ӯ→u). Lossy: ӣ/и and ӯ/у merge.
 * @example tgCyrillicToLatin('Ҳукумати Тоҷикистон') // 'Hukumati Tojikiston'
 */
export function tgCyrillicToLatin(text: string): string {
  return mapLetters(text, TG_TO_LATIN);
}

/**
 * Russian → Latin, a simple GOST-like passport scheme (х→kh, ц→ts, щ→shch, ы→y, ь and ъ dropped).
 * @example ruToLatin('Щёлково') // 'Shchyolkovo'
 */
export function ruToLatin(text: string): string {
  return mapLetters(text, RU_TO_LATIN);
}

/** Latin sequences (longest first) and the Cyrillic letters they may stand for, likeliest first. */
type Rules = ReadonlyArray<readonly [string, readonly string[]]>;

const LATIN_TO_TG: Rules = [
  ['dzh', ['ҷ']],
  ['shch', ['щ']],
  ['sh', ['ш']],
  ['ch', ['ч', 'ҷ']],
  ['zh', ['ж']],
  ['kh', ['х']],
  ['gh', ['ғ']],
  ['yo', ['ё']],
  ['yu', ['ю']],
  ['ya', ['я']],
  ['ts', ['ц', 'тс']],
  ['a', ['а']],
  ['b', ['б']],
  ['c', ['с', 'ч']],
  ['d', ['д']],
  ['e', ['е', 'э']],
  ['f', ['ф']],
  ['g', ['г', 'ғ']],
  ['h', ['ҳ', 'х']],
  ['i', ['и', 'ӣ']],
  ['ī', ['ӣ']],
  ['j', ['ҷ', 'ж']],
  ['k', ['к', 'қ']],
  ['l', ['л']],
  ['m', ['м']],
  ['n', ['н']],
  ['o', ['о']],
  ['p', ['п']],
  ['q', ['қ']],
  ['r', ['р']],
  ['s', ['с']],
  ['t', ['т']],
  ['u', ['у', 'ӯ']],
  ['ū', ['ӯ']],
  ['v', ['в']],
  ['w', ['в']],
  ['x', ['х']],
  ['y', ['й']],
  ['z', ['з']],
  ['ç', ['ҷ']],
  ["'", ['ъ']],
];

const LATIN_TO_RU: Rules = [
  ['shch', ['щ']],
  ['sch', ['щ']],
  ['sh', ['ш']],
  ['ch', ['ч']],
  ['zh', ['ж']],
  ['kh', ['х']],
  ['ts', ['ц', 'тс']],
  ['yo', ['ё']],
  ['jo', ['ё']],
  ['yu', ['ю']],
  ['ju', ['ю']],
  ['ya', ['я']],
  ['ja', ['я']],
  ['a', ['а']],
  ['b', ['б']],
  ['c', ['ц', 'к']],
  ['d', ['д']],
  ['e', ['е', 'э']],
  ['f', ['ф']],
  ['g', ['г']],
  ['h', ['х']],
  ['i', ['и', 'й']],
  ['j', ['й', 'ж']],
  ['k', ['к']],
  ['l', ['л']],
  ['m', ['м']],
  ['n', ['н']],
  ['o', ['о']],
  ['p', ['п']],
  ['q', ['к']],
  ['r', ['р']],
  ['s', ['с']],
  ['t', ['т']],
  ['u', ['у']],
  ['v', ['в']],
  ['w', ['в']],
  ['x', ['кс', 'х']],
  ['y', ['ы', 'й']],
  ['z', ['з']],
  ["'", ['ь', 'ъ']],
];

/**
 * Cyrillic candidates for one Latin word, likeliest first, at most `max` (combinations grow fast:
 * the first options of every letter come first, then one letter at a time takes its next option).
 */
function candidates(word: string, rules: Rules, max: number): string[] {
  const w = word
    .normalize('NFC')
    .toLowerCase()
    .replace(/[ʻʼ‘’`]/g, "'");
  const slots: (readonly string[])[] = [];
  let i = 0;
  while (i < w.length) {
    const rule = rules.find(([latin]) => w.startsWith(latin, i));
    if (rule) {
      slots.push(rule[1]);
      i += rule[0].length;
    } else {
      slots.push([w[i]!]);
      i++;
    }
  }
  // breadth-first over "how many letters take a non-first option": plausible spellings first
  const out: string[] = [];
  const seen = new Set<string>();
  const queue: number[][] = [slots.map(() => 0)];
  while (queue.length > 0 && out.length < max) {
    const choice = queue.shift()!;
    const s = choice.map((c, k) => slots[k]![c]!).join('');
    if (seen.has(s)) continue;
    seen.add(s);
    out.push(s);
    for (let k = 0; k < slots.length; k++) {
      if (choice[k]! + 1 < slots[k]!.length && choice.slice(k + 1).every((c) => c === 0)) {
        const next = choice.slice();
        next[k]!++;
        queue.push(next);
      }
    }
  }
  return out;
}

/**
 * Tajik Cyrillic candidates for an informal Latin Tajik word (j/dzh→ҷ, q→қ, gh→ғ, h→ҳ, kh→х…).
 * @example latinToTajikCandidates('hukumat')[0] // 'ҳукумат'
 */
export function latinToTajikCandidates(word: string, max = 8): string[] {
  return candidates(word, LATIN_TO_TG, max);
}

/**
 * Russian Cyrillic candidates for a word of Latin-script (translit) Russian.
 * @example latinToRussianCandidates('privet')[0] // 'привет'
 */
export function latinToRussianCandidates(word: string, max = 8): string[] {
  return candidates(word, LATIN_TO_RU, max);
}

/*
 * Tajik Cyrillic ↔ Perso-Arabic. ROUGH, for candidate generation only: Perso-Arabic script leaves
 * short vowels unwritten and has several letters per sound (س ص ث for с; ز ذ ض ظ for з), so no
 * letter mapping can be exact in either direction (the state of the art is a trained model; see
 * docs/research/domain.md §5.4). Use curated bilingual cue lists for matching where it matters.
 */

const TG_TO_FA: Readonly<Record<string, string>> = {
  б: 'ب',
  п: 'پ',
  т: 'ت',
  ҷ: 'ج',
  ч: 'چ',
  ҳ: 'ه',
  х: 'خ',
  д: 'د',
  р: 'ر',
  з: 'ز',
  ж: 'ژ',
  с: 'س',
  ш: 'ش',
  ғ: 'غ',
  ф: 'ف',
  қ: 'ق',
  к: 'ک',
  г: 'گ',
  л: 'ل',
  м: 'م',
  н: 'ن',
  в: 'و',
  й: 'ی',
  ъ: 'ع',
  о: 'ا',
  у: 'و',
  ӯ: 'و',
  ӣ: 'ی',
  и: 'ی',
  е: 'ی',
  ё: 'یو',
  ю: 'یو',
  я: 'یا',
};

/**
 * Rough Tajik Cyrillic → Perso-Arabic: consonants and long vowels mapped, а and э written only
 * word-initially (ا) or word-finally (ه), medial short vowels dropped as Persian does.
 */
export function tgToPersoArabic(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\p{L}\p{M}]+/gu, (word) => {
      let out = '';
      for (let i = 0; i < word.length; i++) {
        const ch = word[i]!;
        const first = i === 0;
        const last = i === word.length - 1;
        if (ch === 'а' || ch === 'э') out += first ? 'ا' : last ? 'ه' : '';
        else if (ch === 'и' && first) out += 'ا';
        else if (ch === 'у' && first) out += 'او';
        else if (ch === 'о' && first) out += 'آ';
        else if (ch === 'и' && !last) out += word[i + 1] === 'и' ? '' : 'ی';
        else out += TG_TO_FA[ch] ?? ch;
      }
      return out;
    });
}

const FA_TO_TG: Readonly<Record<string, string>> = {
  آ: 'о',
  ا: 'о',
  ب: 'б',
  پ: 'п',
  ت: 'т',
  ث: 'с',
  ج: 'ҷ',
  چ: 'ч',
  ح: 'ҳ',
  خ: 'х',
  د: 'д',
  ذ: 'з',
  ر: 'р',
  ز: 'з',
  ژ: 'ж',
  س: 'с',
  ش: 'ш',
  ص: 'с',
  ض: 'з',
  ط: 'т',
  ظ: 'з',
  ع: 'ъ',
  غ: 'ғ',
  ف: 'ф',
  ق: 'қ',
  ک: 'к',
  ك: 'к',
  گ: 'г',
  ل: 'л',
  م: 'м',
  ن: 'н',
  و: 'у',
  ه: 'ҳ',
  ی: 'и',
  ي: 'и',
  ى: 'и',
  ء: 'ъ',
  ئ: 'ъ',
  أ: 'а',
  إ: 'и',
  ؤ: 'ъ',
  ة: 'а',
};

/**
 * Rough Perso-Arabic → Tajik Cyrillic skeleton: word-initial ا → а, initial و → в, final ه → а,
 * final ی → ӣ, otherwise letter by letter; short vowels stay missing (تاجیکستان → тоҷикстон).
 */
export function persoArabicToTg(text: string): string {
  return text.normalize('NFC').replace(/[\u0600-\u06ff\ufb50-\ufeff]+/g, (word) => {
    const w = word.replace(/[\u064b-\u0652\u0640\u200c]/g, '');
    let out = '';
    for (let i = 0; i < w.length; i++) {
      const ch = w[i]!;
      const first = i === 0;
      const last = i === w.length - 1;
      if (ch === 'ا' && first) out += 'а';
      else if (ch === 'و' && first) out += 'в';
      else if (ch === 'ه' && last && !first) out += 'а';
      else if ((ch === 'ی' || ch === 'ي') && last && !first) out += 'ӣ';
      else if ((ch === 'ی' || ch === 'ي') && first) out += 'й';
      else out += FA_TO_TG[ch] ?? ch;
    }
    return out;
  });
}
