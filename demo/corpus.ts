/**
 * The demo corpus engine: plans the planted phenomena (reprint chains, translations, cross-posts,
 * rewrites, coordinated bursts, convergence windows, narrative coverage), fills the rest with
 * ordinary items, then assigns each source's ids and URLs in time order. Everything is drawn from
 * one seeded stream, so a seed always yields the same corpus.
 */
import { CONVERGENCE_PAIRS, NARRATIVE_FAMILIES, NARRATIVE_IDS, type NarrativeId } from './narratives.ts';
import {
  editText,
  hasLang,
  type OutLang,
  type Rendered,
  randomPicks,
  renderVariant,
  rewritePicks,
  templateLang,
} from './render.ts';
import { createRng, type Rng } from './rng.ts';
import { type DemoSource, SOURCES, source } from './sources.ts';
import {
  CHAT_ANSWERS,
  CHAT_QUESTIONS,
  CHAT_SMALLTALK,
  type ChatLine,
  chatFacts,
  SHARE_COMMENTS,
} from './templates/chat.ts';
import { ALL_TOPICS, NARRATIVE_TOPICS } from './templates/index.ts';
import type { Facts, Topic } from './templates/types.ts';
import { fill, foldTajik } from './text.ts';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Dushanbe time, used for "daytime" scheduling */
const LOCAL = 5 * HOUR;

export type ItemKind = 'news' | 'control' | 'narrative' | 'chat' | 'share';

export interface DemoItem {
  uid: number;
  source: string;
  at: number;
  out: OutLang;
  folded: boolean;
  title?: string;
  text: string;
  topic: string;
  kind: ItemKind;
  category: string;
  narratives: string[];
  /** Tajik with Russian phrases mixed in */
  codeSwitch?: boolean;
  /** Telegram: forwarded from this channel's post (uid) */
  fwdOf?: number;
  replyTo?: number;
  /** the URL of this item is appended as a link (Telegram/CSV) */
  linkTo?: number;
  user?: ChatUser;
  photo?: 'file' | 'missing';
  edited?: number;
  /** pinned-message service entries are not content items */
  service?: { pinned: number };
  // assigned by finalize
  externalId: string;
  url?: string;
  msgId?: number;
}

export interface ChatUser {
  name: string;
  id: string;
}

export interface ItemRef {
  uid: number;
}

export interface ChainStep {
  uid: number;
  relation: 'origin' | 'reprint' | 'repost' | 'forward' | 'translation' | 'rewrite';
  attributed: boolean;
}

export interface Plan {
  chains: Array<{ id: string; topic: string; narratives: string[]; steps: ChainStep[] }>;
  crossPosts: Array<{ publisher: string; uids: number[] }>;
  rewrites: Array<{ original: number; copies: Array<{ uid: number; kind: 'rewrite' | 'edit' }> }>;
  transliterations: Array<{ from: number; to: number }>;
  bursts: Array<{
    id: string;
    kind: 'url' | 'text' | 'forward';
    uids: number[];
    target?: number;
    windowSeconds: number;
  }>;
  spreadShares: Array<{ target: number; uids: number[] }>;
  convergence: Array<{ pair: string; source: string; signal: 'window' | 'single-item'; uids: number[] }>;
}

export interface Corpus {
  items: DemoItem[];
  plan: Plan;
  start: number;
  end: number;
}

export interface CorpusOptions {
  seed: number;
  items: number;
  start: number;
  end: number;
}

/** A story: one topic variant with its facts, renderable in any language it is written in. */
interface Story {
  topic: Topic;
  variant: number;
  facts: Facts;
  picks: Map<OutLang, number[]>;
}

const GROUP = 'hamvatanon_chat_demo';
const NETWORK = ['vostok_ekspress_demo', 'granitsa_info_demo', 'sever_yug_demo'];
const WIRE_NARRATIVES = new Set([
  'ru-indispensable-security-guarantor',
  'ru-west-destabiliser',
  'ru-west-behind-terror',
  'ru-china-bri-neocolonial',
  'ru-soviet-nostalgia-incomplete-statehood',
  'ru-economic-dependency-migrants',
]);

const FIRST = [
  'Фаррух',
  'Бахром',
  'Сино',
  'Шерали',
  'Далер',
  'Носир',
  'Умед',
  'Искандар',
  'Зафар',
  'Фирдавс',
  'Ҷамшед',
  'Мурод',
  'Рустам',
  'Саидҷон',
  'Хуршед',
  'Азиз',
];
const LATIN = [
  'Sher_88',
  'Bahrom M.',
  'Dilshod T',
  'Kurbon_msk',
  'Firuz',
  'Odil Ekb',
  'Jamshed 777',
  'Somon_2000',
];

export function buildCorpus(opts: CorpusOptions): Corpus {
  const g = new Generator(opts);
  g.run();
  g.finalize();
  return { items: g.items, plan: g.plan, start: opts.start, end: opts.end };
}

class Generator {
  readonly items: DemoItem[] = [];
  readonly plan: Plan = {
    chains: [],
    crossPosts: [],
    rewrites: [],
    transliterations: [],
    bursts: [],
    spreadShares: [],
    convergence: [],
  };
  private readonly r: Rng;
  private readonly scale: number;
  private uid = 0;
  private readonly users: ChatUser[];
  private readonly recruiter: ChatUser;

