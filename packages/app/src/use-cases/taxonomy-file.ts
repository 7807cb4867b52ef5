/**
 * The taxonomy in force: the file the operator points at with `--taxonomy FILE` (CLI) or
 * OGOH_TAXONOMY, else the bundled packages/detect/taxonomy/narratives.yaml. Loaded once per file
 * version (path, size, modification time).
 */
import { readFileSync, statSync } from 'node:fs';
import { OgohError } from '@ogoh/core';
import { defaultTaxonomy, loadTaxonomy, type Taxonomy } from '@ogoh/detect';

const loaded = new Map<string, { mtimeMs: number; size: number; taxonomy: Taxonomy }>();

/**
 * The taxonomy file the operator chose (OGOH_TAXONOMY), or the bundled one. A bad file is a coded
 * error naming the file, line and field (from `loadTaxonomy`); a missing one names the variable.
 */
export function operatorTaxonomy(env: NodeJS.ProcessEnv = process.env): Taxonomy {
  const file = env.OGOH_TAXONOMY;
  if (!file) return defaultTaxonomy();
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(file);
  } catch (e) {
    throw new OgohError('INPUT_MISSING', 'taxonomy file not found', {
      file,
      field: 'OGOH_TAXONOMY / --taxonomy',
      hint: 'give the path of a taxonomy YAML file (start from packages/detect/taxonomy/narratives.yaml)',
      cause: e,
    });
  }
  const hit = loaded.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.taxonomy;
  const taxonomy = loadTaxonomy(readFileSync(file, 'utf8'), file);
  loaded.set(file, { mtimeMs: st.mtimeMs, size: st.size, taxonomy });
  return taxonomy;
}
