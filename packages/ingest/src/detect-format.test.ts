import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOgohError } from '@ogoh/core';
import iconv from 'iconv-lite';
import { detectFormat } from './detect-format.ts';
import { fixture } from './testing.ts';

const enc = (s: string) => new TextEncoder().encode(s);

function failure(name: string, head: Uint8Array): string {
  try {
    return `detected ${detectFormat(name, head)}`;
  } catch (e) {
    return isOgohError(e) ? e.code : String(e);
  }
}

describe('detectFormat', () => {
  it('recognises every fixture by content, whatever it is called', () => {
    const cases: [string, string][] = [
      ['./rss/fixtures/asiaplus-ru.xml', 'rss'],
      ['./rss/fixtures/rdf-en.xml', 'rss'],
      ['./rss/fixtures/koi8r-ru.xml', 'rss'],
      ['./atom/fixtures/kunuz-uz.xml', 'atom'],
      ['./atom/fixtures/utf16le-bom.xml', 'atom'],
      ['./telegram/fixtures/channel/result.json', 'telegram'],
      ['./telegram/fixtures/account/result.json', 'telegram'],
      ['./csv/fixtures/posts.csv', 'csv'],
      ['./csv/fixtures/semicolon.csv', 'csv'],
      ['./csv/fixtures/unicode-text.tsv', 'csv'],
      ['./csv/fixtures/excel-ru-cp1251.csv', 'csv'],
      ['./jsonl/fixtures/posts.jsonl', 'jsonl'],
      ['./jsonl/fixtures/utf16be-nobom.jsonl', 'jsonl'],
    ];
    for (const [rel, format] of cases) {
      const head = fixture(import.meta.url, rel);
      assert.equal(detectFormat('download', head), format, rel);
      assert.equal(detectFormat('misnamed.txt', head), format, rel);
    }
  });

  it('tells a one-line Telegram export from JSONL and pretty JSON from both', () => {
    assert.equal(detectFormat('x', enc('{"name":"c","id":1,"messages":[]}')), 'telegram');
    assert.equal(detectFormat('x', enc('{"id":1,"text":"a"}\n{"id":2,"text":"b"}\n')), 'jsonl');
    assert.equal(detectFormat('x.jsonl', enc('{"id":1,"text":"a",\n')), 'jsonl');
    assert.equal(failure('x', enc('{\n "config": true\n}')), 'INPUT_FORMAT_UNKNOWN');
  });

  it('recognises HTML, Telegram web previews and sitemaps', () => {
    assert.equal(detectFormat('p', enc('<!DOCTYPE html><html><body>x</body></html>')), 'html');
    assert.equal(
      detectFormat('p', enc('<html><div class="tgme_widget_message">x</div></html>')),
      'telegram-html',
    );
    assert.equal(
      detectFormat(
        'p',
        enc('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>'),
      ),
      'sitemap',
    );
  });

  it('uses the extension only when content cannot decide', () => {
    assert.equal(detectFormat('one-column.csv', enc('text\nhello\n')), 'csv');
    assert.equal(detectFormat('empty.jsonl', enc('')), 'jsonl');
    assert.equal(failure('empty', enc('')), 'INPUT_FORMAT_UNKNOWN');
    assert.equal(
      failure('notes.txt', enc('just some prose without columns\nand more prose\n')),
      'INPUT_FORMAT_UNKNOWN',
    );
    assert.equal(
      failure('code.ts', enc("import assert from 'node:assert';\nimport { a, b } from './x.ts';\n")),
      'INPUT_FORMAT_UNKNOWN',
    );
    assert.equal(
      failure('prose.txt', enc('Hello, world. This is a letter, not a table.\nBest, me\n')),
      'INPUT_FORMAT_UNKNOWN',
    );
    assert.equal(detectFormat('export', enc(',id,text\n0,1,hello\n')), 'csv');
    assert.equal(failure('list.json', enc('[1, 2]')), 'INPUT_FORMAT_UNKNOWN');
    assert.equal(failure('x.xml', enc('<config><a/></config>')), 'INPUT_FORMAT_UNKNOWN');
  });

  it('refuses binaries by content, even with a text extension', () => {
    assert.equal(failure('feed.xml', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0])), 'INPUT_BINARY');
    assert.equal(failure('data.csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])), 'INPUT_BINARY');
  });

  it('reads a CP1251 CSV head', () => {
    assert.equal(detectFormat('x', iconv.encode('Дата;Текст\n01.05.2024;Привет\n', 'windows-1251')), 'csv');
  });
});
