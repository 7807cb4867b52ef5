import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldKey } from '@ogoh/text';
import { extractAnchors, monthOf, nameSkeleton, urlKey } from './anchors.ts';
import { findEntities, foldedWords } from './gazetteer.ts';

const keys = (text: string, title?: string) => extractAnchors({ text, ...(title ? { title } : {}) }).keys;

test('one place written the Tajik, Russian, Uzbek and English way has one skeleton', () => {
  for (const group of [
    ['Шаҳристон', 'Шахристан', 'Shahriston', 'шахристон'],
    ['Хуҷанд', 'Худжанд', 'Хучанд', 'Xoʻjand', 'Khujand'],
    ['Панҷакент', 'Пенджикент', 'Panjakent'],
    ['Ордынцев', 'Ordyntsev', 'Ordinsev'],
  ]) {
    const sk = new Set(group.map(nameSkeleton));
    assert.equal(sk.size, 1, `${group.join(', ')} → ${[...sk].join(', ')}`);
  }
  assert.equal(nameSkeleton('دوشنبه'), '', 'Persian script has no skeleton (its vowels are unwritten)');
});

test('dates in five languages, numbers with thousands separators and decimal commas', () => {
  assert.ok(keys('с 27 октября в Гиссаре').includes('d:10-27'));
  assert.ok(keys('аз 27-уми октябр дар Ҳисор').includes('d:10-27'));
  assert.ok(keys('27-oktabrdan Hisorda').includes('d:10-27'));
  assert.ok(keys('from October 27 in Hisor').includes('d:10-27'));
  assert.ok(keys('отчёт за 12.10.2026 опубликован').includes('d:10-12'));
  const k = keys('Платёж составляет 7 400 рублей, курс 118,7 сомони, 2026 год.');
  for (const want of ['n:7400', 'n:118.7', 'n:2026']) assert.ok(k.includes(want), `${want} in ${k}`);
  // a day used by a date is not also a number
  assert.ok(!keys('с 27 октября').includes('n:27'));
  assert.equal(monthOf('мая'), 5);
  assert.equal(monthOf('mayda'), 0, 'short month names must be whole words');
});

test('URLs in links and text, the item’s own URL, and quotations', () => {
  const a = extractAnchors({
    text: 'Подробнее https://www.Example.org/a/b/?utm=1 и «мы не допустим повторения трагедии в стране»',
    links: [{ url: 'https://news.example/x' }],
    url: 'https://site.example/story/1/',
  });
  for (const want of ['u:example.org/a/b', 'u:news.example/x', 'u:site.example/story/1'])
    assert.ok(a.keys.includes(want), want);
  assert.equal(a.keys.filter((k) => k.startsWith('q:')).length, 1);
  assert.equal(urlKey('ftp://x.example/a'), undefined);
});

test('proper names give skeleton anchors, sentence-initial words do not', () => {
  const k = keys('Водителей просят быть осторожными на перевале Анзоб.');
  assert.ok(k.includes(`c:${nameSkeleton('Анзоб').slice(0, 3)}`));
  assert.ok(!k.includes(`c:${nameSkeleton('Водителей').slice(0, 3)}`));
});

test('the gazetteer names one entity across languages, scripts and keyboard folding', () => {
  const ids = (t: string) => findEntities(foldedWords(foldKey(t))).map((h) => h.id);
  for (const t of [
    'саммит ОДКБ',
    'CSTO summit',
    'ҷаласаи САААД',
    'KXShT sammiti',
    'Созмони Аҳдномаи Амнияти Дастҷамъӣ',
  ])
    assert.ok(ids(t).includes('csto'), t);
  assert.ok(ids('в Гиссаре похолодает').includes('hisor'));
  assert.ok(ids('дар Хисор хаво сард мешавад').includes('hisor'), 'Tajik typed on a Russian keyboard');
  assert.ok(ids('Moskvada uchrashuv').includes('moscow'));
  assert.ok(ids('201-я российская военная база').includes('base-201'));
  assert.deepEqual(ids('погода хорошая, дождя не будет'), []);
});

test('English thousands separators, Russian decimal commas', () => {
  assert.ok(keys('police checked 4,700 migrants and 1,200,000 documents').includes('n:4700'));
  assert.ok(keys('police checked 4,700 migrants and 1,200,000 documents').includes('n:1200000'));
  assert.ok(keys('проверили 4700 мигрантов').includes('n:4700'));
  assert.ok(keys('инфляция 3,9%').includes('n:3.9'));
});
