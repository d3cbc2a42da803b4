// Benchmark of team sync (not a test: prints figures, asserts nothing about time), against
// pouchdb-server on loopback set up as docs/sync.md says (tests/sync/couch.mjs):
//   up       a book restored into profile A, connected: until the server holds all of it
//   down     a fresh profile B connected to the same database: until it holds all of it
//   change   a note added on A, until B shows it (median and max of 10)
// Usage: node scripts/bench-sync.mjs [FILE]   (default build/bench-data/dataset-100000.json,
// made by `recobra generate --debtors 100000 --seed 1`). RECOBRA_DIST picks the build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBrowser, openApp, server, importFile } from '../tests/browser/harness.mjs';
import { startCouch, DB, MEMBER } from '../tests/sync/couch.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = process.argv[2] || path.join(root, 'build/bench-data/dataset-100000.json');
if (!fs.existsSync(file)) {
  console.error(`${file} is missing: run build/native/recobra generate --debtors 100000 --seed 1 --out ${file}`);
  process.exit(2);
}
const result = { file: path.basename(file) };
const log = (key, value) => { result[key] = value; console.error(key, JSON.stringify(value)); };

const { url } = await server();
const couch = await startCouch({ origin: new URL(url).origin, heapMB: 20000 });
const contexts = [];
const connect = (page) => page.evaluate((action) => RecobraSync.act(action).catch(() => {}),
  { connect: { url: couch.url, db: DB, user: MEMBER.name, password: MEMBER.password } }).catch(() => {});

// Polls the page (which may be reloading) until `predicate` gives something truthy.
async function until(page, predicate, arg) {
  for (;;) {
    try {
      const value = await page.evaluate(predicate, arg);
      if (value) return value;
    } catch (error) { /* reloading */ }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
const caughtUp = (page) => until(page, async () => {
  await window.recobra.ready();
  const s = RecobraSync.status();
  return s.state === 'connected' && s.up === 0 ? s : null;
});

try {
  const A = await openBrowser({});
  contexts.push(A.context);
  const { page: a } = await openApp(A.context);
  const restored = await importFile(a, file);
  if (!restored.ok) throw new Error(JSON.stringify(restored));
  const total = (await a.evaluate(() => recobra.summary())).events;
  log('events', total);

  let started = Date.now();
  await connect(a);
  const up = await caughtUp(a);
  const upMs = Date.now() - started;
  log('upMs', upMs);
  log('upEventsPerSecond', Math.round((up.sent / upMs) * 1000));

  const B = await openBrowser({});
  contexts.push(B.context);
  const { page: b } = await openApp(B.context);
  started = Date.now();
  await connect(b);
  await until(b, async (expected) => {
    await window.recobra.ready();
    return recobra.summary().events >= expected && RecobraSync.status().state === 'connected';
  }, total);
  const downMs = Date.now() - started;
  log('downMs', downMs);
  log('downEventsPerSecond', Math.round((total / downMs) * 1000));

  // One change on A, until B has it: a note each time, found in B's summary (its event count).
  const debtor = await a.evaluate(() => recobra.agenda().items[0].debtor);
  const changes = [];
  for (let i = 0; i < 10; ++i) {
    const before = await b.evaluate(() => recobra.summary().events);
    started = Date.now();
    const done = await a.evaluate(([d, n]) => recobra.dispatch({ type: 'addNote', debtor: d, text: `Nota ${n}` }), [debtor, i]);
    if (!done.ok) throw new Error(JSON.stringify(done));
    await until(b, (n) => recobra.summary().events > n, before);
    changes.push(Date.now() - started);
  }
  changes.sort((x, y) => x - y);
  log('changeOnAShownOnBMs', { median: changes[5], max: changes[9], runs: changes });
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  for (const c of contexts) await c.close().catch(() => {});
  await couch.stop();
  (await server()).server.close();
  console.log(JSON.stringify(result));
}
