/**
 * Cards as Markdown and as self-contained, printable HTML (inline CSS, no scripts, no external
 * resources) so that an educator can open a file offline and print it. The font stack lists faces
 * that carry the Tajik letters ғ ӣ қ ӯ ҳ ҷ; each card starts on a new page when a deck is printed.
 */
import { type Card, type CardLang, cardDeck } from './cards.ts';

const SECTIONS = ['what', 'why', 'check', 'example'] as const;

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One card as Markdown. */
export function cardMarkdown(card: Card): string {
  const h = cardDeck(card.lang).headings;
  const out = [`## ${card.title}`, '', `*${h[card.kind]} · ${card.groupLabel} · \`${card.id}\`*`, ''];
  for (const s of SECTIONS) out.push(`**${h[s]}.** ${card[s]}`, '');
  out.push(
    `<sub>${h.footer} (cards ${card.cardsVersion}, taxonomy ${card.taxonomyVersion}, ${card.status})</sub>`,
    '',
  );
  return out.join('\n');
}

const CSS = `
:root{color-scheme:light}
body{font-family:"Noto Sans","DejaVu Sans","PT Sans","Segoe UI",Arial,sans-serif;color:#1a1a1a;margin:0;padding:24px;background:#f4f4f2;line-height:1.45}
.card{background:#fff;max-width:760px;margin:0 auto 24px;padding:28px 32px;border:1px solid #ccc;border-radius:8px;page-break-inside:avoid;break-inside:avoid}
.card h2{margin:0 0 4px;font-size:1.45em}
.meta{color:#555;font-size:.85em;margin:0 0 16px}
.meta code{font-size:.95em}
.kind-technique{border-top:8px solid #3867a8}
.kind-narrative{border-top:8px solid #a8572f}
section{margin:0 0 14px}
section h3{font-size:.8em;text-transform:uppercase;letter-spacing:.06em;color:#444;margin:0 0 2px}
section p{margin:0}
section.example p{font-style:italic;background:#f7f5ee;padding:8px 12px;border-left:3px solid #c9b77a}
footer{font-size:.75em;color:#666;border-top:1px solid #ddd;padding-top:8px;margin-top:16px}
h1.deck{max-width:760px;margin:0 auto 16px;font-size:1.6em}
@media print{
 body{background:#fff;padding:0}
 .card{border:1px solid #999;border-radius:0;margin:0 0 12mm;max-width:none;box-shadow:none}
 .deck .card{page-break-after:always;break-after:page}
 .deck .card:last-child{page-break-after:auto;break-after:auto}
 h1.deck{display:none}
 @page{margin:15mm}
}`;

function cardArticle(card: Card): string {
  const h = cardDeck(card.lang).headings;
  const sections = SECTIONS.map(
    (s) => `<section class="${s}"><h3>${esc(h[s])}</h3><p>${esc(card[s])}</p></section>`,
  ).join('\n');
  return `<article class="card kind-${card.kind}" id="${esc(card.id)}">
<h2>${esc(card.title)}</h2>
<p class="meta">${esc(h[card.kind])} · ${esc(card.groupLabel)} · <code>${esc(card.id)}</code></p>
${sections}
<footer>${esc(h.footer)} Cards ${esc(card.cardsVersion)} · taxonomy ${esc(card.taxonomyVersion)} · ${esc(card.status)}</footer>
</article>`;
}

function page(lang: CardLang, title: string, body: string, bodyClass: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body class="${bodyClass}">
${body}
</body>
</html>
`;
}

/** One card as a self-contained HTML document. */
export function cardHtml(card: Card): string {
  return page(card.lang, `${card.title} — Ogoh`, cardArticle(card), 'single');
}

/** A deck of cards as one self-contained HTML document; each card prints on its own page. */
export function deckHtml(cards: readonly Card[], lang: CardLang, title = 'Ogoh'): string {
  return page(
    lang,
    title,
    `<h1 class="deck">${esc(title)}</h1>\n${cards.map(cardArticle).join('\n')}`,
    'deck',
  );
}