  constructor(private readonly opts: CorpusOptions) {
    this.r = createRng(opts.seed);
    this.scale = opts.items / 1600;
    const names = [...FIRST.map((n, i) => `${n} ${['Р.', 'С.', 'Н.', 'А.', ''][i % 5]}`.trim()), ...LATIN];
    this.users = names.map((name, i) => ({ name, id: `user${5100000000 + i * 7919}` }));
    this.recruiter = { name: 'Бародари нек', id: 'user5199990001' };
  }

  private count(n: number, min = 1): number {
    return Math.max(min, Math.round(n * this.scale));
  }

  run(): void {
    const { end } = this.opts;
    // Planted phenomena first, so every one exists even in a small corpus.
    for (const id of NARRATIVE_IDS) for (let i = 0; i < this.count(3, 2); i++) this.narrativeItem(id);
    for (let i = 0; i < this.count(24, 3); i++) this.reprintChain(i);
    for (let i = 0; i < this.count(8, 2); i++) this.tajikChain(i);
    for (let i = 0; i < this.count(30, 2); i++) this.crossPost();
    for (let i = 0; i < this.count(20, 3); i++) this.rewrite(i);
    for (let i = 0; i < this.count(10, 2); i++) this.transliteration();
    const burstKinds = ['group-url', 'channels-text', 'group-forward', 'csv-url'] as const;
    for (let i = 0; i < this.count(8, 4); i++) this.burst(burstKinds[i % burstKinds.length]!, i);
    for (let i = 0; i < 2; i++) this.spreadShare();
    for (let k = 0; k < this.count(1, 1); k++)
      for (const pair of CONVERGENCE_PAIRS) this.convergenceWindow(pair);
    for (let i = 0; i < this.count(4, 2); i++) this.digest(i);
    for (let i = 0; i < this.count(50, 6); i++) this.extremistPost();
    this.groupChat(this.count(110, 10));
    for (let i = 0; i < this.count(60, 5); i++) this.monitoringRow();
    for (let i = 0; i < this.count(35, 4); i++) this.socialRow();
    this.pins();
    // Ordinary items until the target is reached.
    const bg = SOURCES.filter((s) => s.weight > 0);
    const weights = bg.map((s) => s.weight);
    while (this.contentCount() < this.opts.items) this.background(this.r.weighted(bg, weights));
    if (this.items.some((it) => it.at >= end)) throw new Error('demo item scheduled after the window');
  }

  private contentCount(): number {
    let n = 0;
    for (const it of this.items) if (!it.service) n++;
    return n;
  }

  // ------------------------------------------------------------------------------------ time

  /** A moment in the window at local daytime (07:00–23:00 Dushanbe), leaving `tail` ms free. */
  private when(tail = 0): number {
    const { start, end } = this.opts;
    const days = Math.max(1, Math.floor((end - tail - start) / DAY));
    const day = start + this.r.int(0, days - 1) * DAY;
    const localMidnight = day - ((((day + LOCAL) % DAY) + DAY) % DAY);
    const t = localMidnight + this.r.int(7 * 60, 22 * 60 + 59) * MIN + this.r.int(0, 59) * 1000;
    return Math.min(Math.max(t, start), end - tail - 1000);
  }

  private later(t: number, minMin: number, maxMin: number): number {
    return Math.min(t + this.r.int(minMin * 60, maxMin * 60) * 1000, this.opts.end - 1000);
  }

  // ---------------------------------------------------------------------------------- stories

  private story(topic: Topic, at: number, need: readonly OutLang[]): Story {
    const ok = topic.variants.map((_, i) => i).filter((i) => need.every((l) => hasLang(topic, i, l)));
    const fallback = topic.variants
      .map((_, i) => i)
      .filter((i) => need.length === 0 || hasLang(topic, i, need[0]!));
    const variant = this.r.pick(ok.length ? ok : fallback);
    return { topic, variant, facts: topic.facts(this.r, { at }), picks: new Map() };
  }

  private render(s: Story, out: OutLang, mode: 'same' | 'rewrite' = 'same'): Rendered {
    const t = s.topic.variants[s.variant]?.[templateLang(out)];
    if (!t) throw new Error(`topic ${s.topic.id} has no ${out} text in variant ${s.variant}`);
    // Translations reuse the picks of the first rendering, so they say the same thing.
    const prior = s.picks.get(out) ?? s.picks.values().next().value;
    let picks = prior ?? randomPicks(t, this.r);
    if (mode === 'rewrite') picks = rewritePicks(t, picks);
    if (!s.picks.has(out)) s.picks.set(out, picks);
    return renderVariant(s.topic, s.variant, s.facts, out, picks);
  }

  private pickTopic(filter: (t: Topic) => boolean, out: OutLang): Topic {
    const list = ALL_TOPICS.filter((t) => filter(t) && t.variants.some((_, i) => hasLang(t, i, out)));
    if (!list.length) throw new Error(`no topic for ${out}`);
    return this.r.pick(list);
  }

  private narrativeTopic(id: string): Topic {
    const t = NARRATIVE_TOPICS.find((x) => x.narratives?.includes(id));
    if (!t) throw new Error(`no template for narrative ${id}`);
    return t;
  }

