// The event log in real IndexedDB: what is acknowledged survives reloads, browser restarts
// and several tabs; what is refused changes nothing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, openApp, server, newProfileDir, screenshot } from './harness.mjs';

const contexts = [];
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  (await server()).server.close();
});

async function browser(profile) {
  const opened = await openBrowser({ profile });
  contexts.push(opened.context);
  return opened;
}

function dispatch(page, command) {
  return page.evaluate((c) => recobra.dispatch(c), command);
}

const euros = (minor) => ({ minor, currency: 'EUR' });

test('debtors, invoices, payments and interactions created through dispatch are there after a reload', async () => {
  const { context } = await browser();
  const { page, problems } = await openApp(context);
  const debtor = await dispatch(page, {
    type: 'registerDebtor', legalName: 'Peña Martínez, José', taxId: '12345678Z', kind: 'autonomo', country: 'ES',
    contacts: [{ name: 'José Peña', email: 'jose@correo.es', phone: '+34 600 123 456' }],
  });
  assert.equal(debtor.ok, true, debtor.error);
  const invoice = await dispatch(page, {
    type: 'addInvoice', debtor: debtor.id, number: 'F-2026-014', issueDate: '2026-09-01', dueDate: '2026-10-01', amount: euros(123456),
  });
  assert.equal(invoice.ok, true, invoice.error);
  const payment = await dispatch(page, { type: 'recordPayment', debtor: debtor.id, date: '2026-11-02', amount: euros(23456), method: 'transfer' });
  assert.equal(payment.ok, true, payment.error);
  const call = await dispatch(page, {
    // Noon in Madrid: outside the default quiet hours (21:00–09:00), which would ask for a reason.
    type: 'logInteraction', debtor: debtor.id, at: Date.parse('2026-11-20T12:00:00+01:00'), channel: 'call', direction: 'outbound',
    outcome: 'promise', attitude: 'cooperative', summary: 'Dice que paga el viernes sin falta',
    promise: { amount: euros(100000), dueDate: '2099-01-01' },
  });
  assert.equal(call.ok, true, call.error);

  const before = await page.evaluate(() => recobra.summary());
  await page.reload();
  await page.evaluate(() => recobra.ready());
  const afterReload = await page.evaluate(() => recobra.summary());
  for (const key of ['debtors', 'invoices', 'payments', 'interactions', 'contacts', 'events']) {
    assert.equal(afterReload[key], before[key], key);
  }
  assert.deepEqual(afterReload.outstanding, { EUR: 100000 });
  assert.equal(afterReload.promises.pending, 1);
  assert.deepEqual(problems.pageErrors, []);
});

test('a refused command changes nothing and says which field', async () => {
  const { context } = await browser();
  const { page } = await openApp(context);
  const debtor = await dispatch(page, { type: 'registerDebtor', legalName: 'Talleres Ruiz S.L.', kind: 'sme', country: 'ES' });
  const before = await page.evaluate(() => recobra.summary());
  const cases = [
    [{ type: 'addInvoice', debtor: debtor.id, number: 'A-1', issueDate: '2026-09-01', dueDate: '2026-10-01', amount: euros(-5) }, 'amount'],
    [{ type: 'addInvoice', debtor: debtor.id, number: 'A-1', issueDate: '2026-09-01', dueDate: '2026-08-01', amount: euros(500) }, 'dueDate'],
    [{ type: 'addInvoice', debtor: 'd-nobody', number: 'A-1', issueDate: '2026-09-01', dueDate: '2026-10-01', amount: euros(500) }, 'debtor'],
    [{ type: 'registerDebtor', legalName: '', kind: 'sme', country: 'ES' }, 'legalName'],
    [{ type: 'registerDebtor', legalName: 'X', kind: 'alien', country: 'ES' }, 'kind'],
    [{ type: 'frobnicate' }, 'type'],
  ];
  for (const [command, field] of cases) {
    const result = await dispatch(page, command);
    assert.equal(result.ok, false, JSON.stringify(command));
    assert.equal(result.field, field, result.error);
    assert.ok(result.error.length > 5);
  }
  assert.deepEqual(await page.evaluate(() => recobra.summary()), before);
});

