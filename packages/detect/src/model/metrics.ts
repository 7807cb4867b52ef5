/**
 * Multi-label evaluation: per-label precision, recall, F1 and support, micro averages (over all
 * label decisions, the SemEval-2023 official metric) and macro averages (mean over labels that occur
 * in the gold data, so labels absent from a small test set do not count as zeros).
 */

export interface LabelStats {
  label: string;
  tp: number;
  fp: number;
  fn: number;
  /** gold positives */
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Averages {
  precision: number;
  recall: number;
  f1: number;
}

export interface Report {
  /** number of evaluated units (texts or paragraphs) */
  n: number;
  labels: LabelStats[];
  micro: Averages;
  /** mean over labels with support > 0 */
  macro: Averages;
}

const safe = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/**
 * Compare gold and predicted label sets.
 * @param labels the label inventory to report on (labels outside it are ignored)
 * @param masks optional per-unit list of the labels that were annotated (others are not scored)
 */
export function multiLabelReport(
  labels: readonly string[],
  gold: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
  masks?: readonly (readonly string[] | undefined)[],
): Report {
  const idx = new Map(labels.map((l, i) => [l, i]));
  const tp = new Array<number>(labels.length).fill(0);
  const fp = new Array<number>(labels.length).fill(0);
  const fn = new Array<number>(labels.length).fill(0);
  for (let u = 0; u < gold.length; u++) {
    const mask = masks?.[u];
    const allowed = mask ? new Set(mask) : undefined;
    const g = new Set(gold[u]!.filter((l) => idx.has(l) && (!allowed || allowed.has(l))));
    const p = new Set((predicted[u] ?? []).filter((l) => idx.has(l) && (!allowed || allowed.has(l))));
    for (const l of p) (g.has(l) ? tp : fp)[idx.get(l)!]!++;
    for (const l of g) if (!p.has(l)) fn[idx.get(l)!]!++;
  }
  const stats: LabelStats[] = labels.map((label, i) => {
    const precision = safe(tp[i]!, tp[i]! + fp[i]!);
    const recall = safe(tp[i]!, tp[i]! + fn[i]!);
    return {
      label,
      tp: tp[i]!,
      fp: fp[i]!,
      fn: fn[i]!,
      support: tp[i]! + fn[i]!,
      precision,
      recall,
      f1: f1(precision, recall),
    };
  });
  const TP = tp.reduce((a, b) => a + b, 0);
  const FP = fp.reduce((a, b) => a + b, 0);
  const FN = fn.reduce((a, b) => a + b, 0);
  const mp = safe(TP, TP + FP);
  const mr = safe(TP, TP + FN);
  const present = stats.filter((s) => s.support > 0);
  const mean = (f: (s: LabelStats) => number) =>
    safe(
      present.reduce((a, s) => a + f(s), 0),
      present.length,
    );
  return {
    n: gold.length,
    labels: stats,
    micro: { precision: mp, recall: mr, f1: f1(mp, mr) },
    macro: { precision: mean((s) => s.precision), recall: mean((s) => s.recall), f1: mean((s) => s.f1) },
  };
}

/** A Markdown table of a report (per label, then micro and macro rows). */
export function reportTable(report: Report, opts: { minSupport?: number } = {}): string {
  const r3 = (x: number) => x.toFixed(3);
  const rows = ['| label | precision | recall | F1 | support |', '|---|---:|---:|---:|---:|'];
  for (const s of report.labels) {
    if (s.support < (opts.minSupport ?? 0) && s.tp + s.fp === 0) continue;
    rows.push(`| ${s.label} | ${r3(s.precision)} | ${r3(s.recall)} | ${r3(s.f1)} | ${s.support} |`);
  }
  const sup = report.labels.reduce((a, s) => a + s.support, 0);
  rows.push(
    `| **micro** | ${r3(report.micro.precision)} | ${r3(report.micro.recall)} | **${r3(report.micro.f1)}** | ${sup} |`,
  );
  rows.push(
    `| **macro** | ${r3(report.macro.precision)} | ${r3(report.macro.recall)} | **${r3(report.macro.f1)}** | |`,
  );
  return rows.join('\n');
}
