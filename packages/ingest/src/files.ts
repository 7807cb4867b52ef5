/** Expanding the paths a user gives into the files to ingest. */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { OgohError } from '@ogoh/core';

/**
 * Files that are never ingestible on their own: the photos, videos, stickers and page assets that
 * sit next to a Telegram export's result.json. Skipping them keeps a directory ingest's report about
 * real problems. Archives and PDFs are not skipped: the user should hear that they need extracting.
 */
// biome-ignore format: a lookup table reads best compact
const ASSET_EXTENSIONS = new Set([
  '.jpg', '.jpeg', '.png', '.gif', '.webp', '.bmp', '.tif', '.tiff', '.heic', '.svg', '.ico', '.mp4',
  '.mov', '.webm', '.mkv', '.avi', '.m4v', '.mp3', '.m4a', '.ogg', '.oga', '.opus', '.wav', '.flac', '.tgs',
  '.css', '.js', '.mjs', '.map', '.woff', '.woff2', '.ttf', '.otf', '.eot',
]);

/**
 * The files under a path: the path itself when it is a file, else every file below it, recursively,
 * sorted by path (code-unit order, stable across machines), skipping hidden entries, node_modules and
 * media/page assets. Symbolic links are followed once (loops are cut).
 * @throws OgohError INPUT_MISSING when the path does not exist or cannot be read
 * @example await listFiles('exports/') // ['exports/asiaplus/result.json', 'exports/feeds/rus.xml']
 */
export async function listFiles(pathOrDir: string): Promise<string[]> {
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(pathOrDir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new OgohError(
      'INPUT_MISSING',
      code === 'ENOENT' ? 'no such file or directory' : `cannot read (${code ?? 'error'})`,
      {
        file: pathOrDir,
        cause: e,
      },
    );
  }
  if (!st.isDirectory()) return [pathOrDir];
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    const real = await realpath(dir);
    if (seen.has(real)) return;
    seen.add(real);
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      throw new OgohError(
        'INPUT_MISSING',
        `cannot list the directory (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
        {
          file: dir,
          cause: e,
        },
      );
    }
    for (const ent of entries) {
      const name = ent.name;
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(dir, name);
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      if (ent.isSymbolicLink()) {
        try {
          const s = await stat(p);
          isDir = s.isDirectory();
          isFile = s.isFile();
        } catch {
          continue; // dangling link
        }
      }
      if (isDir) await walk(p);
      else if (isFile && !ASSET_EXTENSIONS.has(extname(name).toLowerCase())) out.push(p);
    }
  };
  await walk(pathOrDir);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