test('1,000 rapid changes, the browser closed right after the last acknowledgement: exactly those are there', async () => {
  const profile = newProfileDir();
  let acknowledged;
  {
    const { context } = await browser(profile);
    const { page } = await openApp(context);
    const debtor = await dispatch(page, { type: 'registerDebtor', legalName: 'Distribuciones Norte S.A.', kind: 'sme', country: 'ES' });
    acknowledged = await page.evaluate(async (debtorId) => {
      const pending = [];
      for (let i = 0; i < 1000; i++) {
        pending.push(recobra.dispatch({
          type: 'logInteraction', debtor: debtorId, at: Date.now() - 1000, channel: 'email', direction: 'inbound',
          outcome: 'no_answer', summary: `Respuesta ${i}`,
        }));
      }
      const results = await Promise.all(pending);
      return results.filter((r) => r.ok).map((r) => r.eventId);
    }, debtor.id);
    assert.equal(acknowledged.length, 1000);
    await context.close(); // right after the last acknowledgement
  }
  const { context } = await browser(profile);
  const { page } = await openApp(context);
  const summary = await page.evaluate(() => recobra.summary());
  assert.equal(summary.interactions, 1000);
  assert.equal(summary.events, 1001);
});

// Adds `count` interactions to a new debtor, all at once; resolves when all are stored.
function logCalls(page, count, label) {
  return page.evaluate(async ({ count, label }) => {
    const debtor = await recobra.dispatch({ type: 'registerDebtor', legalName: `${label} S.L.`, kind: 'sme', country: 'ES' });
    const pending = [];
    for (let i = 0; i < count; i++) {
      pending.push(recobra.dispatch({
        type: 'logInteraction', debtor: debtor.id, at: Date.now() - 1000, channel: 'email', direction: 'inbound',
        outcome: 'no_answer', summary: `${label} ${i}`,
      }));
    }
    return (await Promise.all(pending)).filter((r) => r.ok).length;
  }, { count, label });
}

