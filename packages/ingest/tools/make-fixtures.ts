/**
 * Writes the fixtures that are not UTF-8 (they cannot be edited as text): legacy Cyrillic code pages
 * and UTF-16. Run from the repo root with `node --import tsx packages/ingest/tools/make-fixtures.ts`;
 * the output is committed, so tests never depend on this script.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';

const src = join(import.meta.dirname, '..', 'src');

function write(rel: string, text: string, encoding: string, bom = false): void {
  const body = iconv.encode(text, encoding, { addBOM: bom });
  writeFileSync(join(src, rel), body);
  console.log(`${rel}: ${body.length} bytes (${encoding}${bom ? ', BOM' : ''})`);
}

const rssRu = (
  declared: string | undefined,
) => `<?xml version="1.0"${declared ? ` encoding="${declared}"` : ''}?>
<rss version="2.0">
  <channel>
    <title>Вечерний Душанбе</title>
    <link>https://vecherka.tj/</link>
    <language>ru</language>
    <item>
      <title>Ёлка на площади Дружбы: подготовка началась</title>
      <link>https://vecherka.tj/archives/70001</link>
      <guid isPermaLink="false">vecherka-70001</guid>
      <pubDate>Mon, 02 Dec 2024 09:00:00 +0500</pubDate>
      <description>&lt;p&gt;Главную ёлку столицы установят к 20 декабря. Жители обсуждают, сколько это стоит бюджету.&lt;/p&gt;</description>
    </item>
    <item>
      <title>Цены на муку выросли на треть</title>
      <link>https://vecherka.tj/archives/70002</link>
      <pubDate>Mon, 02 Dec 2024 12:00:00 +0500</pubDate>
      <description>По словам продавцов, мешок муки теперь стоит 380 сомони. Эксперты объясняют рост неурожаем в Казахстане.</description>
    </item>
  </channel>
</rss>
`;

write('rss/fixtures/cp1251-ru.xml', rssRu('windows-1251'), 'windows-1251');
write('rss/fixtures/koi8r-ru.xml', rssRu('KOI8-R'), 'koi8-r');
write('rss/fixtures/cp1251-undeclared.xml', rssRu(undefined), 'windows-1251');

write(
  'atom/fixtures/utf16le-bom.xml',
  `<?xml version="1.0" encoding="UTF-16"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="tg">
  <title>Ховар</title>
  <link href="https://khovar.tj/"/>
  <entry>
    <id>https://khovar.tj/2024/05/budjet/</id>
    <title>Маҷлиси намояндагон буҷаи соли 2025-ро баррасӣ кард</title>
    <link href="https://khovar.tj/2024/05/budjet/"/>
    <published>2024-05-01T14:00:00+05:00</published>
    <content type="html">&lt;p&gt;Хароҷоти иҷтимоӣ ҳиссаи асосии буҷаро ташкил медиҳад.&lt;/p&gt;</content>
  </entry>
</feed>
`,
  'utf-16le',
  true,
);

write(
  'csv/fixtures/excel-ru-cp1251.csv',
  [
    'Дата;Автор;Текст;Ссылка',
    '01.05.2024 10:00;Иван Петров;"Ситуация на границе спокойная; пограничники усилили патрули.";https://example.ru/1',
    '02.05.2024 18:45;Мария;"Цитата: ""мы ничего не знали"" — так ответили в ведомстве.";https://example.ru/2',
    '',
  ].join('\r\n'),
  'windows-1251',
);

write(
  'csv/fixtures/koi8r.csv',
  [
    'id,date,text',
    '1,2024-05-01,Старый архив новостей в кодировке КОИ-8: ёжик в тумане и съезд партии.',
    '2,2024-05-02,"Вторая строка, с запятой внутри кавычек."',
    '',
  ].join('\n'),
  'koi8-r',
);

write(
  'csv/fixtures/unicode-text.tsv',
  [
    'id\ttext\tdate',
    '1\tМуҳоҷирон дар Русия\t2024-05-01',
    '2\t"Сатри дуюм\tбо табулятсия"\t2024-05-02',
    '',
  ].join('\r\n'),
  'utf-16le',
  true,
);

write(
  'jsonl/fixtures/utf16be-nobom.jsonl',
  [
    '{"id": "be1", "text": "UTF-16 big-endian without a byte-order mark"}',
    '{"id": "be2", "text": "Текст на русском языке"}',
    '',
  ].join('\n'),
  'utf-16be',
);