  private outFor(src: DemoSource, allowed?: readonly OutLang[]): OutLang {
    const langs = src.langs.filter(([l]) => !allowed || allowed.includes(l));
    if (!langs.length) throw new Error(`source ${src.id} has none of ${allowed?.join(',')}`);
    return this.r.weighted(
      langs.map(([l]) => l),
      langs.map(([, w]) => w),
    );
  }

  private topicLangs(t: Topic): OutLang[] {
    const all: OutLang[] = ['tg', 'ru', 'en', 'uz-Latn', 'uz-Cyrl', 'fa'];
    return all.filter((l) => t.variants.some((_, i) => hasLang(t, i, l)));
  }

  // ------------------------------------------------------------------------------------ emit

  private emit(
    s: Story,
    srcId: string,
    out: OutLang,
    at: number,
    o: { mode?: 'same' | 'rewrite'; credit?: string; fold?: boolean; edit?: boolean; short?: boolean } = {},
  ): DemoItem {
    const src = source(srcId);
    const rendered = this.render(s, out, o.mode);
    let sentences = o.short ? rendered.sentences.slice(0, 2) : rendered.sentences;
    if (o.credit) sentences = [...sentences, creditLine(out, o.credit)];
    let text = sentences.join(' ');
    if (o.edit) text = editText(text, out, this.r);
    const folded = out === 'tg' && (o.fold ?? this.r.chance(src.folded));
    const item = this.push({
      source: srcId,
      at,
      out,
      folded,
      title: folded ? foldTajik(rendered.title) : rendered.title,
      text: folded ? foldTajik(text) : text,
      topic: s.topic.id,
      kind: s.topic.kind,
      category: s.topic.category,
      narratives: [...(s.topic.narratives ?? [])],
    });
    this.decorate(item);
    return item;
  }

  private push(p: Omit<DemoItem, 'uid' | 'externalId'>): DemoItem {
    const item: DemoItem = { ...p, uid: this.uid++, externalId: '' };
    this.items.push(item);
    return item;
  }

  /** Photos and edits on Telegram channel posts. */
  private decorate(item: DemoItem): void {
    const src = source(item.source);
    if (src.platform !== 'telegram' || item.fwdOf !== undefined) return;
    if (src.affiliation === 'extremist') {
      if (this.r.chance(0.3)) item.photo = 'missing';
    } else if (this.r.chance(0.18)) item.photo = 'file';
    if (this.r.chance(0.06)) item.edited = item.at + this.r.int(3, 90) * MIN;
  }

  private forward(of: DemoItem, into: string, at: number, user?: ChatUser): DemoItem {
    return this.push({
      source: into,
      at,
      out: of.out,
      folded: of.folded,
      ...(of.title !== undefined ? { title: of.title } : {}),
      text: of.text,
      topic: of.topic,
      kind: of.kind,
      category: of.category,
      narratives: [...of.narratives],
      fwdOf: of.uid,
      ...(of.photo ? { photo: of.photo } : {}),
      ...(user ? { user } : {}),
    });
  }

  // ---------------------------------------------------------------------------- phenomena

  /** One item of a narrative in a source that plausibly carries it. */
  private narrativeItem(id: NarrativeId): DemoItem {
    const topic = this.narrativeTopic(id);
    const family = NARRATIVE_FAMILIES[id];
    const homes: Record<string, readonly string[]> = {
      'russian-state': WIRE_NARRATIVES.has(id)
        ? [
            'vesti-centr.example',
            'evrazia-segodnya.example',
            'golos_evrazii_demo',
            'en.evrazia-segodnya.example',
            'yangi-kun.example',
          ]
        : [
            'evrazia-segodnya.example',
            'golos_evrazii_demo',
            'navidi_rooz_demo',
            'en.evrazia-segodnya.example',
          ],
      isk: ['sadoi_haqiqat_demo', 'sadoi_haqiqat_demo', 'sadoi_haqiqat_demo'],
      'tajik-state': ['akhbori-vatan.example', 'vodiy-xabar.example', 'navidi_rooz_demo'],
      other: ['oftob.example', 'vesti-centr.example', 'navidi_rooz_demo'],
    };
    const langs = this.topicLangs(topic);
    const candidates = (homes[family] ?? []).filter((h) => source(h).langs.some(([l]) => langs.includes(l)));
    const srcId = id === 'isk-reward-belonging-youth' && this.r.chance(0.5) ? GROUP : this.r.pick(candidates);
    if (srcId === GROUP) return this.groupNarrative(id, this.when());
    const out = this.outFor(source(srcId), langs);
    const at = this.when();
    return this.emit(this.story(topic, at, [out]), srcId, out, at);
  }

  /** A recruiter-style message in the group chat. */
  private groupNarrative(id: NarrativeId, at: number): DemoItem {
    const topic = this.narrativeTopic(id);
    const out = this.r.chance(0.6) ? 'tg' : 'ru';
    const s = this.story(topic, at, [out]);
    const rendered = this.render(s, out);
    const folded = out === 'tg' && this.r.chance(0.8);
    const text = rendered.sentences.join(' ');
    return this.push({
      source: GROUP,
      at,
      out,
      folded,
      text: folded ? foldTajik(text) : text,
      topic: topic.id,
      kind: 'narrative',
      category: topic.category,
      narratives: [...(topic.narratives ?? [])],
      user: this.recruiter,
    });
  }

