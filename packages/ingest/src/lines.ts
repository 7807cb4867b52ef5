/** Offsets → 1-based line and column, for records and errors. */

export interface Position {
  line: number;
  column: number;
}

/**
 * Answers offset → position for offsets that mostly increase (records in file order), counting each
 * newline once; an offset before the previous one restarts from the beginning.
 */
export class LineCounter {
  private offset = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  at(offset: number): Position {
    if (offset < this.offset) {
      this.offset = 0;
      this.line = 1;
      this.lineStart = 0;
    }
    const t = this.text;
    const end = Math.min(offset, t.length);
    let i = t.indexOf('\n', this.offset);
    while (i !== -1 && i < end) {
      this.line++;
      this.lineStart = i + 1;
      i = t.indexOf('\n', i + 1);
    }
    this.offset = end;
    return { line: this.line, column: end - this.lineStart + 1 };
  }
}

/** Number of "\n" in `s` from `from` to `to`. */
export function countNewlines(s: string, from = 0, to = s.length): number {
  let n = 0;
  let i = s.indexOf('\n', from);
  while (i !== -1 && i < to) {
    n++;
    i = s.indexOf('\n', i + 1);
  }
  return n;
}
