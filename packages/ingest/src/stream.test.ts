import assert from 'node:assert/strict';
import { createWriteStream, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseFile } from './index.ts';

// A forced collection makes "memory held by the parser" measurable apart from not-yet-collected garbage.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** ~500-character records in Tajik and Russian: about 0.9 KB each in UTF-8. */
function line(i: number): string {
  const text =
    `${i}: Ҳукумати Тоҷикистон барои соли оянда буҷаи нав пешниҳод кард, ки хароҷоти иҷтимоӣ зиёд мешавад. Правительство объявило о новых мерах поддержки экономики, эксперты считают, что этого недостаточно. `.repeat(
      2,
    );
  return `${JSON.stringify({ id: `r${i}`, date: '2024-05-01T10:00:00Z', url: `https://example.tj/${i}`, text: text.slice(0, 500) })}\n`;
}

async function writeJsonl(file: string, bytes: number): Promise<number> {
  const out = createWriteStream(file);
  let written = 0;
  let n = 0;
  while (written < bytes) {
    let chunk = '';
    for (let k = 0; k < 1000; k++) chunk += line(n++);
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  return n;
}

describe('streaming', () => {
  let dir = '';
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('parses a ~50 MB JSONL file in bounded memory', { timeout: 120_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'ogoh-stream-'));
    const file = join(dir, 'big.jsonl');
    const lines = await writeJsonl(file, 50 * 1024 * 1024);
    const size = statSync(file).size;
    gc();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeld = 0;
    let n = 0;
    let last = '';
    for await (const ev of parseFile(file)) {
      if (!('record' in ev)) assert.fail(JSON.stringify(ev));
      n++;
      last = ev.record.externalId ?? '';
      if (n % 2000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
      if (n % 10_000 === 0) {
        gc();
        peakHeld = Math.max(peakHeld, process.memoryUsage().heapUsed - before.heapUsed);
      }
    }
    assert.equal(n, lines);
    assert.equal(last, `r${lines - 1}`);
    const mib = (b: number) => `${Math.round(b / 1048576)} MiB`;
    // What the parser holds after a collection is a few buffers, not the file (which would be ≥ its size).
    assert.ok(peakHeld < 16 * 1048576, `the heap held ${mib(peakHeld)} while streaming a ${mib(size)} file`);
    // Loosely: the process never grew by as much as the file itself.
    assert.ok(
      peakRss - before.rss < size,
      `RSS grew by ${mib(peakRss - before.rss)} while streaming a ${mib(size)} file`,
    );
  });

  it('closes the file when the consumer stops early', {
    skip: !existsSync('/proc/self/fd') && 'needs /proc',
  }, async () => {
    dir ||= await mkdtemp(join(tmpdir(), 'ogoh-stream-'));
    const file = join(dir, 'early.csv');
    await writeFile(
      file,
      `id,text\n${Array.from({ length: 100_000 }, (_, i) => `${i},текст ${i}`).join('\n')}`,
    );
    const openFds = () => readdirSync('/proc/self/fd').length;
    const baseline = openFds();
    for (let k = 0; k < 5; k++) {
      for await (const ev of parseFile(file)) {
        assert.ok('record' in ev);
        break;
      }
    }
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(openFds(), baseline);
  });
});