  /** Wire → state-affiliated site → channel (+ copy network) → translations (tg, uz, en). */
  private reprintChain(i: number): void {
    const narrative = this.r.chance(0.7);
    const topic = narrative
      ? this.narrativeTopic(this.r.pick([...WIRE_NARRATIVES]))
      : this.pickTopic(
          (t) => ['russia', 'csto', 'remittances', 'hydropower', 'migration', 'china'].includes(t.category),
          'ru',
        );
    const t0 = this.when(2 * DAY);
    const s = this.story(topic, t0, ['ru', 'tg']);
    const steps: ChainStep[] = [];
    const origin = this.emit(s, 'vesti-centr.example', 'ru', t0);
    steps.push({ uid: origin.uid, relation: 'origin', attributed: true });
    let site: DemoItem | undefined;
    if (this.r.chance(0.85)) {
      const attributed = this.r.chance(0.5);
      site = this.emit(s, 'evrazia-segodnya.example', 'ru', this.later(t0, 20, 120), {
        ...(attributed ? { credit: source('vesti-centr.example').credit?.ru ?? '' } : {}),
        edit: this.r.chance(0.3),
      });
      steps.push({ uid: site.uid, relation: 'reprint', attributed });
    }
    if (this.r.chance(0.8)) {
      const link = this.r.chance(0.7);
      const post = this.emit(s, 'golos_evrazii_demo', 'ru', this.later(t0, 40, 240), { short: true });
      if (link) post.linkTo = (site ?? origin).uid;
      steps.push({ uid: post.uid, relation: 'repost', attributed: link });
      if (this.r.chance(0.35)) {
        for (const ch of this.r.sample(NETWORK, this.r.int(1, 3))) {
          const f = this.forward(post, ch, this.later(post.at, 1, 25));
          steps.push({ uid: f.uid, relation: 'forward', attributed: true });
        }
      }
    }
    if (this.r.chance(0.85)) {
      const attributed = this.r.chance(0.4);
      const tr = this.emit(
        s,
        'navidi_rooz_demo',
        'tg',
        this.later(t0, 120, 600),
        attributed ? { credit: 'Вести Центр' } : {},
      );
      steps.push({ uid: tr.uid, relation: 'translation', attributed });
    }
    if (hasLang(s.topic, s.variant, 'uz-Latn') && this.r.chance(0.4)) {
      const attributed = this.r.chance(0.5);
      const tr = this.emit(
        s,
        'yangi-kun.example',
        'uz-Latn',
        this.later(t0, 240, 840),
        attributed ? { credit: 'Vesti Sentr' } : {},
      );
      steps.push({ uid: tr.uid, relation: 'translation', attributed });
    }
    if (hasLang(s.topic, s.variant, 'en') && this.r.chance(0.35)) {
      const attributed = this.r.chance(0.3);
      const tr = this.emit(
        s,
        'en.evrazia-segodnya.example',
        'en',
        this.later(t0, 60, 360),
        attributed ? { credit: 'Vesti Tsentr' } : {},
      );
      steps.push({ uid: tr.uid, relation: 'translation', attributed });
    }
    this.plan.chains.push({
      id: `chain-ru-${i + 1}`,
      topic: topic.id,
      narratives: [...(topic.narratives ?? [])],
      steps,
    });
  }

  /** Tajik state agency (tg) → independent site (ru translation) → Russian wire (ru rewrite). */
  private tajikChain(i: number): void {
    const narrative = this.r.chance(0.6);
    const topic = narrative
      ? this.narrativeTopic(
          this.r.pick([
            'tj-extremism-securitisation-of-piety',
            'tj-opposition-as-terrorists',
            'tj-stability-civil-war-fear',
          ]),
        )
      : this.pickTopic((t) => t.kind === 'news' && t.category !== 'sport', 'tg');
    const t0 = this.when(2 * DAY);
    const s = this.story(topic, t0, ['tg', 'ru']);
    const origin = this.emit(s, 'akhbori-vatan.example', 'tg', t0, { fold: false });
    const steps: ChainStep[] = [{ uid: origin.uid, relation: 'origin', attributed: true }];
    const tr = this.emit(s, 'ovozi-mardum.example', 'ru', this.later(t0, 60, 300), {
      credit: source('akhbori-vatan.example').credit?.ru ?? '',
    });
    steps.push({ uid: tr.uid, relation: 'translation', attributed: true });
    if (this.r.chance(0.6)) {
      const attributed = this.r.chance(0.5);
      const rw = this.emit(s, 'vesti-centr.example', 'ru', this.later(tr.at, 60, 480), {
        mode: 'rewrite',
        ...(attributed ? { credit: source('akhbori-vatan.example').credit?.ru ?? '' } : {}),
      });
      steps.push({ uid: rw.uid, relation: 'rewrite', attributed });
    }
    this.plan.chains.push({
      id: `chain-tg-${i + 1}`,
      topic: topic.id,
      narratives: [...(topic.narratives ?? [])],
      steps,
    });
  }

  /** The independent site posts the same text on its feed and its Telegram channel. */
  private crossPost(): void {
    const out = this.outFor(source('ovozi-mardum.example'));
    const topic = this.pickTopic((t) => t.kind !== 'narrative', out);
    const t0 = this.when(DAY);
    const s = this.story(topic, t0, [out]);
    const a = this.emit(s, 'ovozi-mardum.example', out, t0, { fold: false });
    const b = this.emit(s, 'ovozi_mardum_demo', out, this.later(t0, 0, 12), { fold: false });
    b.linkTo = a.uid;
    this.plan.crossPosts.push({ publisher: 'ovozi-mardum', uids: [a.uid, b.uid] });
  }

