/**
 * TLP 2.0 marking definitions as the OASIS CTI TC publishes them (cti-stix-common-objects,
 * extension-definition-specifications/tlp-2.0): fixed ids, so every STIX tool recognises them.
 */
import type { Tlp } from './input.ts';

export const TLP2_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

const IDS: Record<Tlp, string> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

export interface TlpMarking {
  type: 'marking-definition';
  spec_version: '2.1';
  id: string;
  created: string;
  name: string;
  extensions: Record<string, { extension_type: 'property-extension'; tlp_2_0: Tlp }>;
}

/** The official STIX marking definition of a TLP 2.0 level. */
export function tlpMarking(level: Tlp): TlpMarking {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: IDS[level],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${level.toUpperCase()}`,
    extensions: { [TLP2_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: level } },
  };
}

export function tlpMarkingId(level: Tlp): string {
  return IDS[level];
}

/** The TLP level of an official TLP 2.0 marking id, if it is one. */
export function tlpOfMarkingId(id: string): Tlp | undefined {
  return (Object.keys(IDS) as Tlp[]).find((k) => IDS[k] === id);
}

/** "TLP:AMBER+STRICT" */
export function tlpLabel(level: Tlp): string {
  return `TLP:${level.toUpperCase()}`;
}

/** Parses "amber", "TLP:AMBER", "amber+strict", "amber-strict", "white" (TLP 1.0 → clear). */
export function parseTlp(value: string): Tlp | undefined {
  const v = value
    .trim()
    .toLowerCase()
    .replace(/^tlp:/, '')
    .replace(/[-_ ]strict$/, '+strict');
  if (v === 'white') return 'clear';
  return (Object.keys(IDS) as Tlp[]).find((k) => k === v);
}
