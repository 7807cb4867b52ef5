import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeEntities, xmlCharData } from './entities.ts';
import { bareUrls, htmlToText, looksLikeHtml, resolveUrl } from './html.ts';

describe('htmlToText', () => {
  it('keeps paragraphs and line breaks, drops scripts, styles and comments', () => {
    const r = htmlToText(
      '<div><h1>Сарлавҳа</h1><p>Якум   сатр<br>дуюм&nbsp;сатр</p><!-- <p>no</p> --><script>var a = "<p>x</p>";</script><style>p{}</style><p>Охир</p></div>',
    );
    assert.equal(r.text, 'Сарлавҳа\n\nЯкум сатр\nдуюм сатр\n\nОхир');
  });

  it('collects links with their text, resolving relative ones; skips javascript:, mailto: and fragments', () => {
    const r = htmlToText(
      '<p><a href="/a?x=1&amp;y=2">один</a> <a href="https://b.tj/">https://b.tj/</a> <a href="javascript:void(0)">js</a> <a href="mailto:x@y.tj">mail</a> <a href="#top">top</a> <a href="/a?x=1&amp;y=2">dup</a></p>',
      'https://a.tj/news/1',
    );
    assert.deepEqual(r.links, [{ url: 'https://a.tj/a?x=1&y=2', text: 'один' }, { url: 'https://b.tj/' }]);
    assert.equal(r.text, 'один https://b.tj/ js mail top dup');
  });

  it('collects images, keeps pre-formatted line breaks and list items', () => {
    const r = htmlToText(
      '<img src="/i.jpg" width="10" height="20"><pre>a\n  b</pre><ol><li>x</li><li>y</li></ol>',
      'https://a.tj/',
    );
    assert.deepEqual(r.images, [{ kind: 'photo', url: 'https://a.tj/i.jpg', width: 10, height: 20 }]);
    assert.equal(r.text, 'a\nb\n\nx\ny');
  });

  it('never throws on broken markup', () => {
    for (const s of [
      '<p',
      '<a href="x',
      '<<<>>>',
      '<script>never closed',
      '</p></div>',
      '<![CDATA[x',
      '<!--',
      '&#99999999;',
      '<a href=>',
    ]) {
      assert.equal(typeof htmlToText(s).text, 'string');
    }
    assert.equal(htmlToText('<script>never closed <p>hidden</p>').text, '');
  });
});

describe('entities', () => {
  it('decodes named, decimal, hex and Windows-1252 C1 references once', () => {
    assert.equal(
      decodeEntities('&laquo;Ҳа&raquo; &#1187; &#x49B; &#151; &amp;amp; &unknown; &#0;'),
      '«Ҳа» ң қ — &amp; &unknown; \ufffd',
    );
    assert.equal(decodeEntities('a &amp b'), 'a &amp b');
    assert.equal(decodeEntities('a &amp b', true), 'a & b');
  });

  it('keeps CDATA literal and decodes around it', () => {
    assert.equal(xmlCharData('&lt;<![CDATA[&lt;<b>]]>&gt;'), '<&lt;<b>>');
    assert.equal(xmlCharData('<![CDATA[unterminated'), 'unterminated');
  });
});

describe('helpers', () => {
  it('tells markup from text that merely contains "<"', () => {
    assert.ok(looksLikeHtml('<p>x</p>'));
    assert.ok(looksLikeHtml('a&nbsp;b'));
    assert.ok(!looksLikeHtml('2 < 3 and 5 > 4'));
    assert.ok(!looksLikeHtml('AT&T'));
  });

  it('finds URLs in plain text without trailing punctuation', () => {
    assert.deepEqual(
      bareUrls('Манбаъ: https://khovar.tj/a/1. Ва (https://x.tj/b), https://x.tj/wiki/A_(b)!'),
      ['https://khovar.tj/a/1', 'https://x.tj/b', 'https://x.tj/wiki/A_(b)'],
    );
  });

  it('resolves only to http(s)', () => {
    assert.equal(resolveUrl('../b', 'https://a.tj/x/y'), 'https://a.tj/b');
    assert.equal(resolveUrl('b', undefined), undefined);
    assert.equal(resolveUrl('data:text/html,x', 'https://a.tj/'), undefined);
  });
});