  /** Another outlet rewrites (same facts, other wording) or lightly edits an item. */
  private rewrite(i: number): void {
    const pairs: ReadonlyArray<readonly [string, string, OutLang]> = [
      ['akhbori-vatan.example', 'ovozi-mardum.example', 'tg'],
      ['akhbori-vatan.example', 'navidi_rooz_demo', 'tg'],
      ['akhbori-vatan.example', 'sadoi-kuhsor.example', 'tg'],
      ['central-asia-monitor.example', 'steppe-review.example', 'en'],
      ['vesti-centr.example', 'ovozi-mardum.example', 'ru'],
      ['yangi-kun.example', 'yangi-kun.example', 'uz-Latn'],
    ];
    const [from, to, out] = pairs[i % pairs.length]!;
    const topic = this.pickTopic((t) => t.kind !== 'narrative', out);
    const t0 = this.when(DAY);
    const s = this.story(topic, t0, [out]);
    const a = this.emit(s, from, out, t0, { fold: false });
    const asEdit = this.r.chance(0.35);
    const b = this.emit(s, to, out, this.later(t0, 30, 600), asEdit ? { edit: true } : { mode: 'rewrite' });
    this.plan.rewrites.push({ original: a.uid, copies: [{ uid: b.uid, kind: asEdit ? 'edit' : 'rewrite' }] });
  }

  /** The Uzbek Latin site's story re-published in Cyrillic script by the other Uzbek outlet. */
  private transliteration(): void {
    const topic = this.pickTopic((t) => t.kind !== 'narrative', 'uz-Latn');
    const t0 = this.when(DAY);
    const s = this.story(topic, t0, ['uz-Latn']);
    const a = this.emit(s, 'yangi-kun.example', 'uz-Latn', t0);
    const b = this.emit(s, 'vodiy-xabar.example', 'uz-Cyrl', this.later(t0, 30, 300));
    this.plan.transliterations.push({ from: a.uid, to: b.uid });
  }

  /** A narrative article that the bursts share. */
  private burstTarget(at: number): DemoItem {
    const id = this.r.pick([
      'ru-west-destabiliser',
      'ru-islamophobic-threat-framing',
      'ru-tajik-state-failed',
      'ru-economic-dependency-migrants',
    ] as const);
    const topic = this.narrativeTopic(id);
    const srcId = this.r.pick(['evrazia-segodnya.example', 'golos_evrazii_demo']);
    return this.emit(this.story(topic, at, ['ru']), srcId, 'ru', at);
  }

  private burst(kind: 'group-url' | 'channels-text' | 'group-forward' | 'csv-url', i: number): void {
    const t0 = this.when(DAY);
    const id = `burst-${i + 1}`;
    if (kind === 'channels-text') {
      const topic = this.narrativeTopic(
        this.r.pick([
          'ru-west-behind-terror',
          'ru-pamir-separatism',
          'ru-islamophobic-threat-framing',
        ] as const),
      );
      const s = this.story(topic, t0, ['ru']);
      const uids: number[] = [];
      let t = t0;
      for (const ch of ['golos_evrazii_demo', ...NETWORK]) {
        uids.push(this.emit(s, ch, 'ru', t, { short: true }).uid);
        t += this.r.int(15, 55) * 1000;
      }
      this.plan.bursts.push({ id, kind: 'text', uids, windowSeconds: Math.ceil((t - t0) / 1000) });
      return;
    }
    if (kind === 'group-forward') {
      const post = this.extremistPost(t0 - this.r.int(30, 240) * MIN);
      const uids: number[] = [];
      let t = t0;
      for (const u of this.r.sample(this.users, this.r.int(4, 6))) {
        uids.push(this.forward(post, GROUP, t, u).uid);
        t += this.r.int(20, 70) * 1000;
      }
      this.plan.bursts.push({
        id,
        kind: 'forward',
        uids,
        target: post.uid,
        windowSeconds: Math.ceil((t - t0) / 1000),
      });
      return;
    }
    const target = this.burstTarget(t0 - this.r.int(20, 180) * MIN);
    const uids: number[] = [];
    let t = t0;
    const n = this.r.int(5, 8);
    const srcId = kind === 'group-url' ? GROUP : 'social-listening';
    for (const u of this.r.sample(this.users, n)) {
      uids.push(this.share(srcId, u, t, target, 0.9).uid);
      t += this.r.int(8, kind === 'group-url' ? 40 : 20) * 1000;
    }
    this.plan.bursts.push({
      id,
      kind: 'url',
      uids,
      target: target.uid,
      windowSeconds: Math.ceil((t - t0) / 1000),
    });
  }

  /** A user shares a link with a short comment. */
  private share(srcId: string, user: ChatUser, at: number, target: DemoItem, foldP: number): DemoItem {
    const line = this.r.pick(SHARE_COMMENTS);
    const out: OutLang = line.tg && this.r.chance(0.6) ? 'tg' : 'ru';
    const raw = (out === 'tg' ? line.tg : line.ru) ?? line.ru ?? '';
    const folded = out === 'tg' && this.r.chance(foldP);
    return this.push({
      source: srcId,
      at,
      out,
      folded,
      text: folded ? foldTajik(raw) : raw,
      topic: 'share',
      kind: 'share',
      category: 'share',
      narratives: [],
      linkTo: target.uid,
      user,
    });
  }