test('a start from the images of the log and its state gives the same data as reading the log; a damaged image is ignored', async () => {
  const { context } = await browser();
  // image-after=0: an image is kept after every start that read anything (normally 20,000 events).
  const { page, problems } = await openApp(context, { query: '?image-after=0' });
  assert.equal(await logCalls(page, 260, 'Antes'), 260);
  await page.reload();
  await page.evaluate(() => recobra.ready());
  assert.equal(await page.evaluate(() => RecobraBridge.loadTimes.imageEvents), 0);
  await page.waitForFunction(() => RecobraBridge.imageWrites === 1, null, { timeout: 30000 });
  // After the image: 300 more, so 562 single records get packed into one block that holds
  // events on both sides of the image's last one.
  assert.equal(await logCalls(page, 300, 'Después'), 300);
  const expected = await page.evaluate(() => recobra.summary());
  await page.waitForFunction(() => !RecobraStore.compacting && RecobraStore.recent < 500, null, { timeout: 30000 });
  const stored = await page.evaluate(async () => {
    const db = await RecobraStore.open();
    const count = (name) => new Promise((resolve) => {
      const request = db.transaction(name).objectStore(name).count();
      request.onsuccess = () => resolve(request.result);
    });
    return { blocks: await count('segments'), single: await count('events') };
  });
  assert.deepEqual(stored, { blocks: 1, single: 0 });

  await page.reload();
  await page.evaluate(() => recobra.ready());
  assert.deepEqual(await page.evaluate(() => [RecobraBridge.loadTimes.imageEvents, RecobraBridge.loadTimes.stateFromImage]),
    [261, true]);
  assert.deepEqual(await page.evaluate(() => recobra.summary()), expected);
  const debtors = await page.evaluate(() => recobra.summary().debtors);
  assert.equal(debtors, 2);

  // One byte changed on disk: in the state's first piece, the log's image is still used and
  // folded; in the log's second piece, the whole image is refused and the log read instead.
  const damage = (key) => page.evaluate((key) => new Promise((resolve, reject) => {
    const open = indexedDB.open('recobra');
    open.onsuccess = () => {
      const tx = open.result.transaction('images', 'readwrite');
      const images = tx.objectStore('images');
      const get = images.get(key);
      get.onsuccess = () => {
        const bytes = new Uint8Array(get.result);
        bytes[bytes.length >> 1] ^= 0x40;
        images.put(bytes.buffer, key);
      };
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
    open.onerror = () => reject(open.error);
  }), key);
  for (const [key, expectedStart] of [[[1, 0], [562, false]], [[0, 1], [0, false]]]) {
    // This page keeps a new image of what it read (image-after=0): damaged after that.
    await page.waitForFunction(() => RecobraBridge.imageWrites === 1, null, { timeout: 30000 });
    await damage(key);
    await page.reload();
    await page.evaluate(() => recobra.ready());
    assert.deepEqual(await page.evaluate(() => [RecobraBridge.loadTimes.imageEvents, RecobraBridge.loadTimes.stateFromImage]),
      expectedStart, JSON.stringify(key));
    assert.deepEqual(await page.evaluate(() => recobra.summary()), expected);
  }
  assert.deepEqual(problems.pageErrors, []);
});

test('a database the previous version wrote (version 3: packed blocks and single events) opens in this one with all its data', async () => {
  // The events: the example data, made in another profile.
  const { context: source } = await browser();
  const { page: maker } = await openApp(source);
  assert.equal((await maker.evaluate(() => recobra.loadDemo())).ok, true);
  const expected = await maker.evaluate(() => recobra.summary());
  const lines = (await maker.evaluate(() => recobra.exportBackup())).split('\n')
    .filter((line) => line.startsWith('{"author"')).map((line) => line.replace(/,$/, ''));
  assert.ok(lines.length > 100, `${lines.length} events`);

  // Written as version 3 wrote them, from a page of the same origin that is not the app: all
  // but the last 20 events in one block of bytes, those 20 as single records ('segments' is
  // the blocks' stored name, kept for compatibility).
  const { context } = await browser();
  const { url } = await server();
  const writer = await context.newPage();
  await writer.goto(new URL('favicon.svg', url).href);
  await writer.evaluate((events) => new Promise((resolve, reject) => {
    const idOf = (line) => JSON.parse(line).id;
    const open = indexedDB.open('recobra', 3);
    open.onupgradeneeded = () => {
      for (const name of ['events', 'segments', 'meta', 'images']) open.result.createObjectStore(name);
    };
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['events', 'segments', 'meta'], 'readwrite');
      tx.objectStore('meta').put(1, 'generation');
      const packed = events.slice(0, events.length - 20);
      const bytes = new TextEncoder().encode(packed.join('\n') + '\n');
      tx.objectStore('segments').put({ count: packed.length, bytes: bytes.buffer }, [1, idOf(packed[0])]);
      for (const line of events.slice(events.length - 20)) tx.objectStore('events').add(line, [1, idOf(line)]);
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
    open.onerror = () => reject(open.error);
  }), lines);
  await writer.close();

  const { page, problems } = await openApp(context);
  assert.deepEqual(await page.evaluate(() => recobra.summary()), expected);
  assert.deepEqual(await page.evaluate(async () => (await indexedDB.databases()).map((d) => [d.name, d.version])),
    [['recobra', 4]]);
  // And it goes on as usual: a change is stored beside the old data and both are there after a reload.
  const added = await dispatch(page, { type: 'registerDebtor', legalName: 'Después de actualizar S.L.', kind: 'sme', country: 'ES' });
  assert.equal(added.ok, true, added.error);
  await page.reload();
  await page.evaluate(() => recobra.ready());
  assert.equal((await page.evaluate(() => recobra.summary())).debtors, expected.debtors + 1);
  assert.equal((await page.evaluate(() => recobra.summary())).events, expected.events + 1);
  assert.deepEqual(problems.pageErrors, []);
});

