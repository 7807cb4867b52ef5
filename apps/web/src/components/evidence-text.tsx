import type { ReactNode } from 'react';

export interface EvidenceSpan {
  start: number;
  end: number;
  /** the detection it belongs to */
  id: string;
  label: string;
  rejected?: boolean;
}

/**
 * A text cut at every evidence boundary; a piece inside any span is a <mark> naming its labels.
 * Spans outside the text are ignored (an edited item, a stale detection).
 */
export function EvidenceText({
  text,
  lang,
  spans,
  selected,
  className,
}: {
  text: string;
  lang: string;
  spans: readonly EvidenceSpan[];
  selected?: string | undefined;
  className: string;
}) {
  const valid = spans.filter((e) => e.start >= 0 && e.end > e.start && e.end <= text.length);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((s) => [s.start, s.end])])].sort(
    (a, b) => a - b,
  );
  const parts: ReactNode[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i]!;
    const b = cuts[i + 1]!;
    const piece = text.slice(a, b);
    const over = valid.filter((s) => s.start <= a && s.end >= b);
    if (over.length === 0) parts.push(piece);
    else {
      const cls = [
        'ev',
        over.some((s) => s.id === selected) ? 'ev-selected' : '',
        over.every((s) => s.rejected) ? 'ev-rejected' : '',
      ]
        .filter(Boolean)
        .join(' ');
      parts.push(
        <mark key={a} className={cls} title={[...new Set(over.map((s) => s.label))].join(', ')}>
          {piece}
        </mark>,
      );
    }
  }
  return (
    <p className={className} dir="auto" lang={lang === 'und' ? undefined : lang}>
      {parts}
    </p>
  );
}