  /** Control: the same link shared by several people over days is not coordination. */
  private spreadShare(): void {
    const t0 = this.when(6 * DAY);
    const target = this.emit(
      this.story(
        this.pickTopic((t) => t.kind === 'news', 'ru'),
        t0,
        ['ru'],
      ),
      'ovozi-mardum.example',
      'ru',
      t0,
    );
    const uids: number[] = [];
    let t = t0;
    for (const u of this.r.sample(this.users, 4)) {
      t += this.r.int(10, 30) * HOUR;
      uids.push(this.share(GROUP, u, Math.min(t, this.opts.end - 1000), target, 0.8).uid);
    }
    this.plan.spreadShares.push({ target: target.uid, uids });
  }

  /** Items of each member narrative of a pair, in one channel within ~36 hours. */
  private convergenceWindow(pair: (typeof CONVERGENCE_PAIRS)[number]): void {
    const t0 = this.when(2 * DAY);
    const withIsk = pair.narratives.some((n) => NARRATIVE_FAMILIES[n] === 'isk');
    const where = withIsk ? GROUP : 'navidi_rooz_demo';
    const uids: number[] = [];
    let t = t0;
    for (const n of pair.narratives) {
      t = this.later(t, 30, 540);
      const family = NARRATIVE_FAMILIES[n];
      if (where === GROUP) {
        const u = this.r.pick(this.users);
        if (family === 'isk') {
          if (n === 'isk-reward-belonging-youth') uids.push(this.groupNarrative(n, t).uid);
          else uids.push(this.forward(this.extremistPost(t - this.r.int(60, 600) * MIN, n), GROUP, t, u).uid);
        } else if (family === 'russian-state') {
          const post = this.emit(
            this.story(this.narrativeTopic(n), t, ['ru']),
            'golos_evrazii_demo',
            'ru',
            t - this.r.int(30, 300) * MIN,
          );
          uids.push(this.forward(post, GROUP, t, u).uid);
        } else {
          // a member pastes the state agency's text into the chat, with the link
          const art = this.emit(
            this.story(this.narrativeTopic(n), t, ['tg']),
            'akhbori-vatan.example',
            'tg',
            t - this.r.int(60, 400) * MIN,
            { fold: false },
          );
          const copy = this.forward(art, GROUP, t, u);
          delete copy.fwdOf;
          delete copy.title;
          copy.linkTo = art.uid;
          uids.push(copy.uid);
        }
      } else {
        uids.push(this.emit(this.story(this.narrativeTopic(n), t, ['tg']), where, 'tg', t).uid);
      }
    }
    this.plan.convergence.push({ pair: pair.id, source: where, signal: 'window', uids });
  }

  /** An aggregator digest carrying two frames from different families in one item. */
  private digest(i: number): void {
    const pair = CONVERGENCE_PAIRS[i % CONVERGENCE_PAIRS.length]!;
    const [a, b] = pair.narratives;
    const t0 = this.when();
    const parts = [a!, b!].map((n) => {
      const s = this.story(this.narrativeTopic(n), t0, ['tg']);
      const rd = this.render(s, 'tg');
      return `▪️ ${rd.title}. ${rd.sentences.slice(0, 2).join(' ')}`;
    });
    const folded = this.r.chance(0.5);
    const title = 'Шарҳи рӯз';
    const text = parts.join('\n\n');
    const item = this.push({
      source: 'navidi_rooz_demo',
      at: t0,
      out: 'tg',
      folded,
      title: folded ? foldTajik(title) : title,
      text: folded ? foldTajik(text) : text,
      topic: 'digest',
      kind: 'narrative',
      category: 'digest',
      narratives: [a!, b!],
    });
    this.plan.convergence.push({
      pair: pair.id,
      source: 'navidi_rooz_demo',
      signal: 'single-item',
      uids: [item.uid],
    });
  }

  /** A post in the IS-K-supporter-style channel. */
  private extremistPost(at?: number, id?: NarrativeId): DemoItem {
    const isk = NARRATIVE_IDS.filter((n) => NARRATIVE_FAMILIES[n] === 'isk');
    const nid = id ?? this.r.pick(isk);
    const topic = this.narrativeTopic(nid);
    const src = source('sadoi_haqiqat_demo');
    const out = this.outFor(src, this.topicLangs(topic));
    const t = at ?? this.when();
    return this.emit(this.story(topic, t, [out]), src.id, out, Math.max(t, this.opts.start));
  }

  /** Everyday group chat: questions, replies, small talk, some code-switching. */
  private groupChat(n: number): void {
    let made = 0;
    while (made < n) {
      const t0 = this.when(HOUR);
      const q = this.chatLine(this.r.pick(CHAT_QUESTIONS), this.r.pick(this.users), t0);
      made++;
      let t = t0;
      for (let k = this.r.int(0, 3); k > 0 && made < n; k--) {
        t = this.later(t, 1, 40);
        const a = this.chatLine(this.r.pick(CHAT_ANSWERS), this.r.pick(this.users), t);
        a.replyTo = q.uid;
        made++;
      }
      if (made < n && this.r.chance(0.5)) {
        this.chatLine(this.r.pick(CHAT_SMALLTALK), this.r.pick(this.users), this.later(t, 5, 300));
        made++;
      }
    }
  }

