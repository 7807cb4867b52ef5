/**
 * Derives the compact DISARM Red technique table that @ogoh/share ships
 * (packages/share/data/disarm-techniques.json) from the DISARM framework's STIX 2.1 bundle and the
 * MISP galaxy cluster of DISARM techniques. Only the fields exports need are kept: technique id,
 * name, tactics, URL and the MISP galaxy value (MISP names some techniques differently, and its
 * galaxy tags must use MISP's value).
 *
 * The derived file is CC BY-SA 4.0 like its source (DISARM Foundation); it says so inside, and the
 * repository NOTICE repeats it. Re-run after updating the shared copy of the framework:
 *
 *   node --import tsx scripts/disarm-derive.ts [DISARM_DIR]          # write the file
 *   node --import tsx scripts/disarm-derive.ts --check [DISARM_DIR]  # exit 1 when it is stale
 *
 * DISARM_DIR defaults to $OGOH_SHARED/data/disarm-framework (OGOH_SHARED default /work/shared).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const check = args.includes('--check');
const dir =
  args.find((a) => !a.startsWith('--')) ??
  join(process.env.OGOH_SHARED ?? '/work/shared', 'data/disarm-framework');
const stixFile = join(dir, 'stix/DISARM.json');
const mispFile = join(dir, 'misp-galaxy/clusters/disarm-techniques.json');
const out = join(root, 'packages/share/data/disarm-techniques.json');

interface StixObject {
  type: string;
  name?: string;
  x_mitre_shortname?: string;
  x_mitre_is_subtechnique?: boolean;
  revoked?: boolean;
  x_mitre_deprecated?: boolean;
  kill_chain_phases?: { phase_name: string }[];
  external_references?: { source_name: string; external_id?: string; url?: string }[];
  modified?: string;
}

if (!existsSync(stixFile)) {
  console.error(`disarm-derive: ${stixFile} not found; give the DISARM framework folder as the argument`);
  process.exit(2);
}
const bundle = JSON.parse(readFileSync(stixFile, 'utf8')) as { objects: StixObject[] };
const misp = existsSync(mispFile)
  ? (JSON.parse(readFileSync(mispFile, 'utf8')) as {
      type: string;
      values: { value: string; uuid: string; meta?: { external_id?: string } }[];
    })
  : undefined;
const mispById = new Map<string, { value: string; uuid: string }>();
for (const v of misp?.values ?? [])
  if (v.meta?.external_id) mispById.set(v.meta.external_id, { value: v.value, uuid: v.uuid });

const externalId = (o: StixObject) => o.external_references?.find((r) => r.external_id)?.external_id;
const urlOf = (o: StixObject) => o.external_references?.find((r) => r.url)?.url;

const tactics = bundle.objects
  .filter((o) => o.type === 'x-mitre-tactic')
  .map((o) => ({ id: externalId(o) ?? '', name: o.name ?? '', shortname: o.x_mitre_shortname ?? '' }))
  .filter((t) => /^TA\d{2}$/.test(t.id))
  .sort((a, b) => a.id.localeCompare(b.id));

let latest = '';
const techniques = bundle.objects
  .filter((o) => o.type === 'attack-pattern' && !o.revoked && !o.x_mitre_deprecated)
  .map((o) => {
    const id = externalId(o) ?? '';
    if (o.modified && o.modified > latest) latest = o.modified;
    const m = mispById.get(id);
    return {
      id,
      name: o.name ?? '',
      tactics: (o.kill_chain_phases ?? []).map((p) => p.phase_name),
      url:
        urlOf(o) ??
        `https://github.com/DISARMFoundation/DISARMframeworks/blob/main/generated_pages/techniques/${id}.md`,
      ...(m ? { misp: m.value, mispUuid: m.uuid } : {}),
    };
  })
  .filter((t) => /^T\d{4}(\.\d{3})?$/.test(t.id))
  .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));

const doc = {
  licence: 'CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)',
  attribution:
    'Derived from the DISARM Framework by the DISARM Foundation (https://www.disarm.foundation/, ' +
    'https://github.com/DISARMFoundation/DISARMframeworks), licensed CC BY-SA 4.0. Changes: only ' +
    'technique ids, names, tactics and URLs kept. MISP galaxy values from MISP/misp-galaxy ' +
    'clusters/disarm-techniques.json (CC0 1.0). This file is shared under CC BY-SA 4.0.',
  source: {
    disarm: 'DISARMFoundation/DISARMframeworks generated_files/DISARM_STIX/DISARM.json',
    disarmModified: latest,
    misp: misp ? `MISP/misp-galaxy clusters/disarm-techniques.json (galaxy type ${misp.type})` : 'absent',
  },
  generatedBy: 'scripts/disarm-derive.ts',
  mispGalaxy: misp?.type ?? 'disarm-techniques',
  tactics,
  techniques,
};
// One technique or tactic a line: small, and a framework update reads as a line diff.
const lines = JSON.stringify({ ...doc, tactics: [], techniques: [] }, null, 1).split('\n');
const rows = (xs: object[]) => `[\n${xs.map((x) => `  ${JSON.stringify(x)}`).join(',\n')}\n ]`;
const text = lines
  .join('\n')
  .replace('"tactics": []', `"tactics": ${rows(tactics)}`)
  .replace('"techniques": []', `"techniques": ${rows(techniques)}`);
JSON.parse(text);
if (check) {
  const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
  if (current !== `${text}\n`) {
    console.error(`disarm-derive: ${out} is not what ${stixFile} gives; re-run without --check`);
    process.exit(1);
  }
  console.error(`disarm-derive: ${out} is up to date (${techniques.length} techniques)`);
  process.exit(0);
}
writeFileSync(out, `${text}\n`);
console.error(
  `disarm-derive: ${techniques.length} techniques (${mispById.size} MISP values), ${tactics.length} tactics → ${out}`,
);
