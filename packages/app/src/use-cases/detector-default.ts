import type { Detector } from './detect-items.ts';
import { operatorTaxonomy } from './taxonomy-file.ts';

let cached: Detector | undefined;

/** The taxonomy in force with no trained model: what `check` uses when no store is at hand. */
export function defaultDetector(): Detector {
  const taxonomy = operatorTaxonomy();
  if (cached?.taxonomy !== taxonomy) cached = { taxonomy };
  return cached;
}