  private chatLine(line: ChatLine, user: ChatUser, at: number): DemoItem {
    const facts = chatFacts(this.r);
    let out: OutLang;
    let raw: string;
    let codeSwitch = false;
    if (line.mixed) {
      out = 'tg';
      raw = fill(line.mixed, facts, 'tg');
      codeSwitch = true;
    } else if (line.tg && (!line.ru || this.r.chance(0.6))) {
      out = 'tg';
      raw = fill(line.tg, facts, 'tg');
    } else {
      out = 'ru';
      raw = fill(line.ru ?? '', facts, 'ru');
    }
    const folded = out === 'tg' && this.r.chance(0.85);
    return this.push({
      source: GROUP,
      at,
      out,
      folded,
      text: folded ? foldTajik(raw) : raw,
      topic: 'chat',
      kind: 'chat',
      category: 'chat',
      narratives: [],
      user,
      ...(codeSwitch ? { codeSwitch } : {}),
    });
  }

  /** An analyst's spreadsheet row: a post found on a social platform. */
  private monitoringRow(): void {
    const src = source('monitoring-sheet');
    const narrative = this.r.chance(0.6);
    const out = this.outFor(src);
    const topic = narrative
      ? this.narrativeTopic(
          this.r.pick(NARRATIVE_IDS.filter((n) => this.topicLangs(this.narrativeTopic(n)).includes(out))),
        )
      : this.pickTopic((t) => t.kind === 'control', out);
    const t = this.when();
    const item = this.emit(this.story(topic, t, [out]), src.id, out, t, { short: this.r.chance(0.5) });
    item.user = {
      name: `@${this.r.pick(['vatan', 'haqiqat', 'sarhad', 'mardum', 'pamir', 'dunyo', 'novosti', 'pravda'])}_${this.r.int(10, 9999)}`,
      id: '',
    };
  }

  /** A listening-tool row: a user's comment sharing a link or chatting. */
  private socialRow(): void {
    const t = this.when();
    const user = this.r.pick(this.users);
    if (this.r.chance(0.5)) {
      const pool = this.items.filter(
        (it) => it.source === 'evrazia-segodnya.example' || it.source === 'ovozi-mardum.example',
      );
      if (pool.length) {
        const target = this.r.pick(pool);
        this.share('social-listening', user, Math.max(t, target.at + 10 * MIN), target, 0.8);
        return;
      }
    }
    const item = this.chatLine(this.r.pick([...CHAT_QUESTIONS, ...CHAT_SMALLTALK]), user, t);
    item.source = 'social-listening';
  }

  /** Each channel pins one or two of its posts. */
  private pins(): void {
    for (const src of SOURCES) {
      if (src.telegram?.type !== 'public_channel') continue;
      const posts = this.items.filter((it) => it.source === src.id && it.fwdOf === undefined);
      for (const p of this.r.sample(posts, this.r.int(1, 2))) {
        this.push({
          source: src.id,
          at: Math.min(p.at + this.r.int(1, 30) * MIN, this.opts.end - 1000),
          out: p.out,
          folded: false,
          text: '',
          topic: 'service',
          kind: 'chat',
          category: 'service',
          narratives: [],
          service: { pinned: p.uid },
        });
      }
    }
  }

  /** An ordinary item for a source, mostly news and controls; state outlets mix in their lines. */
  private background(src: DemoSource): void {
    const out = this.outFor(src);
    const narrativeShare: Record<string, number> = {
      'vesti-centr.example': 0.18,
      'evrazia-segodnya.example': 0.35,
      'en.evrazia-segodnya.example': 0.35,
      golos_evrazii_demo: 0.5,
      vostok_ekspress_demo: 0.4,
      granitsa_info_demo: 0.4,
      sever_yug_demo: 0.4,
      'akhbori-vatan.example': 0.1,
      'vodiy-xabar.example': 0.08,
      navidi_rooz_demo: 0.08,
      'oftob.example': 0.15,
    };
    const families: Record<string, readonly string[]> = {
      'akhbori-vatan.example': ['tajik-state'],
      'vodiy-xabar.example': ['tajik-state'],
      navidi_rooz_demo: ['russian-state', 'tajik-state', 'other'],
      'oftob.example': ['other', 'isk'],
    };
    const t = this.when();
    if (this.r.chance(narrativeShare[src.id] ?? 0)) {
      const fam = families[src.id] ?? ['russian-state'];
      const ids = NARRATIVE_IDS.filter(
        (n) =>
          fam.includes(NARRATIVE_FAMILIES[n]) &&
          (src.id !== 'vesti-centr.example' || WIRE_NARRATIVES.has(n)) &&
          this.topicLangs(this.narrativeTopic(n)).includes(out),
      );
      if (ids.length) {
        const topic = this.narrativeTopic(this.r.pick(ids));
        this.emit(this.story(topic, t, [out]), src.id, out, t);
        return;
      }
    }
    const prefer: Record<string, readonly string[]> = {
      muhojir_info_demo: ['diaspora', 'migration', 'remittances', 'transport'],
      'sadoi-kuhsor.example': ['pamiri', 'weather', 'roads', 'culture', 'history'],
      'akhbori-vatan.example': ['government', 'cotton', 'hydropower', 'education', 'navruz', 'health'],
      golos_evrazii_demo: ['russia', 'csto', 'china', 'migration'],
      vostok_ekspress_demo: ['russia', 'csto'],
      granitsa_info_demo: ['csto', 'russia'],
      sever_yug_demo: ['russia', 'migration'],
    };
    const pref = prefer[src.id];
    const controlShare = src.id === 'muhojir_info_demo' || src.id === 'sadoi-kuhsor.example' ? 0.5 : 0.28;
    const kind = this.r.chance(controlShare) ? 'control' : 'news';
    const topic =
      pref && this.r.chance(0.65)
        ? this.pickTopic((x) => x.kind !== 'narrative' && pref.includes(x.category), out)
        : this.pickTopic((x) => x.kind === kind, out);
    this.emit(this.story(topic, t, [out]), src.id, out, t);
  }