test('closing mid-stream keeps every acknowledged change', async () => {
  const profile = newProfileDir();
  let acknowledged;
  {
    const { context } = await browser(profile);
    const { page } = await openApp(context);
    const debtor = await dispatch(page, { type: 'registerDebtor', legalName: 'Gráficas Levante S.L.', kind: 'sme', country: 'ES' });
    await page.evaluate((debtorId) => {
      window.acknowledged = [];
      for (let i = 0; i < 2000; i++) {
        recobra.dispatch({
          type: 'addNote', debtor: debtorId, text: `Nota ${i}`,
        }).then((r) => { if (r.ok) window.acknowledged.push(r.eventId); });
      }
    }, debtor.id);
    await page.waitForFunction(() => window.acknowledged.length >= 300);
    acknowledged = await page.evaluate(() => window.acknowledged.slice());
    await context.close();
  }
  const { context } = await browser(profile);
  const { page } = await openApp(context);
  const notes = (await page.evaluate(() => recobra.summary())).notes;
  assert.ok(notes >= acknowledged.length, `${notes} notes stored, ${acknowledged.length} acknowledged`);
  assert.ok(notes <= 2000);
});

test('two tabs: both tabs\' changes survive and each sees the other\'s', async () => {
  const { context } = await browser();
  const a = await openApp(context);
  const b = await openApp(context);
  assert.equal(await a.page.evaluate(() => recobra.storage().writer), true);
  assert.equal(await b.page.evaluate(() => recobra.storage().writer), false);

  const fromA = await dispatch(a.page, { type: 'registerDebtor', legalName: 'Cliente de la pestaña A', kind: 'sme', country: 'ES' });
  const fromB = await dispatch(b.page, { type: 'registerDebtor', legalName: 'Cliente de la pestaña B', kind: 'consumer', country: 'ES' });
  assert.equal(fromA.ok, true, fromA.error);
  assert.equal(fromB.ok, true, fromB.error);
  // B's command was checked in B, written by A, and B hears of it.
  await b.page.waitForFunction(() => recobra.summary().debtors === 2);
  await a.page.waitForFunction(() => recobra.summary().debtors === 2);
  const refused = await dispatch(b.page, { type: 'registerDebtor', legalName: '', kind: 'sme', country: 'ES' });
  assert.equal(refused.field, 'legalName');

  // The writer closes: B takes over and keeps writing.
  await a.page.close();
  await b.page.waitForFunction(() => recobra.storage().writer === true);
  const afterHandover = await dispatch(b.page, { type: 'registerDebtor', legalName: 'Cliente tras el relevo', kind: 'sme', country: 'ES' });
  assert.equal(afterHandover.ok, true, afterHandover.error);

  const c = await openApp(context);
  assert.equal((await c.page.evaluate(() => recobra.summary())).debtors, 3);
  await screenshot(c.page, 'persistence-third-tab');
});

test('the app asks for persistent storage and reports usage; an emptied database after use is noticed', async () => {
  const profile = newProfileDir();
  {
    const { context } = await browser(profile);
    const { page } = await openApp(context);
    await dispatch(page, { type: 'registerDebtor', legalName: 'Cliente', kind: 'sme', country: 'ES' });
    await page.waitForFunction(() => recobra.storage().persisted !== null);
    const info = await page.evaluate(() => recobra.storage());
    assert.equal(typeof info.persisted, 'boolean');
    assert.ok(info.quota > 0);
    // The browser evicts the database (as it may for a best-effort origin).
    await page.evaluate(() => new Promise((resolve) => {
      RecobraStore.db.close();
      const r = indexedDB.deleteDatabase('recobra');
      r.onsuccess = resolve;
      r.onerror = resolve;
    }));
    await context.close();
  }
  const { context } = await browser(profile);
  const { page } = await openApp(context);
  const info = await page.evaluate(() => recobra.storage());
  assert.equal(info.loadedEvents, 0);
  assert.equal(info.usedBefore, true);
});
