import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOgohError } from '@ogoh/core';
import { allowedBy, assertAddressAllowed, classifyAddress, parseAllowList, parseIp } from './address.ts';

describe('classifyAddress', () => {
  const cases: [string, string][] = [
    ['8.8.8.8', 'public'],
    ['185.22.1.1', 'public'],
    ['2a00:1450:4001:80b::200e', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.200.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['64:ff9b::a00:1', 'private'], // NAT64 of 10.0.0.1
    ['2002:c0a8:101::1', 'private'], // 6to4 of 192.168.1.1
    ['[::1]', 'loopback'],
  ];
  for (const [ip, cls] of cases) it(`${ip} → ${cls}`, () => assert.equal(classifyAddress(ip), cls));

  it('treats what is not an address as reserved (never public by accident)', () => {
    assert.equal(classifyAddress('not-an-ip'), 'reserved');
    assert.equal(parseIp('1.2.3'), undefined);
    assert.equal(parseIp('1.2.3.256'), undefined);
  });
});

describe('allow-list', () => {
  it('parses hosts, wildcards, addresses and CIDR ranges', () => {
    const rules = parseAllowList(
      '127.0.0.1, 10.0.0.0/8 intranet.example,*.lan.example, ::1/128',
      'OGOH_FETCH_ALLOW',
    );
    assert.equal(rules.length, 5);
    assert.ok(allowedBy(rules, 'x', '127.0.0.1'));
    assert.ok(!allowedBy(rules, 'x', '127.0.0.2'));
    assert.ok(allowedBy(rules, 'x', '10.200.3.4'));
    assert.ok(allowedBy(rules, 'intranet.example', '192.168.5.5'));
    assert.ok(allowedBy(rules, 'feeds.lan.example', '192.168.5.5'));
    assert.ok(!allowedBy(rules, 'lan.example.evil', '192.168.5.5'));
    assert.ok(allowedBy(rules, '[::1]', '::1'));
  });

  it('refuses entries that are neither hosts nor ranges, naming the origin', () => {
    for (const bad of ['10.0.0.0/33', 'http://x', 'a b/c', '10.0.0.0/x']) {
      try {
        parseAllowList(bad, 'OGOH_FETCH_ALLOW');
        assert.fail(`accepted ${bad}`);
      } catch (e) {
        assert.ok(isOgohError(e));
        assert.equal(e.code, 'USAGE');
        assert.equal(e.field, 'OGOH_FETCH_ALLOW');
      }
    }
  });

  it('assertAddressAllowed passes public addresses and refuses the rest with a clear reason', () => {
    assertAddressAllowed('example.tj', '93.184.216.34', []);
    try {
      assertAddressAllowed('feeds.example', '10.0.0.5', [], 'http://feeds.example/rss');
      assert.fail('not refused');
    } catch (e) {
      assert.ok(isOgohError(e));
      assert.equal(e.code, 'FETCH_BLOCKED');
      assert.match(e.message, /feeds\.example \(10\.0\.0\.5\).*private-network/);
      assert.equal(e.file, 'http://feeds.example/rss');
      assert.match(e.hint ?? '', /OGOH_FETCH_ALLOW/);
    }
    assert.throws(() => assertAddressAllowed('169.254.169.254', '169.254.169.254', []), /metadata/);
    assertAddressAllowed('127.0.0.1', '127.0.0.1', parseAllowList('127.0.0.1', 'test'));
  });
});
