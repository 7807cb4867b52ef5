import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { briefSeries } from '../use-cases/briefs.ts';
import { type BriefData, isRtl, renderBriefHtml, renderBriefMarkdown } from './render.ts';
import { BRIEF_LANGS, BRIEF_STRINGS, type BriefStrings } from './strings.ts';

const TAJIK = /[ҳҷқғӣӯҲҶҚҒӢӮ]/;

function data(lang: BriefData['lang'], over: Partial<BriefData> = {}): BriefData {
  return {
    lang,
    generatedAt: '2026-03-05T12:00:00.000Z',
    case: {
      id: 'ca_test',
      title: 'Ҳуҷҷатҳои қалбакӣ <script>alert(1)</script>',
      summary: 'Ду манбаъ | як хабар',
      status: 'in_review',
      tlp: 'amber+strict',
      createdBy: 'nilufar',
      createdAt: '2026-03-01T00:00:00.000Z',
      updatedAt: '2026-03-02T00:00:00.000Z',
    },
    facts: {
      items: 2,
      sources: 2,
      langs: ['tg', 'fa'],
      firstSeen: '2026-03-01T08:00:00Z',
      lastSeen: '2026-03-03T09:00:00Z',
    },
    series: briefSeries(['2026-03-01T08:00:00Z', '2026-03-03T09:00:00Z']),
    timeline: [
      {
        itemId: 'it_1',
        published: '2026-03-01T08:00:00Z',
        sourceName: 'Манбаъ',
        lang: 'tg',
        text: 'Ғалла қимат шуд',
      },
      {
        itemId: 'it_2',
        published: '2026-03-03T09:00:00Z',
        sourceName: 'Ava',
        lang: 'fa',
        text: 'قیمت غله در تاجیکستان بالا رفت',
      },
    ],
    timelineMore: 0,
    provenance: [],
    narratives: [
      {
        id: 'ru-x',
        name: 'Нарратив',
        group: 'Group',
        items: 2,
        maxScore: 0.91,
        quotes: [{ text: 'қимат шуд', itemId: 'it_1', lang: 'tg' }],
        disarm: ['T0022.001'],
        card: { what: 'W', why: 'Y', check: 'C', headings: { what: 'Чист', why: 'Чаро', check: 'Санҷиш' } },
      },
    ],
    techniques: [],
    convergence: [],
    disarm: [{ id: 'T0022.001', via: ['ru-x'] }],
    checks: ['check one'],
    notes: [],
    ...over,
  };
}

describe('brief strings', () => {
  test('every language has every key; Tajik strings are Tajik, not Russian', () => {
    const keys = (o: object, p = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        v && typeof v === 'object' ? keys(v as object, `${p}${k}.`) : [`${p}${k}`],
      );
    const en = keys(BRIEF_STRINGS.en).sort();
    for (const lang of BRIEF_LANGS) assert.deepEqual(keys(BRIEF_STRINGS[lang]).sort(), en, lang);
    const tg = BRIEF_STRINGS.tg as BriefStrings;
    for (const s of [
      tg.title,
      tg.draft,
      tg.draftNote,
      tg.sections.provenance,
      tg.sections.checks,
      tg.checks.safety,
    ])
      assert.match(s, TAJIK, s);
    assert.notEqual(tg.draft, BRIEF_STRINGS.ru.draft);
  });
});

describe('brief renderers', () => {
  test('HTML: TLP first, draft marked, escaped, RTL Persian, print CSS, nothing external', () => {
    const html = renderBriefHtml(data('tg'));
    assert.ok(html.indexOf('TLP:AMBER+STRICT') < html.indexOf('ЛОИҲА'));
    assert.ok(html.indexOf('ЛОИҲА — барои баррасии инсон') < html.indexOf('<h1>'));
    assert.doesNotMatch(html, /<script/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /<span dir="rtl" lang="fa">قیمت غله در تاجیکستان بالا رفت<\/span>/);
    assert.doesNotMatch(html, /dir="rtl"[^>]*>Ғалла/);
    assert.match(html, /@media print/);
    assert.match(html, /"DejaVu Sans"/);
    assert.match(html, /<svg class="chart"[^>]*>.*<rect /s);
    assert.equal((html.match(/<rect /g) ?? []).length, 3, 'three days, one of them empty');
    assert.doesNotMatch(html, /\ssrc=|<link|<img|url\(|@import|https?:\/\//);
    assert.match(html, /data-card="ru-x"/);
  });

  test('Markdown: timeline table, escaped cells, DISARM list, cards, placeholders in the language', () => {
    const md = renderBriefMarkdown(data('ru'));
    assert.match(md.split('\n')[0]!, /^\*\*TLP:AMBER\+STRICT\*\*/);
    assert.match(md, /ЧЕРНОВИК — для проверки человеком/);
    assert.match(md, /\| 2026-03-01 \| 1 \|/);
    assert.doesNotMatch(md, /\| 2026-03-02 \| 0 \|/, 'empty days are left out of the table');
    assert.match(md, /\\<script\\>/);
    assert.match(md, /- T0022\.001 \(через ru-x\)/);
    assert.match(md, /\*\*Карточка медиаграмотности\.\*\*/);
    assert.match(md, /## Приёмы манипуляции\n\nВ материалах не найдено\./);
    const unavailable = renderBriefMarkdown(data('en', { provenance: 'unavailable' }));
    assert.match(unavailable, /Provenance tracing is not available/);
  });

  test('isRtl and the series buckets', () => {
    assert.equal(isRtl('قیمت غله'), true);
    assert.equal(isRtl('Ғалла қимат шуд'), false);
    assert.equal(isRtl('12345'), false);
    const long = briefSeries(['2026-01-01T00:00:00Z', '2026-06-30T00:00:00Z']);
    assert.equal(long.bucket, 'week');
    assert.equal(long.points[0]!.start, '2025-12-29', 'ISO weeks start on Monday');
    assert.equal(
      long.points.reduce((n, p) => n + p.count, 0),
      2,
    );
    assert.deepEqual(briefSeries([]), { bucket: 'day', points: [] });
  });
});
