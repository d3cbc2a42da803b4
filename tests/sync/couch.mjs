// A CouchDB-compatible server on loopback for the sync tests: pouchdb-server (npm, in memory,
// a devDependency), set up as docs/sync.md sets up Apache CouchDB — an administrator, the
// database with the design document (sync/couchdb) and _security for the role "recobra", a
// member, a user who is not one, and CORS with credentials for the page's origin.
//
// The page reaches the server through a port of its own in front of it (a TCP relay in this
// process): `down()` closes that port and cuts every connection through it, so that to the page
// the server is gone (connections refused) as when it is stopped, and `up()` opens it again on the
// same port with the data kept (pouchdb-server in memory would lose it if its process stopped;
// Apache CouchDB keeps it on disk). The test's own requests go straight to the server.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { designDoc } from '../../sync/couchdb/design-doc.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ADMIN = { name: 'admin', password: 'admin-secret' };
export const MEMBER = { name: 'ana', password: 'ana-secret' };
export const OUTSIDER = { name: 'eva', password: 'eva-secret' };
export const DB = 'equipo';

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

// Relays connections on `port` to `target`; `close()` stops listening and cuts what is open.
async function relay(port, target) {
  const open = new Set();
  const front = net.createServer((client) => {
    const server = net.connect(target, '127.0.0.1');
    const cut = () => {
      for (const socket of [client, server]) {
        socket.destroy();
        open.delete(socket);
      }
    };
    for (const socket of [client, server]) {
      open.add(socket);
      socket.on('error', cut);
      socket.on('close', cut);
    }
    client.pipe(server).pipe(client);
  });
  await new Promise((resolve, reject) => {
    front.once('error', reject);
    front.listen(port, '127.0.0.1', resolve);
  });
  return {
    close: () => new Promise((resolve) => {
      front.close(resolve);
      for (const socket of open) socket.destroy();
      open.clear();
    }),
  };
}

// Starts the server; `origin` is the page's (CORS), `heapMB` Node's heap for a large book. Returns {url, admin(path, options),
// member(path, options), createDatabase(name), down(), up(), stop()}.
export async function startCouch({ origin, heapMB = 0 }) {
  const port = await freePort();
  const inner = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recobra-couch-'));
  const bin = path.join(root, 'node_modules/pouchdb-server/bin/pouchdb-server');
  const child = spawn(process.execPath, [...(heapMB ? [`--max-old-space-size=${heapMB}`] : []), bin, '--in-memory', '--host', '127.0.0.1', '--port', String(inner), '--no-stdout-logs'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // The server goes with the test's process, however that ends.
  process.on('exit', () => child.kill());
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  // The page is served from http://localhost:…: the server is given to it under the same
  // name, so that its session cookie is the same site's (a cookie from another site, such as
  // 127.0.0.1's, is a third party's and the browser keeps none). Node itself asks 127.0.0.1.
  const direct = `http://127.0.0.1:${inner}`;
  const url = `http://localhost:${port}`;
  const basic = (user) => `Basic ${Buffer.from(`${user.name}:${user.password}`).toString('base64')}`;
  const request = async (user, route, { method = 'GET', body } = {}) => {
    const headers = { Accept: 'application/json' };
    if (user) headers.Authorization = basic(user);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(direct + route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: await response.json().catch(() => null) };
  };
  for (let tries = 0; ; ++tries) {
    try {
      if ((await request(null, '/')).status === 200) break;
    } catch (error) {
      if (tries > 150 || child.exitCode !== null) throw new Error(`pouchdb-server did not start: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const config = async (section, key, value) => {
    const r = await request(ADMIN, `/_config/${section}/${key}`, { method: 'PUT', body: value });
    if (r.status >= 300) throw new Error(`config ${section}/${key}: ${JSON.stringify(r.body)}`);
  };
  // The administrator first (the server starts as an "admin party"), then everything as them.
  await request(null, `/_config/admins/${ADMIN.name}`, { method: 'PUT', body: ADMIN.password });
  await config('httpd', 'enable_cors', 'true');
  await config('cors', 'origins', origin);
  await config('cors', 'credentials', 'true');
  await config('cors', 'headers', 'accept, authorization, content-type, origin, referer');
  await config('cors', 'methods', 'GET, PUT, POST, HEAD, DELETE');
  const ok = async (route, options) => {
    const r = await request(ADMIN, route, options);
    if (r.status >= 300) throw new Error(`${route}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const createDatabase = async (name) => {
    await ok(`/${name}`, { method: 'PUT' });
    await ok(`/${name}/_design/recobra`, { method: 'PUT', body: designDoc() });
    await ok(`/${name}/_security`, {
      method: 'PUT',
      body: { admins: { names: [], roles: [] }, members: { names: [], roles: ['recobra'] } },
    });
  };
  await createDatabase(DB);
  for (const [user, roles] of [[MEMBER, ['recobra']], [OUTSIDER, []]]) {
    await ok(`/_users/org.couchdb.user:${user.name}`, {
      method: 'PUT',
      body: { name: user.name, password: user.password, roles, type: 'user' },
    });
  }
  let front = await relay(port, inner);
  return {
    url,
    request,
    createDatabase,
    admin: (route, options) => request(ADMIN, route, options),
    member: (route, options) => request(MEMBER, route, options),
    // The server as the page sees it: gone (connections refused, those open cut), then back.
    async down() {
      if (front) await front.close();
      front = null;
    },
    async up() {
      if (!front) front = await relay(port, inner);
    },
    async stop() {
      if (front) await front.close();
      child.kill();
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