  // ------------------------------------------------------------------------------ finalize

  /** Sorts each source's items by time and assigns ids and URLs the way each platform does. */
  finalize(): void {
    const bySource = new Map<string, DemoItem[]>();
    for (const it of this.items) {
      const list = bySource.get(it.source) ?? [];
      list.push(it);
      bySource.set(it.source, list);
    }
    for (const [id, list] of bySource) {
      list.sort((a, b) => a.at - b.at || a.uid - b.uid);
      const src = source(id);
      let seq = 0;
      for (const it of list) {
        seq++;
        assignIds(src, it, seq);
      }
    }
  }
}

function creditLine(out: OutLang, credit: string): string {
  switch (out) {
    case 'ru':
      return `Об этом сообщает ${credit}.`;
    case 'tg':
      return `Манбаъ: ${credit}.`;
    case 'en':
      return `Source: ${credit}.`;
    case 'uz-Latn':
      return `Manba: ${credit}.`;
    case 'uz-Cyrl':
      return `Манба: ${credit}.`;
    case 'fa':
      return `منبع: ${credit}.`;
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function ymd(ms: number, tz: number, sep = ''): string {
  const d = new Date(ms + tz * MIN);
  return [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())].join(sep);
}

function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'article'
  );
}

function assignIds(src: DemoSource, it: DemoItem, seq: number): void {
  const base = src.url ?? '';
  switch (src.id) {
    case 'vesti-centr.example': {
      const n = 4_810_000 + seq * 7;
      it.url = `${base}news/${ymd(it.at, src.tz, '/')}/${n}.html`;
      it.externalId = it.url;
      return;
    }
    case 'evrazia-segodnya.example':
    case 'en.evrazia-segodnya.example': {
      const n = 1_093_000 + seq * 3;
      it.url = `${base}${src.id.startsWith('en.') ? 'world' : 'politika'}/${ymd(it.at, src.tz)}/${n}.html`;
      it.externalId = it.url;
      return;
    }
    case 'akhbori-vatan.example':
      it.url = `${base}tj/khabar/${52_000 + seq}`;
      it.externalId = `akhbori-vatan-${52_000 + seq}`;
      return;
    case 'ovozi-mardum.example':
      it.url = `${base}${it.out === 'ru' ? 'ru' : 'tj'}/news/${ymd(it.at, src.tz, '-')}/${9_000 + seq}/`;
      it.externalId = it.url;
      return;
    case 'yangi-kun.example':
      it.url = `${base}uz/${it.out === 'uz-Latn' ? 'yangiliklar' : 'news'}/${30_500 + seq}`;
      it.externalId = it.url;
      return;
    case 'vodiy-xabar.example':
      it.url = `${base}?p=${7_700 + seq * 2}`;
      it.externalId = it.url;
      return;
    case 'central-asia-monitor.example':
      it.url = `${base}${ymd(it.at, 0, '/').slice(0, 7)}/${slug(it.title ?? '')}-${seq}`;
      it.externalId = it.url;
      return;
    case 'steppe-review.example':
    case 'sadoi-kuhsor.example':
    case 'oftob.example':
      it.url =
        src.id === 'steppe-review.example'
          ? `${base}articles/${slug(it.title ?? '')}-${seq}`
          : `${base}post/${2_400 + seq}`;
      it.externalId = `tag:${src.id},2026:${src.id.split('.')[0]}-${seq}`;
      return;
    case 'monitoring-sheet': {
      const host = [
        'vk.example/wall-',
        'ok.example/group/',
        'tiktok.example/@v/video/',
        'instagram.example/p/',
      ][seq % 4];
      it.url = `https://${host}${1_000_000 + seq * 37}`;
      it.externalId = `MS-${pad(seq, 4)}`;
      return;
    }
    case 'social-listening':
      it.url = `https://ok.example/topic/${80_000_000 + seq * 113}`;
      it.externalId = String(700_000 + seq);
      return;
    default: {
      // Telegram: message ids grow with time; service entries take ids too.
      // The key is "<chat id>/<message id>": message ids are unique only within one chat.
      it.msgId = 100 + seq;
      it.externalId = `${src.telegram?.id ?? 0}/${it.msgId}`;
      if (src.telegram?.type === 'public_channel') it.url = `https://t.me/${src.id}/${it.msgId}`;
    }
  }
}
