/**
 * The STIX 2.1 rules Ogoh's bundles must keep, checked in code (there is no STIX validator for
 * Node): identifier and type formats, spec_version, the required properties of every type Ogoh
 * writes, timestamps (RFC 3339 UTC with milliseconds, modified ≥ created), references that resolve
 * inside the bundle, markings, custom-object extensions and property names. Returns every problem
 * found, each naming the object and the property, so a test failure says what to fix.
 */
import { TLP2_EXTENSION, tlpOfMarkingId } from './tlp.ts';
import { isUuid } from './uuid.ts';

export interface StixIssue {
  /** the object id (or "bundle") */
  object: string;
  /** the property at fault, e.g. "object_refs[2]" */
  property: string;
  message: string;
}

/** Extension definitions Ogoh uses that live outside the bundle (OpenCTI's and the OASIS TLP 2.0 one). */
export const KNOWN_EXTENSIONS: ReadonlySet<string> = new Set([
  'extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba',
  'extension-definition--f93e2c80-4231-4f9a-af8b-95c9bd566a82',
  TLP2_EXTENSION,
]);

/** Object types the STIX 2.1 specification defines (SDOs, SROs, SCOs, meta objects). */
const SDO = new Set([
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
]);
const SRO = new Set(['relationship', 'sighting']);
const SCO = new Set([
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
]);

/** Required properties (beyond the common ones) of the types Ogoh writes. */
const REQUIRED: Record<string, string[]> = {
  'attack-pattern': ['name'],
  campaign: ['name'],
  grouping: ['context', 'object_refs'],
  identity: ['name'],
  incident: ['name'],
  note: ['content', 'object_refs'],
  'observed-data': ['first_observed', 'last_observed', 'number_observed', 'object_refs'],
  report: ['name', 'published', 'object_refs'],
  relationship: ['relationship_type', 'source_ref', 'target_ref'],
  url: ['value'],
  channel: ['name'],
  narrative: ['name'],
};

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const TIME_PROPS = [
  'created',
  'modified',
  'published',
  'first_observed',
  'last_observed',
  'first_seen',
  'last_seen',
  'publication_date',
  'valid_from',
  'valid_until',
];
const TYPE_NAME = /^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]$/;
const PROPERTY_NAME = /^[a-z0-9_]{3,250}$/;
const ID = /^([a-z0-9][a-z0-9-]*[a-z0-9])--(.+)$/;

function isTime(v: unknown): v is string {
  return typeof v === 'string' && TIME.test(v) && !Number.isNaN(Date.parse(v));
}

/** Every `*_ref` / `*_refs` value in an object, at any depth, with its path. */
function refsOf(value: unknown, path: string, out: { path: string; ref: unknown }[]): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) refsOf(v, `${path}[${i}]`, out);
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    const p = path ? `${path}.${k}` : k;
    if (k.endsWith('_ref')) out.push({ path: p, ref: v });
    else if (k.endsWith('_refs')) {
      if (!Array.isArray(v)) out.push({ path: p, ref: v });
      else for (const [i, r] of v.entries()) out.push({ path: `${p}[${i}]`, ref: r });
    } else refsOf(v, p, out);
  }
}

