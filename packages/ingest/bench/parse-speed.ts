/**
 * Records per second for the streaming parsers (JSONL, CSV) on ~500-character records, through the
 * public entry points (decoding, line splitting, mapping, text tidying included).
 * Run: `node --import tsx packages/ingest/bench/parse-speed.ts [records]` from the repo root.
 * Reports wall-clock and CPU-time rates: on a shared machine the CPU rate is the one-core figure.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBytes, parseFile } from '../src/index.ts';

const N = Number(process.argv[2] ?? 100_000);
const SENTENCES = [
  'Ҳукумати Тоҷикистон барои соли оянда буҷаи нав пешниҳод кард, ки хароҷоти иҷтимоӣ зиёд мешавад.',
  'Правительство объявило о новых мерах поддержки экономики, эксперты считают, что этого недостаточно.',
  "O'zbekiston bilan chegarada savdo hajmi 20 foizga oshdi, deya xabar berdi vazirlik.",
  'The World Bank says a further $1.5 billion is needed for the Rogun dam, and talks continue.',
];

function text(i: number): string {
  let t = `${i}. `;
  for (let k = i; t.length < 500; k++) t += `${SENTENCES[k % SENTENCES.length]} `;
  return t.slice(0, 500);
}

function jsonl(n: number): Uint8Array {
  const lines: string[] = [];
  for (let i = 0; i < n; i++)
    lines.push(
      JSON.stringify({
        id: `r${i}`,
        date: '2024-05-01T10:00:00+05:00',
        author: 'Asia-Plus',
        url: `https://asiaplus.tj/news/${i}`,
        text: text(i),
      }),
    );
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

function csv(n: number): Uint8Array {
  const rows = ['id,date,author,url,text'];
  for (let i = 0; i < n; i++)
    rows.push(
      `r${i},01.05.2024 10:00,Asia-Plus,https://asiaplus.tj/news/${i},"${text(i).replaceAll('"', '""')}"`,
    );
  return new TextEncoder().encode(`${rows.join('\n')}\n`);
}

async function measure(label: string, run: () => AsyncIterable<unknown>, bytes: number): Promise<void> {
  let best = { wall: 0, cpu: 0 };
  for (let round = 0; round < 3; round++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let n = 0;
    for await (const ev of run()) if ('record' in (ev as object)) n++;
    const wall = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1e6;
    if (n !== N) throw new Error(`${label}: ${n} records, expected ${N}`);
    if (N / wall > best.wall) best = { wall: N / wall, cpu: N / cpu };
  }
  const mb = bytes / 1048576;
  console.log(
    `${label.padEnd(22)} ${Math.round(best.wall).toLocaleString('en')} records/s wall, ${Math.round(best.cpu).toLocaleString('en')} records/s CPU (${mb.toFixed(0)} MiB, ${((best.wall * bytes) / N / 1048576).toFixed(0)} MiB/s)`,
  );
}

const j = jsonl(N);
const c = csv(N);
await measure('JSONL parseBytes', () => parseBytes(j, { fileName: 'b.jsonl' }), j.length);
await measure('CSV parseBytes', () => parseBytes(c, { fileName: 'b.csv' }), c.length);
const dir = tmpdir();
const jf = join(dir, `ogoh-bench-${process.pid}.jsonl`);
const cf = join(dir, `ogoh-bench-${process.pid}.csv`);
writeFileSync(jf, j);
writeFileSync(cf, c);
try {
  await measure('JSONL parseFile', () => parseFile(jf), j.length);
  await measure('CSV parseFile', () => parseFile(cf), c.length);
} finally {
  rmSync(jf, { force: true });
  rmSync(cf, { force: true });
}
