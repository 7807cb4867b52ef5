/**
 * Coordinated-sharing benchmark: generates share events in memory (seeded), runs detectCoordination,
 * and reports time per phase, peak RSS and whether the planted groups were recovered.
 *
 * Background: `--accounts` accounts share `--objects` objects over 30 days. Object popularity is a
 * power law (the top object gets ~1 % of all shares), account activity too (the busiest account makes
 * ~10 000 shares), and each share follows its object's publication by an exponential delay (mean 2 h),
 * so popular objects draw dense bursts of unrelated shares: the incidental pairs real data has.
 * Planted: `--groups` groups of 5–50 accounts (drawn from the same population, so they also share
 * normally) that each share 10–40 objects (half fresh, half popular existing ones) within 8 seconds of
 * each other, each member taking part in 80 % of them.
 *
 * `--viral K` adds K objects each shared by 20 000 random accounts within one minute (the quadratic
 * worst case; `--cap` sets maxPairsPerShare).
 *
 * By default events are generated as pre-interned typed arrays (the `ShareTable` fast path) and the
 * timing is the detector's; `--strings` instead makes fresh id strings per share and interns them with
 * `ShareTableBuilder`, as loading a CSV does, and reports that cost separately.
 *
 * @example
 *   node --import tsx bench/coord.ts --events 1000000
 *   node --max-old-space-size=6000 --import tsx bench/coord.ts --events 10000000 --json
 */
import { parseArgs } from 'node:util';
import {
  type CoordPhase,
  detectCoordination,
  type ShareTable,
  ShareTableBuilder,
} from '../packages/trace/src/index.ts';

const USAGE =
  'usage: node --import tsx bench/coord.ts [--events N] [--accounts N] [--objects N] [--groups N] [--seed S] [--window S] [--fast-window S] [--min-participation N] [--edge-quantile Q] [--min-weight W] [--viral K] [--cap N] [--strings] [--json]';

