/**
 * The 23 persuasion techniques of SemEval-2023 Task 3 (subtask 3), with the dataset's exact label
 * strings, so that models trained on that data, operators' own labels and exports (STIX, cards) all
 * speak the same ids. Definitions are short paraphrases (not the official guideline text); the Russian
 * and Tajik names are draft renderings that need native review, used by `explainInWords`.
 */

export const TECHNIQUE_CATEGORIES = [
  'Attack on Reputation',
  'Justification',
  'Simplification',
  'Distraction',
  'Call',
  'Manipulative Wording',
] as const;
export type TechniqueCategory = (typeof TECHNIQUE_CATEGORIES)[number];

export interface TechniqueInfo {
  /** exact SemEval-2023 label string */
  readonly id: string;
  readonly category: TechniqueCategory;
  readonly names: { readonly en: string; readonly ru: string; readonly tg: string };
  readonly definition: string;
}

const T = (
  id: string,
  category: TechniqueCategory,
  en: string,
  ru: string,
  tg: string,
  definition: string,
): TechniqueInfo => ({ id, category, names: { en, ru, tg }, definition });

export const TECHNIQUES: readonly TechniqueInfo[] = [
  T(
    'Name_Calling-Labeling',
    'Attack on Reputation',
    'Name calling / labelling',
    'Навешивание ярлыков',
    'Тамғазанӣ',
    'Attaching an emotionally loaded label (insulting or glorifying) to a person or group in place of an argument.',
  ),
  T(
    'Guilt_by_Association',
    'Attack on Reputation',
    'Guilt by association',
    'Обвинение по ассоциации',
    'Гунаҳкор кардан аз рӯи алоқамандӣ',
    'Discrediting a target by linking it to a person, group or idea the audience already despises.',
  ),
  T(
    'Doubt',
    'Attack on Reputation',
    'Casting doubt',
    'Сеяние сомнений',
    'Шубҳа андохтан',
    "Casting doubt on a person's or institution's credibility, competence or motives without substantiation.",
  ),
  T(
    'Appeal_to_Hypocrisy',
    'Attack on Reputation',
    'Appeal to hypocrisy',
    'Обвинение в лицемерии',
    'Айбдор кардан ба дурӯягӣ',
    'Attacking the target as hypocritical (tu quoque) instead of answering the argument.',
  ),
  T(
    'Questioning_the_Reputation',
    'Attack on Reputation',
    'Questioning the reputation',
    'Подрыв репутации',
    'Зери шубҳа гузоштани обрӯ',
    "Smearing the target's character, record or morals to undermine them in general.",
  ),
  T(
    'Flag_Waving',
    'Justification',
    'Flag waving',
    'Апелляция к патриотизму («размахивание флагом»)',
    'Парчамафрозӣ (муроҷиат ба ватандӯстӣ)',
    "Justifying a position by appeal to group pride or interest - nation, faith, ethnicity, 'our people'.",
  ),
  T(
    'Appeal_to_Authority',
    'Justification',
    'Appeal to authority',
    'Апелляция к авторитету',
    'Муроҷиат ба нуфуз',
    'Claiming something is true because an authority or expert (real, irrelevant or fake) says so.',
  ),
  T(
    'Appeal_to_Popularity',
    'Justification',
    'Appeal to popularity (bandwagon)',
    'Апелляция к большинству',
    'Муроҷиат ба аксарият',
    "Claiming something is right or true because 'everyone' believes or does it.",
  ),
  T(
    'Appeal_to_Values',
    'Justification',
    'Appeal to values',
    'Апелляция к ценностям',
    'Муроҷиат ба арзишҳо',
    'Tying a position to cherished values (tradition, religion, justice, freedom) as if that alone settled it.',
  ),
  T(
    'Appeal_to_Fear-Prejudice',
    'Justification',
    'Appeal to fear or prejudice',
    'Апелляция к страху и предрассудкам',
    'Муроҷиат ба тарс ва таассуб',
    'Promoting or rejecting an idea by stoking fear, anxiety or existing prejudice about the alternative.',
  ),
  T(
    'Causal_Oversimplification',
    'Simplification',
    'Causal oversimplification',
    'Упрощение причин',
    'Содда кардани сабабҳо',
    'Reducing a complex outcome to a single cause or a single culprit.',
  ),
  T(
    'False_Dilemma-No_Choice',
    'Simplification',
    'False dilemma / no choice',
    'Ложная дилемма',
    'Интихоби бардурӯғ',
    'Presenting two options as the only possibilities, or one option as the only one.',
  ),
  T(
    'Consequential_Oversimplification',
    'Simplification',
    'Consequential oversimplification (slippery slope)',
    'Упрощение последствий («скользкая дорожка»)',
    'Содда кардани оқибатҳо',
    'Asserting that a first step will inevitably trigger a chain of (usually bad) consequences.',
  ),
  T(
    'Straw_Man',
    'Distraction',
    'Straw man',
    'Соломенное чучело',
    'Таҳрифи андешаи рақиб',
    "Rebutting a distorted version of the opponent's position instead of the real one.",
  ),
  T(
    'Red_Herring',
    'Distraction',
    'Red herring',
    'Отвлечение внимания',
    'Парешон кардани диққат',
    'Introducing an irrelevant topic to pull attention away from the issue.',
  ),
  T(
    'Whataboutism',
    'Distraction',
    'Whataboutism',
    'Вотэбаутизм («а у вас…»)',
    'Ҷавоб бо айбҷӯии муқобил',
    "Deflecting criticism by pointing at the critic's alleged similar wrongdoing.",
  ),
  T(
    'Slogans',
    'Call',
    'Slogans',
    'Лозунги',
    'Шиорҳо',
    'A short, catchy phrase that substitutes for argument and often carries a call to act or a label.',
  ),
  T(
    'Conversation_Killer',
    'Call',
    'Conversation killer',
    'Прекращение дискуссии',
    'Қатъ кардани баҳс',
    'A phrase meant to end discussion or discourage critical thought (thought-terminating cliché).',
  ),
  T(
    'Appeal_to_Time',
    'Call',
    'Appeal to time',
    'Апелляция ко времени («сейчас или никогда»)',
    'Муроҷиат ба вақт («ҳозир ё ҳеҷ гоҳ»)',
    "Urging action because 'the time has come' or it is now or never.",
  ),
  T(
    'Loaded_Language',
    'Manipulative Wording',
    'Loaded language',
    'Эмоционально нагруженная лексика',
    'Забони пурэҳсос',
    'Emotionally charged words or phrases used to sway the audience.',
  ),
  T(
    'Obfuscation-Vagueness-Confusion',
    'Manipulative Wording',
    'Obfuscation, vagueness, confusion',
    'Намеренная неясность',
    'Норавшании қасдӣ',
    'Deliberately unclear wording that lets the audience read into it what they want or avoids a clear claim.',
  ),
  T(
    'Exaggeration-Minimisation',
    'Manipulative Wording',
    'Exaggeration or minimisation',
    'Преувеличение или преуменьшение',
    'Муболиға ё кам нишон додан',
    'Overstating or downplaying the size, importance or likelihood of something beyond the evidence.',
  ),
  T(
    'Repetition',
    'Manipulative Wording',
    'Repetition',
    'Повторение',
    'Такрор',
    'Repeating the same message or phrase so it sticks and seems true.',
  ),
];

/** The 23 label strings, in the order above. */
export const TECHNIQUE_IDS: readonly string[] = TECHNIQUES.map((t) => t.id);

const BY_ID = new Map(TECHNIQUES.map((t) => [t.id, t]));

/** The technique with this exact label string, if it is one of the 23. */
export function techniqueInfo(id: string): TechniqueInfo | undefined {
  return BY_ID.get(id);
}