export function validateStixBundle(bundle: unknown): StixIssue[] {
  const issues: StixIssue[] = [];
  const problem = (object: string, property: string, message: string) =>
    issues.push({ object, property, message });
  if (!bundle || typeof bundle !== 'object') {
    problem('bundle', '', 'not an object');
    return issues;
  }
  const b = bundle as Record<string, unknown>;
  if (b.type !== 'bundle') problem('bundle', 'type', 'must be "bundle"');
  const bid = typeof b.id === 'string' ? ID.exec(b.id) : null;
  if (bid?.[1] !== 'bundle' || !isUuid(bid[2]!)) problem('bundle', 'id', 'must be bundle--<uuid>');
  if (!Array.isArray(b.objects)) {
    problem('bundle', 'objects', 'must be a list');
    return issues;
  }
  const objects = b.objects as Record<string, unknown>[];
  const byId = new Map<string, Record<string, unknown>>();
  for (const [i, o] of objects.entries()) {
    const id = typeof o?.id === 'string' ? o.id : `objects[${i}]`;
    if (byId.has(id)) problem(id, 'id', 'appears twice in the bundle');
    byId.set(id, o);
  }
  const resolves = (ref: string) => byId.has(ref) || tlpOfMarkingId(ref) !== undefined;

  for (const [i, o] of objects.entries()) {
    if (!o || typeof o !== 'object') {
      problem(`objects[${i}]`, '', 'not an object');
      continue;
    }
    const type = o.type;
    const id = typeof o.id === 'string' ? o.id : `objects[${i}]`;
    if (typeof type !== 'string' || !TYPE_NAME.test(type) || type.includes('--')) {
      problem(id, 'type', 'must be 3-250 characters of a-z, 0-9 and single hyphens');
      continue;
    }
    const m = typeof o.id === 'string' ? ID.exec(o.id) : null;
    if (!m || m[1] !== type || !isUuid(m[2]!))
      problem(id, 'id', `must be ${type}--<lower-case RFC 4122 uuid>`);

    const isMarking = type === 'marking-definition';
    const isSco = SCO.has(type) || hasExtension(o, 'new-sco');
    const isCustom = !SDO.has(type) && !SRO.has(type) && !SCO.has(type) && !isMarking;
    if (isCustom && !hasExtension(o, 'new-sdo') && !hasExtension(o, 'new-sco'))
      problem(
        id,
        'extensions',
        `custom type "${type}" must name its extension definition (new-sdo or new-sco)`,
      );

    if (isSco) {
      if (o.spec_version !== undefined && o.spec_version !== '2.1')
        problem(id, 'spec_version', 'must be "2.1"');
    } else if (o.spec_version !== '2.1') problem(id, 'spec_version', 'must be "2.1"');

    for (const k of Object.keys(o))
      if (k !== 'id' && !PROPERTY_NAME.test(k))
        problem(id, k, 'property names are 3-250 characters of a-z, 0-9 and _');

    // timestamps
    if (!isSco) {
      if (!isTime(o.created)) problem(id, 'created', 'required, RFC 3339 UTC with milliseconds');
      if (!isMarking) {
        if (!isTime(o.modified)) problem(id, 'modified', 'required, RFC 3339 UTC with milliseconds');
        else if (isTime(o.created) && o.modified < o.created) problem(id, 'modified', 'earlier than created');
      }
    }
    for (const p of TIME_PROPS)
      if (o[p] !== undefined && !isTime(o[p])) problem(id, p, 'must be RFC 3339 UTC with milliseconds');
    if (isTime(o.first_observed) && isTime(o.last_observed) && o.last_observed < o.first_observed)
      problem(id, 'last_observed', 'earlier than first_observed');

    // required properties
    for (const p of REQUIRED[type] ?? []) {
      const v = o[p];
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0))
        problem(id, p, `required for ${type}`);
    }
    if (type === 'observed-data') {
      const n = o.number_observed;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 999_999_999)
        problem(id, 'number_observed', 'an integer from 1 to 999,999,999');
      for (const [j, r] of ((o.object_refs as unknown[]) ?? []).entries()) {
        const target = typeof r === 'string' ? byId.get(r) : undefined;
        if (target && !(SCO.has(String(target.type)) || hasExtension(target, 'new-sco')))
          problem(id, `object_refs[${j}]`, 'observed-data may only refer to cyber-observables');
      }
    }
    if (
      type === 'relationship' &&
      typeof o.relationship_type === 'string' &&
      !/^[a-z0-9-]+$/.test(o.relationship_type)
    )
      problem(id, 'relationship_type', 'lower-case letters, digits and hyphens');
    if (
      o.confidence !== undefined &&
      !(Number.isInteger(o.confidence) && (o.confidence as number) >= 0 && (o.confidence as number) <= 100)
    )
      problem(id, 'confidence', 'an integer from 0 to 100');
    if (isMarking) {
      const hasDefinition = o.definition_type !== undefined && o.definition !== undefined;
      if (!hasDefinition && !o.extensions)
        problem(id, 'definition', 'a marking needs definition_type + definition or an extension');
      const level = tlpOfMarkingId(id);
      if (level) {
        const ext = (o.extensions as Record<string, Record<string, unknown>> | undefined)?.[TLP2_EXTENSION];
        if (ext?.tlp_2_0 !== level || o.name !== `TLP:${level.toUpperCase()}`)
          problem(
            id,
            'extensions',
            `the official TLP 2.0 id of TLP:${level.toUpperCase()} must carry that level`,
          );
      }
      if (
        o.definition_type === 'statement' &&
        typeof (o.definition as { statement?: unknown })?.statement !== 'string'
      )
        problem(id, 'definition.statement', 'a statement marking needs its statement text');
    }

    // external references
    if (o.external_references !== undefined) {
      if (!Array.isArray(o.external_references)) problem(id, 'external_references', 'must be a list');
      else
        o.external_references.forEach((r: Record<string, unknown>, j: number) => {
          if (typeof r?.source_name !== 'string' || !r.source_name)
            problem(id, `external_references[${j}].source_name`, 'required');
          if (r?.description === undefined && r?.url === undefined && r?.external_id === undefined)
            problem(id, `external_references[${j}]`, 'needs a description, url or external_id');
          if (r?.source_name === 'DISARM' && !/^T\d{4}(\.\d{3})?$/.test(String(r.external_id)))
            problem(
              id,
              `external_references[${j}].external_id`,
              'a DISARM technique id is T0000 or T0000.000',
            );
        });
    }

    // extensions
    if (o.extensions !== undefined) {
      if (!o.extensions || typeof o.extensions !== 'object')
        problem(id, 'extensions', 'must be a dictionary');
      else
        for (const [k, v] of Object.entries(o.extensions as Record<string, unknown>)) {
          if (k.startsWith('extension-definition--')) {
            if (!isUuid(k.slice('extension-definition--'.length)))
              problem(id, `extensions.${k}`, 'not an extension-definition id');
            else if (!byId.has(k) && !KNOWN_EXTENSIONS.has(k))
              problem(id, `extensions.${k}`, 'unknown extension definition: include it in the bundle');
            const t = (v as { extension_type?: unknown })?.extension_type;
            if (
              t !== undefined &&
              ![
                'new-sdo',
                'new-sco',
                'new-sro',
                'property-extension',
                'toplevel-property-extension',
              ].includes(String(t))
            )
              problem(id, `extensions.${k}.extension_type`, 'not a STIX extension type');
          } else if (!k.endsWith('-ext'))
            problem(id, `extensions.${k}`, 'neither an extension definition id nor a predefined -ext');
        }
    }

    // STIX 2.1: lists must not be empty (leave an optional property out instead)
    for (const path of emptyLists(o, '')) problem(id, path, 'an empty list: leave the property out instead');

    // references
    const refs: { path: string; ref: unknown }[] = [];
    refsOf(o, '', refs);
    for (const { path, ref } of refs) {
      const rm = typeof ref === 'string' ? ID.exec(ref) : null;
      if (!rm || !isUuid(rm[2]!)) {
        problem(id, path, 'not a STIX identifier');
        continue;
      }
      if (!resolves(ref as string)) problem(id, path, `${ref} is not in the bundle`);
      const top = path.replace(/\[\d+\]$/, '');
      if (top === 'created_by_ref' && rm[1] !== 'identity') problem(id, path, 'must refer to an identity');
      if ((top === 'object_marking_refs' || top.endsWith('marking_ref')) && rm[1] !== 'marking-definition')
        problem(id, path, 'must refer to a marking-definition');
    }
    if (isSco && o.created_by_ref !== undefined)
      problem(id, 'created_by_ref', 'not a property of cyber-observables');
  }
  return issues;
}

/** Paths of empty arrays at any depth. */
function emptyLists(value: unknown, path: string, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0 && path) out.push(path);
    for (const [i, v] of value.entries()) emptyLists(v, `${path}[${i}]`, out);
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) emptyLists(v, path ? `${path}.${k}` : k, out);
  return out;
}

function hasExtension(o: Record<string, unknown>, kind: string): boolean {
  const ext = o.extensions;
  if (!ext || typeof ext !== 'object') return false;
  return Object.entries(ext as Record<string, unknown>).some(
    ([k, v]) =>
      k.startsWith('extension-definition--') && (v as { extension_type?: unknown })?.extension_type === kind,
  );
}
