/**
 * The narrative ids and convergence pairs of taxonomy schema 1 (shared taxonomy/narratives.yaml),
 * kept here so the demo and its tests need nothing outside the repository. If the taxonomy grows,
 * add the id here and a template in templates/; the tests fail until both exist.
 */
export const NARRATIVE_FAMILIES = {
  'ru-indispensable-security-guarantor': 'russian-state',
  'ru-west-destabiliser': 'russian-state',
  'ru-west-behind-terror': 'russian-state',
  'ru-china-bri-neocolonial': 'russian-state',
  'ru-soviet-nostalgia-incomplete-statehood': 'russian-state',
  'ru-tajik-state-failed': 'russian-state',
  'ru-economic-dependency-migrants': 'russian-state',
  'ru-islamophobic-threat-framing': 'russian-state',
  'ru-pamir-separatism': 'russian-state',
  'isk-taliban-apostate-pashtun': 'isk',
  'isk-iran-oppressor-of-sunnis': 'isk',
  'isk-government-puppet-of-foreign-powers': 'isk',
  'isk-china-neocolonial-uyghur': 'isk',
  'isk-tajik-state-failed-tyranny': 'isk',
  'isk-reward-belonging-youth': 'isk',
  'isk-migrant-humiliation-russia': 'isk',
  'isk-khorasan-borderless-caliphate': 'isk',
  'isk-strength-and-reach': 'isk',
  'tj-extremism-securitisation-of-piety': 'tajik-state',
  'tj-opposition-as-terrorists': 'tajik-state',
  'tj-stability-civil-war-fear': 'tajik-state',
  'other-taliban-isk-foreign-proxy': 'other',
} as const;

export type NarrativeId = keyof typeof NARRATIVE_FAMILIES;
export type Family = (typeof NARRATIVE_FAMILIES)[NarrativeId];
export const NARRATIVE_IDS = Object.keys(NARRATIVE_FAMILIES) as NarrativeId[];

export const CONVERGENCE_PAIRS: ReadonlyArray<{ id: string; narratives: readonly NarrativeId[] }> = [
  { id: 'cp-failed-tajik-state', narratives: ['ru-tajik-state-failed', 'isk-tajik-state-failed-tyranny'] },
  { id: 'cp-china-neocolonial', narratives: ['ru-china-bri-neocolonial', 'isk-china-neocolonial-uyghur'] },
  {
    id: 'cp-puppet-of-external-powers',
    narratives: [
      'isk-government-puppet-of-foreign-powers',
      'ru-soviet-nostalgia-incomplete-statehood',
      'ru-west-destabiliser',
      'tj-opposition-as-terrorists',
    ],
  },
  {
    id: 'cp-statehood-delegitimised',
    narratives: ['ru-soviet-nostalgia-incomplete-statehood', 'isk-khorasan-borderless-caliphate'],
  },
  {
    id: 'cp-muslim-threat-mirror',
    narratives: [
      'ru-islamophobic-threat-framing',
      'isk-migrant-humiliation-russia',
      'tj-extremism-securitisation-of-piety',
      'isk-government-puppet-of-foreign-powers',
    ],
  },
  {
    id: 'cp-economic-precarity',
    narratives: ['ru-economic-dependency-migrants', 'isk-reward-belonging-youth'],
  },
  {
    id: 'cp-pamir-othering',
    narratives: ['ru-pamir-separatism', 'tj-opposition-as-terrorists', 'ru-islamophobic-threat-framing'],
  },
  {
    id: 'cp-threat-inflation-loop',
    narratives: ['ru-indispensable-security-guarantor', 'isk-strength-and-reach', 'ru-west-behind-terror'],
  },
  {
    id: 'cp-external-hand-terror',
    narratives: ['ru-west-behind-terror', 'other-taliban-isk-foreign-proxy', 'tj-opposition-as-terrorists'],
  },
];
