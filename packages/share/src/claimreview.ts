/**
 * schema.org ClaimReview (JSON-LD) for published debunks: the fact-checked claims the exported
 * items repeat (each with the fact-checker's own verdict, and the items' URLs added as
 * appearances), and a case once its status is "published" (reviewed by the producing organisation).
 * The shape is what fact-checkers publish and what `ogoh claims import` reads back.
 */
import { OgohError } from '@ogoh/core';
import type { ExportInput } from './input.ts';
import { stixTime } from './stix.ts';

export type JsonLd = Record<string, unknown>;

function appearances(urls: (string | undefined)[]): JsonLd[] {
  return [...new Set(urls.filter((u): u is string => !!u))]
    .sort()
    .map((url) => ({ '@type': 'CreativeWork', url }));
}

/**
 * `{ "@context": "https://schema.org", "@graph": [ClaimReview…] }`. Throws USAGE for a case that is
 * not published: a draft must not leave as a debunk.
 */
export function buildClaimReviews(input: ExportInput): JsonLd {
  const itemUrl = new Map(input.items.map((i) => [i.id, i.canonicalUrl ?? i.url]));
  const graph: JsonLd[] = [];
  const c = input.case;
  if (c) {
    if (c.status !== 'published')
      throw new OgohError('USAGE', `case ${c.id} is "${c.status}", not published`, {
        field: 'format',
        hint: 'publish the case first; ClaimReview is only for published debunks',
      });
    graph.push({
      '@type': 'ClaimReview',
      '@id': `urn:ogoh:case:${c.id}`,
      claimReviewed: c.title,
      ...(c.summary ? { reviewBody: c.summary } : {}),
      datePublished: stixTime(c.modified ?? c.created).slice(0, 10),
      author: { '@type': 'Organization', name: input.producer.name },
      itemReviewed: {
        '@type': 'Claim',
        appearance: appearances(input.items.map((i) => i.canonicalUrl ?? i.url)),
      },
    });
  }
  for (const { claim, items } of [...(input.claims ?? [])].sort((a, b) =>
    a.claim.id.localeCompare(b.claim.id),
  )) {
    graph.push({
      '@type': 'ClaimReview',
      ...(/^[a-z][a-z0-9+.-]*:/i.test(claim.id) ? { '@id': claim.id } : { identifier: claim.id }),
      ...(claim.url ? { url: claim.url } : {}),
      claimReviewed: claim.text,
      ...(claim.title ? { headline: claim.title } : {}),
      ...(claim.date ? { datePublished: claim.date } : {}),
      ...(claim.org ? { author: { '@type': 'Organization', name: claim.org } } : {}),
      ...(claim.rating ? { reviewRating: { '@type': 'Rating', alternateName: claim.rating } } : {}),
      ...(claim.lang ? { inLanguage: claim.lang } : {}),
      itemReviewed: {
        '@type': 'Claim',
        ...(claim.claimant ? { author: { '@type': 'Organization', name: claim.claimant } } : {}),
        ...(claim.claimDate ? { datePublished: claim.claimDate } : {}),
        appearance: appearances([...(claim.appearances ?? []), ...items.map((a) => itemUrl.get(a.itemId))]),
      },
    });
  }
  return { '@context': 'https://schema.org', '@graph': graph };
}
