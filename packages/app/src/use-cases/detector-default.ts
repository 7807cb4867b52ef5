import { defaultTaxonomy } from '@ogoh/detect';
import type { Detector } from './detect-items.ts';

let cached: Detector | undefined;

/** The bundled taxonomy with no trained model: what `check` uses when no store is at hand. */
export function defaultDetector(): Detector {
  cached ??= { taxonomy: defaultTaxonomy() };
  return cached;
}
