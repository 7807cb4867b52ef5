/**
 * DISARM Red techniques (id, name, tactics, URL, MISP galaxy value) from the compact table in
 * data/disarm-techniques.json, derived by scripts/disarm-derive.ts from the DISARM Foundation's
 * framework (CC BY-SA 4.0; attribution inside the file and in NOTICE). Loaded once, on first use.
 */
import { readFileSync } from 'node:fs';

export interface DisarmTechnique {
  /** "T0022" or "T0022.001" */
  id: string;
  name: string;
  /** tactic short names ("develop-narratives") */
  tactics: string[];
  url: string;
  /** the value of the MISP galaxy cluster, when MISP has one */
  misp?: string;
  mispUuid?: string;
}

export interface DisarmTactic {
  id: string;
  name: string;
  shortname: string;
}

export interface DisarmData {
  licence: string;
  attribution: string;
  source: { disarm: string; disarmModified: string; misp: string };
  mispGalaxy: string;
  tactics: DisarmTactic[];
  techniques: DisarmTechnique[];
}

let data: DisarmData | undefined;
let byId: Map<string, DisarmTechnique> | undefined;

export function disarmData(): DisarmData {
  if (!data) {
    data = JSON.parse(
      readFileSync(new URL('../data/disarm-techniques.json', import.meta.url), 'utf8'),
    ) as DisarmData;
    byId = new Map(data.techniques.map((t) => [t.id, t]));
  }
  return data;
}

/** A DISARM technique by id ("T0022.001"), or undefined when the framework has no such id. */
export function disarmTechnique(id: string): DisarmTechnique | undefined {
  disarmData();
  return byId!.get(id);
}

/** `misp-galaxy:disarm-techniques="Leverage Conspiracy Theory Narratives"`, when MISP knows it. */
export function disarmGalaxyTag(id: string): string | undefined {
  const t = disarmTechnique(id);
  if (!t?.misp) return undefined;
  return `misp-galaxy:${disarmData().mispGalaxy}="${t.misp}"`;
}
