// Team sync through a CouchDB-compatible server (issue 29, docs/sync.md): pouchdb-server on
// loopback (tests/sync/couch.mjs) with the design document and a member; two browser profiles,
// A and B, each with its own IndexedDB. Screenshots: build/test-artifacts/screenshots/sync-*.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBrowser, openApp, server, screenshot, click, fill, settle, reveal, tempDir, importFile } from './harness.mjs';
import { startCouch, freePort, DB, MEMBER, OUTSIDER } from '../sync/couch.mjs';

const TODAY = '2026-11-23';
const contexts = [];
let couch = null;

before(async () => {
  const { url } = await server();
  couch = await startCouch({ origin: new URL(url).origin });
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  if (couch) await couch.stop();
  (await server()).server.close();
});

// Polls `predicate` in the page (which may be reloading) until it gives something truthy.
async function waitFor(page, predicate, arg, what, timeout = 60000) {
  const started = Date.now();
  for (;;) {
    try {
      const value = await page.evaluate(predicate, arg);
      if (value) return value;
    } catch (error) {
      // The page reloads (connecting to a new server): ask again.
    }
    if (Date.now() - started > timeout) {
      const state = await page.evaluate(() => window.RecobraSync && RecobraSync.status()).catch(() => null);
      throw new Error(`timed out waiting for ${what}; sync: ${JSON.stringify(state)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Caught up: connected, nothing waiting to go up.
const caughtUp = (page, what) =>
  waitFor(page, async () => {
    await window.recobra.ready();
    const s = RecobraSync.status();
    return s.state === 'connected' && s.up === 0 ? s : null;
  }, null, what);

async function eventIds(page) {
  const backup = JSON.parse(await page.evaluate(() => recobra.exportBackup()));
  return backup.events.map((e) => e.id).sort();
}

async function serverEvents(db = DB) {
  const { body } = await couch.admin(`/${db}`);
  return body.doc_count - 1; // less the design document
}

const connectAction = (user) => ({ connect: { url: couch.url, db: DB, user: user.name, password: user.password } });

// Everything the page asked for went to its own origin or to the configured server.
function foreign(problems) {
  return problems.foreignRequests.filter((url) => !url.startsWith(couch.url));
}

// A book from the command-line tool (`recobra generate`), restored into the page.
function generate(debtors, seed) {
  const cli = process.env.RECOBRA_CLI || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../build/native/recobra');
  const file = path.join(tempDir('recobra-sync-'), 'book.json');
  const made = spawnSync(cli, ['generate', '--debtors', String(debtors), '--seed', String(seed), '--out', file], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  return file;
}

async function restore(page, file) {
  const restored = await importFile(page, file);
  assert.equal(restored.ok, true, JSON.stringify(restored));
}

async function note(page, debtor, text) {
  const result = await page.evaluate(([d, t]) => recobra.dispatch({ type: 'addNote', debtor: d, text: t }), [debtor, text]);
  assert.equal(result.ok, true, JSON.stringify(result));
}

async function converged(a, b, what) {
  const ids = await waitFor(b, async (expected) => {
    const backup = JSON.parse(await recobra.exportBackup());
    const mine = backup.events.map((e) => e.id).sort();
    return JSON.stringify(mine) === expected ? mine : null;
  }, JSON.stringify(await eventIds(a)), what);
  assert.deepEqual(await eventIds(a), ids);
  assert.deepEqual(await a.evaluate(() => recobra.summary()), await b.evaluate(() => recobra.summary()));
  assert.equal(new Set(ids).size, ids.length, 'no event twice');
  return ids;
}

test('two laptops sync through the server: online, offline and back, and a document that is not an event', async () => {
  const A = await openBrowser();
  const B = await openBrowser();
  contexts.push(A.context, B.context);
  const { page: a, problems: aProblems } = await openApp(A.context, { query: `?today=${TODAY}&lang=es` });
  const { page: b, problems: bProblems } = await openApp(B.context, { query: `?today=${TODAY}&lang=en` });
  await restore(a, generate(40, 3));

  // A connects from Settings -> Sync, as a person does (the page reloads to allow the server).
  await a.evaluate(() => recobra.screen('settings'));
  await settle(a);
  await reveal(a, 'settings.sync.connect');
  await fill(a, 'settings.sync.url', couch.url);
  await fill(a, 'settings.sync.db', DB);
  await fill(a, 'settings.sync.user', MEMBER.name);
  await fill(a, 'settings.sync.password', MEMBER.password);
  await click(a, 'settings.sync.connect').catch(() => {}); // the page reloads under the click
  const aState = await caughtUp(a, 'A sends the example data up');
  assert.equal(await serverEvents(), (await eventIds(a)).length, 'the server holds every event of A');
  assert.equal(aState.config.user, MEMBER.name);
  assert.equal(JSON.stringify(aState.config).includes(MEMBER.password), false, 'no password kept');
  const stored = await a.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage));
  assert.equal(stored.includes(MEMBER.password), false, 'no password kept in the page');
  await a.evaluate(() => recobra.screen('settings'));
  await settle(a);
  await a.evaluate(() => window.scrollTo(0, 0));

  // B connects (through the same action the button sends) and receives all of it.
  await b.evaluate((action) => RecobraSync.act(action), connectAction(MEMBER)).catch(() => {});
  await caughtUp(b, 'B connected');
  await converged(a, b, 'B receives what A has');

  // Example data tried on B stays on B, with what is written about it; removed, B is A again.
  const held = await serverEvents();
  await b.evaluate(() => recobra.loadDemo());
  const example = JSON.parse(await b.evaluate(() => recobra.exportBackup())).events
    .find((e) => e.type === 'debtor.registered' && e.id.split('-')[2].startsWith('de30')) || null;
  assert.ok(example, 'the example data is in B');
  await note(b, example.payload.debtor, 'Nota sobre un deudor de ejemplo');
  await caughtUp(b, 'B passes its example data over');
  assert.equal(await serverEvents(), held, 'no example event on the server');
  await b.evaluate(() => recobra.screen('settings'));
  await settle(b);
  await reveal(b, 'settings.sync.connect');
  await screenshot(b, 'sync-example-en');
  await b.evaluate(() => recobra.setLanguage('es'));
  await settle(b);
  await screenshot(b, 'sync-example-es');
  await b.evaluate(() => recobra.setLanguage('en'));
  await b.evaluate(() => recobra.clearDemo());
  await caughtUp(b, 'B without its example data');
  await converged(a, b, 'B is A again');

  // Online: each records a change; both see both. How long a change on A takes to show on B.
  const debtor = (await a.evaluate(() => recobra.summary())).debtors > 0
    ? JSON.parse(await a.evaluate(() => recobra.exportBackup())).events.find((e) => e.type === 'debtor.registered').payload.debtor
    : null;
  assert.ok(debtor, 'the example data has debtors');
  const started = Date.now();
  await note(a, debtor, 'Nota de A en línea');
  await waitFor(b, (text) => recobra.exportBackup().then((t) => t.includes(text)), 'Nota de A en línea', 'A\'s note on B');
  const latency = Date.now() - started;
  console.log(`sync: a change on A shown on B after ${latency} ms`);
  await note(b, debtor, 'Note from B online');
  await converged(b, a, 'A receives B\'s note');

  // The server stopped: each records a change offline; the server back, both converge,
  // nothing lost or doubled.
  await couch.down();
  await note(a, debtor, 'Nota de A sin servidor');
  await note(b, debtor, 'Note from B without the server');
  await waitFor(a, () => RecobraSync.status().state === 'offline', null, 'A sees the server is gone');
  await waitFor(b, () => RecobraSync.status().state === 'offline', null, 'B sees the server is gone');
  assert.equal((await a.evaluate(() => RecobraSync.status())).error, 'unreachable');
  await a.evaluate(() => recobra.screen('settings'));
  await settle(a);
  await reveal(a, 'settings.sync.disconnect');
  await screenshot(a, 'sync-offline-es');
  await couch.up();
  await caughtUp(a, 'A reaches the server again');
  await caughtUp(b, 'B reaches the server again');
  const both = await converged(a, b, 'both converge after the server was stopped');
  await converged(b, a, 'both converge after the server was stopped (A)');
  const bBook = await b.evaluate(() => recobra.exportBackup());
  for (const text of ['Nota de A sin servidor', 'Note from B without the server']) assert.ok(bBook.includes(text), text);
  assert.equal(await serverEvents(), both.length, 'the server holds each event once');

  // The browser offline (a laptop's network gone): the same, and back at once when online.
  await A.context.setOffline(true);
  await B.context.setOffline(true);
  await note(a, debtor, 'Nota de A sin conexión');
  await note(b, debtor, 'Note from B offline');
  await waitFor(a, () => RecobraSync.status().state === 'offline', null, 'A sees it is offline');
  await A.context.setOffline(false);
  await B.context.setOffline(false);
  await caughtUp(a, 'A back online');
  await caughtUp(b, 'B back online');
  const all = await converged(a, b, 'both converge after being offline');
  await converged(b, a, 'both converge after being offline (A)');
  assert.equal(await serverEvents(), all.length, 'the server holds each event once');

  // The design document refuses what is not an event.
  const refused = await couch.member(`/${DB}/not-an-event`, { method: 'PUT', body: { hello: 'world' } });
  assert.equal(refused.status, 403);
  // One forced in (the design document removed) is refused by the app, named; the rest syncs.
  const design = await couch.admin(`/${DB}/_design/recobra`);
  await couch.admin(`/${DB}/_design/recobra?rev=${design.body._rev}`, { method: 'DELETE' });
  const docs = await couch.admin(`/${DB}/_all_docs?include_docs=true`);
  const invoice = docs.body.rows.map((r) => r.doc).find((d) => d.type === 'invoice.added');
  const badId = `${(Date.now() + 60000).toString(16).padStart(12, '0')}-0000-0badbad0`;
  const bad = { ...invoice, _id: badId, id: badId, ts: Date.now() + 60000, payload: { ...invoice.payload, amount: { ...invoice.payload.amount, minor: -100 } } };
  delete bad._rev;
  assert.equal((await couch.admin(`/${DB}/${badId}`, { method: 'PUT', body: bad })).status, 201);
  await note(a, debtor, 'Después del documento malo');
  await waitFor(b, (text) => recobra.exportBackup().then((t) => t.includes(text)), 'Después del documento malo', 'the rest reaches B');
  const bState = await caughtUp(b, 'B caught up past the bad document');
  assert.ok(bState.refusedDown.some((why) => why.includes(badId)), JSON.stringify(bState.refusedDown));
  assert.equal((await eventIds(b)).includes(badId), false, 'never folded');
  await b.evaluate(() => recobra.screen('settings'));
  await settle(b);
  await reveal(b, 'settings.sync.disconnect');
  await screenshot(b, 'sync-settings-en');
  await a.evaluate(() => recobra.screen('settings'));
  await settle(a);
  await reveal(a, 'settings.sync.disconnect');
  await screenshot(a, 'sync-settings-es');

  // A second tab on A reads (one tab writes, docs/architecture.md): its Settings show the
  // writer's state and its buttons act on the writer's sync.
  const { page: a2, problems: a2Problems } = await openApp(A.context, { query: `?today=${TODAY}&lang=es` });
  await a2.evaluate(() => recobra.screen('settings'));
  await settle(a2);
  await reveal(a2, 'settings.sync.disconnect');
  const shown = (page) => page.evaluate(() => { const w = recobra.locate('settings.sync.state'); return w && w.text; });
  await waitFor(a2, () => { const w = recobra.locate('settings.sync.state'); return w && w.text === 'connected'; }, null, 'the reader shows the writer connected');
  await screenshot(a2, 'sync-reader-es');
  await click(a2, 'settings.sync.pause');
  await waitFor(a, () => RecobraSync.status().state === 'paused', null, 'the reader paused the writer');
  await waitFor(a2, () => { const w = recobra.locate('settings.sync.state'); return w && w.text === 'paused'; }, null, 'the reader shows it paused');
  await click(a2, 'settings.sync.pause');
  await caughtUp(a, 'the reader resumed the writer');

  // The writing tab closes: the reader takes over and goes on from the writer's checkpoints.
  const known = (await eventIds(a)).length;
  await a.close();
  await caughtUp(a2, 'the second tab syncs once it writes');
  assert.equal(await shown(a2), 'connected');
  await note(a2, debtor, 'Nota de la segunda pestaña');
  await waitFor(b, (text) => recobra.exportBackup().then((t) => t.includes(text)), 'Nota de la segunda pestaña', 'the second tab\'s note on B');
  await note(b, debtor, 'Note for the second tab');
  await converged(b, a2, 'the second tab receives B\'s note');
  const took = await a2.evaluate(() => RecobraSync.status());
  assert.ok(took.offered < known, `offered ${took.offered} of ${known}: from the checkpoint, not from the start`);

  assert.deepEqual(foreign(aProblems), []);
  assert.deepEqual(foreign(bProblems), []);
  assert.deepEqual(foreign(a2Problems), []);
  assert.deepEqual([...aProblems.pageErrors, ...bProblems.pageErrors, ...a2Problems.pageErrors], []);
});

test('wrong credentials, a user who is not a member, an unreachable server: each says so', async () => {
  const { context } = await openBrowser();
  contexts.push(context);
  const { page, problems } = await openApp(context, { query: `?today=${TODAY}&lang=es` });
  const failed = (what) => waitFor(page, async () => {
    await window.recobra.ready();
    const s = RecobraSync.status();
    return s.state === 'error' ? s : null;
  }, null, what);
  await page.evaluate((action) => RecobraSync.act(action), connectAction({ name: MEMBER.name, password: 'wrong' })).catch(() => {});
  assert.equal((await failed('wrong password')).error, 'credentials');
  await page.evaluate(() => recobra.screen('settings'));
  await settle(page);
  await reveal(page, 'settings.sync.error');
  await screenshot(page, 'sync-credentials-es');

  await page.evaluate((action) => RecobraSync.act(action), connectAction(OUTSIDER));
  assert.equal((await failed('not a member')).error, 'member');
  await page.evaluate((url) => RecobraSync.act({ connect: { url, db: 'no-such-db', user: 'ana', password: 'ana-secret' } }), couch.url);
  assert.equal((await failed('no database')).error, 'missing');
  await page.evaluate(() => recobra.setLanguage('en'));
  await settle(page);
  await screenshot(page, 'sync-missing-en');

  const closed = await freePort();
  await page.evaluate((url) => RecobraSync.act({ connect: { url, db: 'x', user: 'ana', password: 'p' } }), `http://127.0.0.1:${closed}`).catch(() => {});
  assert.equal((await failed('unreachable')).error, 'unreachable');

  // A server that is not https (nor this machine) is not tried.
  await page.evaluate(() => RecobraSync.act({ connect: { url: 'http://couch.example.com', db: 'x', user: 'a', password: 'p' } }));
  assert.equal((await failed('not https')).error, 'url');
  // No request went anywhere but the page's origin and the servers it was told of.
  assert.deepEqual(problems.foreignRequests.filter((url) => !url.startsWith(couch.url) && !url.startsWith(`http://127.0.0.1:${closed}`)), []);
});

test('a first sync of 20,000 events, cut by the server stopping and then by the page closing, resumes from its checkpoint', async () => {
  // A book of 1,000 debtors (some 20,000 events) from the command-line tool.
  const file = generate(1000, 5);
  await couch.createDatabase('grande');
  const { context } = await openBrowser();
  contexts.push(context);
  let { page } = await openApp(context, { query: `?today=${TODAY}` });
  await restore(page, file);
  const total = (await page.evaluate(() => recobra.summary())).events;
  assert.ok(total >= 20000, `${total} events`);

  await page.evaluate((url) => RecobraSync.act({ connect: { url, db: 'grande', user: 'ana', password: 'ana-secret' } }), couch.url).catch(() => {});
  const status = () => page.evaluate(() => RecobraSync.status());

  // A third of the way, the server stops.
  await waitFor(page, () => RecobraSync.status().sent >= 6000, null, 'a third sent', 120000);
  await couch.down();
  await waitFor(page, () => RecobraSync.status().state === 'offline', null, 'the page sees the server gone');
  const cut = await status();
  assert.equal(cut.error, 'unreachable');
  const atStop = await serverEvents('grande');
  assert.ok(atStop > 0 && atStop < total, `${atStop} of ${total} on the server when it stopped`);
  assert.ok(cut.sent <= atStop, `sent ${cut.sent}, ${atStop} on the server: nothing sent twice`);

  // Back: the page goes on from its checkpoint, not from the start. Two thirds of the way, the
  // laptop is closed.
  await couch.up();
  await waitFor(page, () => RecobraSync.status().sent >= 13000, null, 'two thirds sent', 120000);
  const closing = await status();
  await page.close();
  const atClose = await serverEvents('grande');
  assert.ok(atClose > atStop && atClose < total, `${atClose} of ${total} on the server when the page closed`);
  // Offered since the server came back: what was sent, plus at most the batch the stop cut (on
  // the server or not) and one in flight (1,000 each) — not the first third again.
  const offered = closing.offered - cut.offered;
  const sent = closing.sent - cut.sent;
  assert.ok(offered <= sent + 2000, `offered ${offered} and sent ${sent} after the server came back`);
  console.log(`sync: ${total} events, ${atStop} on the server when it stopped, ${atClose} when the page closed`);

  // Opened again: it goes on from its checkpoint.
  ({ page } = await openApp(context, { query: `?today=${TODAY}` }));
  const done = await caughtUp(page, 'the rest sent');
  assert.equal(await serverEvents('grande'), total, 'every event on the server');
  assert.ok(done.sent <= total - atClose, `sent ${done.sent} after the page closed, ${total - atClose} were left`);
  // From the checkpoint: what was confirmed before the cut is not even offered again.
  assert.ok(done.offered < total - atStop, `offered ${done.offered} of ${total} again`);
  console.log(`sync: ${done.offered} offered and ${done.sent} sent after the page opened again`);
});
