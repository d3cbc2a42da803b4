// Serves the built page (build/wasm/dist) on localhost. Used by `make run` and by the
// browser tests. IndexedDB, service workers and the clipboard need a secure context, which
// http://localhost is.
//
//   node scripts/serve.mjs [--dir build/wasm/dist] [--port 8080] [--host 127.0.0.1]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function startServer({ dir, port = 0, host = '127.0.0.1' }) {
  const root = path.resolve(dir);
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`${root}/index.html not found: build the app first (make run builds it)`);
  }
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = path.join(root, path.normalize(pathname));
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    fs.stat(file, (error, stat) => {
      if (error || !stat.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
        'Content-Length': stat.size,
        // Always revalidate: a new build is picked up on reload (the service worker keeps
        // the app available offline).
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve({ server, port: address.port, url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${address.port}/` });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const dir = option('--dir', 'build/wasm/dist');
  const port = Number(option('--port', process.env.PORT || 8080));
  const host = option('--host', process.env.HOST || '127.0.0.1');
  startServer({ dir, port, host })
    .then(({ url }) => {
      console.log(`\nRecobra is running at ${url}\n(Ctrl-C to stop)\n`);
    })
    .catch((error) => {
      console.error(error.code === 'EADDRINUSE'
        ? `Port ${port} is in use: run with another, e.g. make run PORT=8081`
        : `Could not start the server: ${error.message}`);
      process.exit(1);
    });
}
