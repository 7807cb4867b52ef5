import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { decode, httpCharset } from './decode.ts';

const ru = 'Правительство ответило: решение незаконно, сообщили журналисты.';
const cp1251 = new Uint8Array(iconv.encode(ru, 'windows-1251'));
const koi8 = new Uint8Array(iconv.encode(ru, 'koi8-r'));
const utf8 = new TextEncoder().encode(ru);

describe('httpCharset: the header where it is right, the bytes where it is not', () => {
  it('trusts CP1251 and KOI8-R headers on single-byte bodies', () => {
    assert.equal(httpCharset(cp1251, 'windows-1251'), 'windows-1251');
    assert.equal(httpCharset(koi8, 'KOI8-R'), 'koi8-r');
    assert.equal(decode(koi8, httpCharset(koi8, 'koi8-r')).text, ru);
  });

  it('ignores a header that the bytes contradict, and the ISO-8859-1 server default', () => {
    assert.equal(httpCharset(utf8, 'windows-1251'), undefined, 'valid UTF-8 stays UTF-8');
    assert.equal(httpCharset(cp1251, 'utf-8'), undefined, 'invalid UTF-8 goes to detection');
    assert.equal(httpCharset(cp1251, 'iso-8859-1'), undefined);
    assert.equal(decode(cp1251, httpCharset(cp1251, 'iso-8859-1')).text, ru);
    assert.equal(httpCharset(cp1251, 'no-such-charset'), undefined);
    assert.equal(httpCharset(cp1251, undefined), undefined);
  });
});
