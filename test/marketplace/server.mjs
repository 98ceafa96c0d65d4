// The demo marketplace: a tiny static server for test/marketplace/ (no dependencies).
// `npm run marketplace` → http://127.0.0.1:5178/ (port from MARKETPLACE_PORT).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/**
 * Start the server; resolves with { url, close, serve }. `serve(path, answer)` makes the server
 * answer GET `path` with `answer` ({ status?, body, type? }) instead of a file, until called with
 * null: a supervisor's team library that changes between fetches (e2e team-library.spec.ts).
 * Every request is logged in `requests` (method, path and headers), to check what was sent.
 */
export function startMarketplace(port = Number(process.env.MARKETPLACE_PORT ?? 5178), host = '127.0.0.1') {
  const served = new Map();
  const requests = [];
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      requests.push({ method: req.method, path: url.pathname + url.search, headers: { ...req.headers } });
      const answer = served.get(url.pathname);
      if (answer) {
        res.writeHead(answer.status ?? 200, { 'content-type': answer.type ?? 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(answer.body);
        return;
      }
      let path = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
      if (path.includes('node_modules')) throw new Error('not served');
      let file = resolve(ROOT, path);
      if (!file.startsWith(ROOT)) throw new Error('outside root');
      const info = await stat(file).catch(() => null);
      if (info?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const addr = server.address();
      // close() also drops open sockets: Chromium keeps speculative connections that never carry a
      // request, and server.close() alone waits for those until the headers timeout (60 s) — long
      // enough to time a test out (foundation.spec, the 127.0.0.2 server).
      const close = () =>
        new Promise((r) => {
          server.close(() => r());
          server.closeAllConnections();
        });
      const serve = (path, answer) => (answer ? served.set(path, answer) : served.delete(path));
      ok({ url: `http://${host}:${addr.port}/`, close, serve, requests });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { url } = await startMarketplace();
  console.log(`Demo marketplace: ${url}`);
}
