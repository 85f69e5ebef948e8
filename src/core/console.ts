// Serves the web console (built by `npm run build:console` into console/dist) at /console/, and
// redirects / there. Files are read once at start: the bundle is small and never changes at run time.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { htmlPage } from './html.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/** The package root (the folder with package.json), from src/core or a compiled copy of it. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export function consoleDir(): string {
  return join(packageRoot(), 'console', 'dist');
}

function readTree(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(relative(root, p).split(sep).join('/'), readFileSync(p));
    }
  };
  if (existsSync(join(root, 'index.html'))) walk(root);
  return files;
}

export function installConsole(app: FastifyInstance, dir = consoleDir()): void {
  const files = readTree(dir);
  const notBuilt = htmlPage({
    title: 'Campo',
    lang: 'en',
    body: '<h1>The console has not been built</h1><p>Run <code>npm run build:console</code> (it runs as part of <code>npm ci</code>) and restart the server.</p>',
  });

  const send = (reply: FastifyReply, path: string) => {
    const file = files.get(path);
    if (!file) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    // Hashed asset names change with their content; the page itself is always revalidated.
    reply.header('cache-control', path.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    return reply.type(TYPES[extname(path)] ?? 'application/octet-stream').send(file);
  };

  const index = async (_request: unknown, reply: FastifyReply) => {
    if (!files.has('index.html')) return reply.code(503).type('text/html; charset=utf-8').send(notBuilt);
    return send(reply, 'index.html');
  };

  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/console/', 302));
  app.get('/console', { schema: { hide: true } }, index);
  app.get('/console/*', { schema: { hide: true } }, async (request, reply) => {
    // The raw path keeps the file name's case (the router itself matches case-insensitively).
    const path = decodeURIComponent(request.url.split('?')[0].replace(/^\/console\/?/i, ''));
    if (path === '' || path === 'index.html') return index(request, reply);
    return send(reply, path);
  });
}