function rng(seed: number): () => number {
  // mulberry32: fast, seedable, good enough for synthetic data
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Planted {
  groups: number[][];
  accounts: Set<number>;
  events: number;
}

/** Where generated shares go: straight into typed arrays, or through the string-interning builder. */
interface Sink {
  add(object: number, account: number, time: number): void;
}

function generate(
  sink: Sink,
  o: { events: number; accounts: number; objects: number; groups: number; seed: number; viral: number },
): Planted & { freshObjects: number } {
  const r = rng(o.seed);
  const DAYS = 30 * 86400;
  const publish = new Float64Array(o.objects);
  for (let i = 0; i < o.objects; i++) publish[i] = r() * DAYS;
  // power laws by inverse transform: rank = floor(N · u^k); larger k → heavier head
  const objectRank = () => Math.floor(o.objects * r() ** 3.3);
  const accountRank = () => Math.floor(o.accounts * r() ** 2);
  // ranks are scattered over ids so popular objects and busy accounts are not the low ids
  const objectId = (rank: number) => (rank * 2654435761) % o.objects;
  const accountId = (rank: number) => (rank * 2246822519) % o.accounts;

  const groups: number[][] = [];
  const accounts = new Set<number>();
  let plantedEvents = 0;
  // fresh planted objects get ids after the background ones
  let fresh = 0;
  const planned: Array<() => void> = [];
  for (let g = 0; g < o.groups; g++) {
    const size = 5 + Math.floor(r() * 46);
    const members: number[] = [];
    while (members.length < size) {
      const a = Math.floor(r() * o.accounts);
      if (!accounts.has(a)) {
        accounts.add(a);
        members.push(a);
      }
    }
    groups.push(members);
    const objs = 10 + Math.floor(r() * 31);
    for (let k = 0; k < objs; k++) {
      const isFresh = r() < 0.5;
      const obj = isFresh ? o.objects + fresh++ : objectId(objectRank());
      const t0 = isFresh ? r() * DAYS : publish[obj]! + r() * 3600;
      const who = members.filter(() => r() < 0.8);
      plantedEvents += who.length;
      planned.push(() => {
        for (const a of who) sink.add(obj, a, Math.round(t0 + r() * 8));
      });
    }
  }
  // viral objects: 20 000 accounts each within one minute, the quadratic worst case
  const VIRAL = 20_000;
  for (let v = 0; v < o.viral; v++) {
    const obj = o.objects + fresh++;
    const t0 = r() * DAYS;
    planned.push(() => {
      for (let k = 0; k < VIRAL; k++) sink.add(obj, Math.floor(r() * o.accounts), Math.round(t0 + r() * 60));
    });
  }
  const background = o.events - plantedEvents - o.viral * VIRAL;
  if (background < 0) throw new Error(`--events ${o.events} is fewer than the planted and viral shares`);
  for (let i = 0; i < background; i++) {
    const obj = objectId(objectRank());
    const delay = -7200 * Math.log(1 - r());
    sink.add(obj, accountId(accountRank()), Math.round(publish[obj]! + delay));
  }
  for (const f of planned) f();
  return { groups, accounts, events: plantedEvents, freshObjects: fresh };
}

/** Pre-interned path: ids are already dense integers, names are made once per id. */
function generateTable(o: Parameters<typeof generate>[1]): { table: ShareTable; planted: Planted } {
  const object = new Uint32Array(o.events);
  const account = new Uint32Array(o.events);
  const time = new Float64Array(o.events);
  let n = 0;
  const planted = generate(
    {
      add(ob, ac, t) {
        object[n] = ob;
        account[n] = ac;
        time[n++] = t;
      },
    },
    o,
  );
  const objectNames = Array.from({ length: o.objects + planted.freshObjects }, (_, i) => `o${i}`);
  const accountNames = Array.from({ length: o.accounts }, (_, i) => `u${i}`);
  return { table: { size: n, object, account, time, objectNames, accountNames }, planted };
}

/** String path: every share's ids are fresh strings interned by ShareTableBuilder, as a CSV load does. */
function generateStrings(o: Parameters<typeof generate>[1]): { table: ShareTable; planted: Planted } {
  const b = new ShareTableBuilder(o.events);
  const planted = generate({ add: (ob, ac, t) => b.add(`o${ob}`, `u${ac}`, t) }, o);
  return { table: b.build(), planted };
}

function main(argv: string[]): number {
  let v: ReturnType<typeof parseArgs>['values'];
  try {
    v = parseArgs({
      args: argv,
      options: {
        events: { type: 'string' },
        accounts: { type: 'string' },
        objects: { type: 'string' },
        groups: { type: 'string' },
        seed: { type: 'string' },
        window: { type: 'string' },
        'fast-window': { type: 'string' },
        'min-participation': { type: 'string' },
        'edge-quantile': { type: 'string' },
        'min-weight': { type: 'string' },
        json: { type: 'boolean' },
        strings: { type: 'boolean' },
        viral: { type: 'string' },
        cap: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (v.help) {
    console.error(USAGE);
    return 0;
  }
  const num = (x: unknown, d: number) => (x === undefined ? d : Number(x));
  const events = num(v.events, 1_000_000);
  const opts = {
    events,
    accounts: num(v.accounts, Math.max(1000, Math.round(events / 10))),
    objects: num(v.objects, Math.max(2000, Math.round(events / 5))),
    groups: num(v.groups, 100),
    seed: num(v.seed, 1),
    viral: num(v.viral, 0),
  };
  for (const [k, x] of Object.entries(opts)) {
    if (!Number.isInteger(x) || x < (k === 'seed' || k === 'groups' || k === 'viral' ? 0 : 1)) {
      console.error(`--${k} must be a whole number\n${USAGE}`);
      return 2;
    }
  }
  const params = {
    timeWindow: num(v.window, 10),
    minParticipation: num(v['min-participation'], 2),
    edgeQuantile: num(v['edge-quantile'], 0.5),
    minWeight: num(v['min-weight'], 1),
    ...(v['fast-window'] === undefined ? {} : { fastWindow: Number(v['fast-window']) }),
    ...(v.cap === undefined ? {} : { maxPairsPerShare: Number(v.cap) }),
  };

  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const { table, planted } = v.strings ? generateStrings(opts) : generateTable(opts);
  const tGen = performance.now() - t0;
  const cg = process.cpuUsage(c0);
  const cpuGen = (cg.user + cg.system) / 1000;

  // wall and CPU per phase: on a shared machine the CPU figure is the one that does not depend on load
  const phases: Partial<Record<CoordPhase, number>> = {};
  const phasesCpu: Partial<Record<CoordPhase, number>> = {};
  let current: CoordPhase | null = null;
  let mark = performance.now();
  let cpuMark = process.cpuUsage();
  const close = () => {
    const now = performance.now();
    const cpuNow = process.cpuUsage();
    if (current) {
      phases[current] = Math.round(now - mark);
      phasesCpu[current] = Math.round((cpuNow.user - cpuMark.user + cpuNow.system - cpuMark.system) / 1000);
    }
    mark = now;
    cpuMark = cpuNow;
  };
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = detectCoordination(table, {
    ...params,
    onPhase: (p) => {
      close();
      current = p;
    },
  });
  close();
  const now = performance.now();
  const tDetect = now - t1;
  const cpu = process.cpuUsage(cpu0);
  const cpuDetect = (cpu.user + cpu.system) / 1000;
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

  // recovery of planted accounts
  const found = new Set<string>();
  for (const g of result.groups) for (const a of g.accounts) found.add(a);
  let hit = 0;
  for (const a of planted.accounts) if (found.has(`u${a}`)) hit++;
  const precision = found.size === 0 ? 0 : hit / found.size;
  const recall = planted.accounts.size === 0 ? 1 : hit / planted.accounts.size;
  // a planted group counts as recovered when ≥ 80 % of its members sit in one detected group
  const groupOf = new Map<string, string>();
  for (const g of result.groups) for (const a of g.accounts) groupOf.set(a, g.id);
  let recovered = 0;
  for (const members of planted.groups) {
    const votes = new Map<string, number>();
    for (const a of members) {
      const g = groupOf.get(`u${a}`);
      if (g) votes.set(g, (votes.get(g) ?? 0) + 1);
    }
    if (Math.max(0, ...votes.values()) >= 0.8 * members.length) recovered++;
  }

  const report = {
    events: table.size,
    accounts: opts.accounts,
    objects: opts.objects,
    seed: opts.seed,
    params,
    path: v.strings ? 'strings' : 'interned',
    generateMs: Math.round(tGen),
    generateCpuMs: Math.round(cpuGen),
    detectMs: Math.round(tDetect),
    detectCpuMs: Math.round(cpuDetect),
    phasesMs: phases,
    phasesCpuMs: phasesCpu,
    maxRssMb,
    counts: result.counts,
    weightThreshold: result.params.weightThreshold,
    planted: {
      groups: planted.groups.length,
      accounts: planted.accounts.size,
      events: planted.events,
      viral: opts.viral,
    },
    recovery: {
      precision: Number(precision.toFixed(4)),
      recall: Number(recall.toFixed(4)),
      groupsRecovered: recovered,
      detectedAccounts: found.size,
    },
  };
  if (v.json) console.log(JSON.stringify(report));
  else {
    const c = result.counts;
    console.log(
      [
        `events ${table.size.toLocaleString('en')} (${planted.events} planted in ${planted.groups.length} groups of ${planted.accounts.size} accounts), seed ${opts.seed}`,
        `params window ${params.timeWindow}s, min participation ${params.minParticipation}, edge quantile ${params.edgeQuantile} → weight > ${result.params.weightThreshold}, min weight ${params.minWeight}`,
        `generate${v.strings ? '+intern strings' : ' (pre-interned)'} ${(tGen / 1000).toFixed(1)} s wall, ${(cpuGen / 1000).toFixed(1)} s CPU; detect ${(tDetect / 1000).toFixed(1)} s wall, ${(cpuDetect / 1000).toFixed(1)} s CPU (CPU ms: ${Object.entries(
          phasesCpu,
        )
          .map(([k, ms]) => `${k} ${ms}`)
          .join(', ')}); peak RSS ${maxRssMb} MB`,
        `pair ops ${c.pairOps.toLocaleString('en')}, pairs ${c.pairs.toLocaleString('en')}, participants ${c.participants}, candidate edges ${c.candidateEdges}, kept ${c.keptEdges}, groups ${c.groups}, communities ${c.communities}, capped shares ${c.cappedShares}`,
        `planted accounts: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}; planted groups recovered ${recovered}/${planted.groups.length}`,
      ].join('\n'),
    );
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
