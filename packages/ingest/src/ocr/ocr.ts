/**
 * Text in images (screenshots of posts, captioned photos, leaflets) through Debian's tesseract,
 * run as a child process: tesseract-ocr with the tgk, rus, uzb, uzb_cyrl and fas models, installed
 * by scripts/ocr-install.sh and .ci/run. No network, no model download: the models are Debian's.
 */
import { spawn } from 'node:child_process';
import { OgohError } from '@ogoh/core';

export interface OcrOptions {
  /** tesseract language codes, e.g. ['tgk', 'rus']. @default ['tgk', 'rus'] */
  langs?: string[];
  /** page segmentation mode. @default 3 (automatic) */
  psm?: number;
  /** @default 60000 */
  timeoutMs?: number;
  /** images larger than this are refused. @default 20 MiB */
  maxBytes?: number;
  /** the executable. @default 'tesseract' (or $OGOH_TESSERACT) */
  binary?: string;
}

export interface OcrResult {
  text: string;
  /** the languages tesseract was run with */
  langs: string[];
  ms: number;
}

export interface TesseractInfo {
  version: string;
  languages: string[];
}

/** Our language codes → tesseract's models (Uzbek in both scripts). */
const MODELS: Record<string, string[]> = {
  tg: ['tgk'],
  ru: ['rus'],
  uk: ['rus'],
  uz: ['uzb_cyrl', 'uzb'],
  fa: ['fas'],
  en: ['eng'],
};

/**
 * Tesseract models for a source's languages, in order, without repeats; Tajik and Russian when
 * the languages name none (the two languages most images here carry).
 * @example ocrLangsFor(['tg', 'uz']) // ['tgk', 'uzb_cyrl', 'uzb']
 */
export function ocrLangsFor(languages: readonly string[]): string[] {
  const out: string[] = [];
  for (const l of languages) for (const m of MODELS[l.toLowerCase()] ?? []) if (!out.includes(m)) out.push(m);
  return out.length > 0 ? out : ['tgk', 'rus'];
}

function binaryOf(o: { binary?: string }): string {
  return o.binary ?? process.env.OGOH_TESSERACT ?? 'tesseract';
}

function run(
  binary: string,
  args: string[],
  input: Uint8Array | undefined,
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // One OpenMP thread: tesseract's default uses every core, which only adds contention when
    // several images are read side by side.
    const child = spawn(binary, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new OgohError('INTERNAL', `tesseract took longer than ${timeoutMs} ms`, {
          hint: 'a very large or complex image; raise the OCR timeout or skip it',
        }),
      );
    }, timeoutMs);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        e.code === 'ENOENT'
          ? new OgohError('INPUT_MISSING', `tesseract is not installed (no "${binary}" on PATH)`, {
              hint: 'run scripts/ocr-install.sh (Debian: tesseract-ocr with -tgk -rus -uzb -uzb-cyrl -fas)',
              cause: e,
            })
          : new OgohError('INTERNAL', `cannot run tesseract: ${e.message}`, { cause: e }),
      );
    });
    child.stdout.on('data', (c: Buffer) => {
      outBytes += c.length;
      if (outBytes <= 4 * 1024 * 1024) out.push(c);
    });
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

let cachedInfo: Promise<TesseractInfo | undefined> | undefined;

/**
 * Tesseract's version and installed languages, or undefined when it is not installed. Cached.
 * @example if (!(await tesseractInfo())) console.log('OCR unavailable');
 */
export function tesseractInfo(options: { binary?: string } = {}): Promise<TesseractInfo | undefined> {
  const fresh = options.binary !== undefined;
  if (!fresh && cachedInfo) return cachedInfo;
  const p = (async () => {
    try {
      const binary = binaryOf(options);
      const v = await run(binary, ['--version'], undefined, 10_000);
      const l = await run(binary, ['--list-langs'], undefined, 10_000);
      if (v.code !== 0 || l.code !== 0) return undefined;
      const version = /tesseract\s+v?([\d.]+)/i.exec(v.stdout + v.stderr)?.[1] ?? 'unknown';
      const languages = l.stdout
        .split('\n')
        .slice(1)
        .map((s) => s.trim())
        .filter((s) => /^[a-z_]+$/i.test(s) && s !== 'osd');
      return { version, languages };
    } catch {
      return undefined;
    }
  })();
  if (!fresh) cachedInfo = p;
  return p;
}

/** PNG, JPEG, GIF, BMP, TIFF, WebP by magic number (what tesseract's leptonica reads). */
export function imageKind(bytes: Uint8Array): string | undefined {
  const b = bytes;
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return 'gif';
  if (b[0] === 0x42 && b[1] === 0x4d) return 'bmp';
  if ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a) || (b[0] === 0x4d && b[1] === 0x4d && b[3] === 0x2a))
    return 'tiff';
  if (b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[8] === 0x57 && b[9] === 0x45) return 'webp';
  return undefined;
}

/**
 * Reads the text in an image. Languages not installed are left out (and reported by `langs`);
 * none installed is an error.
 * @throws OgohError INPUT_MISSING (no tesseract / no models), INPUT_BINARY (not an image), INPUT_TOO_LARGE
 * @example const { text } = await ocrImage(await readFile('photo.jpg'), { langs: ['tgk', 'rus'] });
 */
export async function ocrImage(image: Uint8Array, options: OcrOptions = {}): Promise<OcrResult> {
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  if (image.length > maxBytes)
    throw new OgohError(
      'INPUT_TOO_LARGE',
      `the image is ${image.length} bytes; the OCR limit is ${maxBytes}`,
    );
  if (!imageKind(image))
    throw new OgohError('INPUT_BINARY', 'not an image tesseract reads (PNG, JPEG, GIF, BMP, TIFF, WebP)');
  const info = await tesseractInfo(options.binary !== undefined ? { binary: options.binary } : {});
  if (!info)
    throw new OgohError('INPUT_MISSING', 'tesseract is not installed', {
      hint: 'run scripts/ocr-install.sh (Debian: tesseract-ocr with -tgk -rus -uzb -uzb-cyrl -fas)',
    });
  const wanted = options.langs && options.langs.length > 0 ? options.langs : ['tgk', 'rus'];
  const langs = wanted.filter((l) => info.languages.includes(l));
  if (langs.length === 0)
    throw new OgohError('INPUT_MISSING', `no tesseract model installed for ${wanted.join(', ')}`, {
      hint: `installed: ${info.languages.join(', ') || 'none'}; run scripts/ocr-install.sh`,
    });
  const started = performance.now();
  const res = await run(
    binaryOf(options),
    ['stdin', 'stdout', '-l', langs.join('+'), '--psm', String(options.psm ?? 3)],
    image,
    options.timeoutMs ?? 60_000,
  );
  if (res.code !== 0)
    throw new OgohError(
      'INPUT_BINARY',
      `tesseract could not read the image (${res.stderr.trim().split('\n').at(-1)})`,
    );
  const text = res.stdout
    .replace(/\f/g, '')
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, langs, ms: performance.now() - started };
}
