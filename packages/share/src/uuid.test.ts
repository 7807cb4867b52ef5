import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson, isUuid, OGOH_NAMESPACE, STIX_SCO_NAMESPACE, uuidv5 } from './uuid.ts';

test('uuidv5 matches RFC 4122 reference values', () => {
  // Python: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org')
  assert.equal(
    uuidv5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org'),
    '886313e1-3b8a-5372-9b90-0c9aee199e5d',
  );
  assert.ok(isUuid(uuidv5(STIX_SCO_NAMESPACE, 'x')));
  assert.notEqual(uuidv5(STIX_SCO_NAMESPACE, 'a'), uuidv5(STIX_SCO_NAMESPACE, 'b'));
});

test('a STIX url SCO id is the one the STIX 2.1 rules give', () => {
  // Python: uuid.uuid5(UUID('00abedb4-…'), json.dumps({'value': …}, separators=(',', ':'), sort_keys=True))
  const id = uuidv5(STIX_SCO_NAMESPACE, canonicalJson({ value: 'https://example.com/' }));
  assert.equal(id, 'be22e93a-5e33-5678-b19f-8b4ea06df0bd');
  // non-ASCII names hash as UTF-8
  assert.equal(uuidv5(OGOH_NAMESPACE, 'identity:Ogoh — тест'), '93f14d6c-4108-53c1-b957-765b1d30739c');
  assert.equal(canonicalJson({ b: 1, a: ['x', { d: 2, c: 3 }] }), '{"a":["x",{"c":3,"d":2}],"b":1}');
});

test('isUuid refuses upper case, bad versions and bad variants', () => {
  assert.equal(isUuid('886313E1-3B8A-5372-9B90-0C9AEE199E5D'), false);
  assert.equal(isUuid('886313e1-3b8a-6372-9b90-0c9aee199e5d'), false);
  assert.equal(isUuid('886313e1-3b8a-5372-7b90-0c9aee199e5d'), false);
});
