/**
 * Serves the built dashboard (apps/web/dist): hashed assets cached for a year, index.html for every
 * other non-API path (the dashboard routes in the browser) and never cached, so a new build shows
 * at once. Paths are resolved inside the dist folder only.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ogoh</title></head>
<body><h1>Ogoh</h1><p>The API is running at <a href="/api/openapi.json">/api/openapi.json</a>, but the
dashboard is not built. Run <code>npm run build -w @ogoh/web</code> (or <code>npm start</code>) and reload.</p></body></html>`;

async function fileIn(root: string, rel: string): Promise<string | undefined> {
  const path = normalize(join(root, rel));
  if (!path.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  try {
    return (await stat(path)).isFile() ? path : undefined;
  } catch {
    return undefined;
  }
}

export function registerStatic(app: FastifyInstance, webDir: string | false): void {
  const root = webDir === false ? undefined : normalize(webDir);
  app.get('/assets/*', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const rel = (req.params as { '*': string })['*'];
    const path = root ? await fileIn(join(root, 'assets'), rel) : undefined;
    if (!path) return reply.status(404).type('text/plain; charset=utf-8').send('not found');
    return reply
      .type(TYPES[extname(path)] ?? 'application/octet-stream')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(await readFile(path));
  });
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    if (url.startsWith('/api/') || url === '/api') {
      return reply.status(404).send({
        error: { code: 'NOT_FOUND', message: `no API route ${req.method} ${url}`, requestId: String(req.id) },
      });
    }
    // Top-level files (favicon.svg, robots.txt) first, then the dashboard's entry page.
    const direct = root && /^\/[\w.-]+\.\w+$/.test(url) ? await fileIn(root, url.slice(1)) : undefined;
    const path = direct ?? (root ? await fileIn(root, 'index.html') : undefined);
    reply.header('cache-control', 'no-cache');
    if (!path) return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
    return reply.type(TYPES[extname(path)] ?? 'application/octet-stream').send(await readFile(path));
  });
}
