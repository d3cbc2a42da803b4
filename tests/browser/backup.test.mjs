// Backups in the browser: an export restores to exactly the same data (the next export is
// the same bytes), a bad file is refused naming the file, the record and the field and
// changes nothing (through the API, the file picker and a file dropped on the window), a
// merge adds only what is new, the reminder to export comes and goes, and a whole session
// sends nothing anywhere. Screenshots: build/test-artifacts/screenshots/backup-*.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openBrowser, openApp, server, screenshot, click, settle, centreOf, newProfileDir, tempDir, reveal } from './harness.mjs';

const contexts = [];
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  (await server()).server.close();
});

// A fixed clock: Monday 23 November 2026, 10:00 in Madrid.
const NOW = Date.UTC(2026, 10, 23, 9, 0);
const DAY = 86_400_000;

async function start({ lang = 'en', profile, now = NOW } = {}) {
  const { context } = await openBrowser({ profile });
  contexts.push(context);
  const app = await openApp(context, { query: `?now=${now}&lang=${lang}` });
  return { context, ...app };
}

const summary = (page) => page.evaluate(() => recobra.summary());
const uiState = (page) => page.evaluate(() => recobra.uiState());
const exportBackup = (page) => page.evaluate(() => recobra.exportBackup());
const dispatch = (page, command) => page.evaluate((c) => recobra.dispatch(c), command);

// Imports `text` as a file called `name` through the automation API.
function importText(page, text, name, mode) {
  return page.evaluate(({ text, name, mode }) => recobra.importBackup(new File([text], name, { type: 'application/json' }), mode),
    { text, name, mode });
}

async function someRealData(page) {
  const debtor = await dispatch(page, { type: 'registerDebtor', legalName: 'Talleres Ruiz S.L.', kind: 'sme', country: 'ES' });
  assert.equal(debtor.ok, true, debtor.error);
  const invoice = await dispatch(page, {
    type: 'addInvoice', debtor: debtor.id, number: 'A-77', issueDate: '2026-09-01', dueDate: '2026-10-01',
    amount: { minor: 480000, currency: 'EUR' },
  });
  assert.equal(invoice.ok, true, invoice.error);
  return debtor.id;
}

// Exporting records when (lastBackupAt, in the settings the backup holds): one export first,
// so that later exports under the fixed clock hold the same settings.
async function exportedOnce(page) {
  await exportBackup(page);
  return exportBackup(page);
}

// Settings are written to IndexedDB a moment after they change: wait before closing.
function settingsSaved(page, lastBackupAt) {
  return page.waitForFunction(async (at) => JSON.parse((await RecobraStore.readMeta('settings')) || '{}').lastBackupAt === at, lastBackupAt);
}

// The same backup with no events (the settings kept): restoring it empties the book.
function emptied(backup) {
  const tail = backup.slice(backup.lastIndexOf('\n]') + 1);
  return `{"events":[\n${tail}`;
}


// Chooses `file` through a Settings button ('settings.restore' or 'settings.merge') and waits
// for the import dialog.
async function chooseInSettings(page, button, file) {
  await page.evaluate(() => recobra.screen('settings'));
  // The wheel in the content's margin: over the law's tables (settings) it scrolled them
  // instead of the screen, and the button never came into view.
  await reveal(page, button);
  const chooser = page.waitForEvent('filechooser');
  await click(page, button);
  await (await chooser).setFiles(file);
  await page.waitForFunction(() => recobra.uiState().import);
  await settle(page);
}

// The backup without its debtor's registration, written to a file called sin-deudor.json: it
// reads well, but its invoice names a debtor it does not hold, which only the check finds.
function orphanedInvoice(backup) {
  const lines = backup.split('\n');
  const registration = lines.findIndex((l) => l.includes('"type":"debtor.registered"'));
  const file = path.join(tempDir('recobra-files-'), 'sin-deudor.json');
  fs.writeFileSync(file, lines.filter((_, i) => i !== registration).join('\n'));
  return { file, debtorId: /"debtor":"([^"]+)"/.exec(lines[registration])[1] };
}

test('export, empty, restore: the data is identical and the next export is the same bytes', async () => {
  const { page, problems } = await start();
  assert.equal((await page.evaluate(() => recobra.loadDemo())).ok, true);
  await someRealData(page);
  const first = await exportedOnce(page);
  const before = await summary(page);
  assert.ok(before.debtors > 40 && before.events > 100, JSON.stringify(before));

  const empty = await page.evaluate((t) => recobra.importBackup(t, 'replace'), emptied(first));
  assert.equal(empty.ok, true, empty.error);
  assert.equal((await summary(page)).debtors, 0);
  await page.reload();
  await page.evaluate(() => recobra.ready());
  assert.equal((await summary(page)).events, 0, 'emptying is durable');

  const restored = await page.evaluate((t) => recobra.importBackup(t, 'replace'), first);
  assert.equal(restored.ok, true, restored.error);
  assert.equal(await page.evaluate(() => RecobraBridge.replacedFromStaging), true,
    'the restore switched to the file written aside while it was read');
  assert.deepEqual(await summary(page), before);
  assert.equal(await exportBackup(page), first);
  await page.reload();
  await page.evaluate(() => recobra.ready());
  assert.equal(await exportBackup(page), first, 'the restore is durable, byte for byte');
  assert.deepEqual(await storedGenerations(page), [await page.evaluate(() => RecobraStore.generation)]);
  // What was staged, and read back at that start, are slices of the file itself.
  assert.deepEqual(await storedBlockKinds(page), ['blob']);

  // The same file gone through Windows (CRLF line ends) is staged the same way, and reads
  // back as the same data.
  const crlf = await page.evaluate((t) => recobra.importBackup(t, 'replace'), first.replace(/\n/g, '\r\n'));
  assert.equal(crlf.ok, true, crlf.error);
  assert.equal(await page.evaluate(() => RecobraBridge.replacedFromStaging), true);
  await reloadedAs(page, { before, backup: first, blocks: ['blob'], why: 'a CRLF file restores to the same bytes' });

  // On another machine (a fresh browser profile) the same file gives the same data.
  const other = await start();
  assert.equal((await other.page.evaluate((t) => recobra.importBackup(t, 'replace'), first)).ok, true);
  assert.deepEqual(await summary(other.page), before);
  assert.equal(await exportBackup(other.page), first);
  assert.deepEqual(problems.pageErrors, []);
});

// A hidden file input with this id, for page.setInputFiles (as the picker would fill it).
function addFileInput(page, id) {
  return page.evaluate((inputId) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = inputId;
    input.hidden = true;
    document.body.appendChild(input);
  }, id);
}

// After a reload, the app shows `before` and exports `backup` byte for byte, and the log in
// use is stored in blocks of these kinds (storedBlockKinds).
async function reloadedAs(page, { before, backup, blocks, why }) {
  await page.reload();
  await page.evaluate(() => recobra.ready());
  assert.deepEqual(await summary(page), before, why);
  assert.equal(await exportBackup(page), backup, why);
  assert.deepEqual(await storedBlockKinds(page), blocks, why);
}

// What each block of the generation in use holds: 'blob' (a slice of a restored file) or
// 'bytes' (lines the app packed). ('segments': the blocks' stored name.)
function storedBlockKinds(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const generation = RecobraStore.generation;
    const request = RecobraStore.db.transaction('segments', 'readonly').objectStore('segments')
      .getAll(IDBKeyRange.bound([generation], [generation, []]));
    request.onsuccess = () => resolve(request.result.map((v) => (v.blob instanceof Blob ? 'blob' : v.bytes instanceof ArrayBuffer ? 'bytes' : '?')));
    request.onerror = () => reject(request.error);
  }));
}

// The generations of the log that IndexedDB holds blocks or events of, once background
// cleanups are done (the one in use, and nothing else, when nothing is being written).
async function storedGenerations(page) {
  await page.waitForFunction(() => !RecobraStore.staged && !RecobraStore.replacing);
  let generations = [];
  for (let attempt = 0; attempt < 100; attempt++) {
    generations = await page.evaluate(async () => {
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open('recobra');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const keys = (name) => new Promise((resolve, reject) => {
        const request = db.transaction(name, 'readonly').objectStore(name).getAllKeys();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const all = [...(await keys('segments')), ...(await keys('events'))].map((k) => k[0]);
      db.close();
      return [...new Set(all)].sort((a, b) => a - b);
    });
    if (generations.length <= 1) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return generations;
}

test('a restore the file could not be staged for, or whose staging failed, writes the log itself; one whose write fails, or a refused one, changes nothing and leaves nothing behind', async () => {
  const { page, problems } = await start();
  assert.equal((await page.evaluate(() => recobra.loadDemo())).ok, true);
  await someRealData(page);
  const first = await exportedOnce(page);
  const before = await summary(page);
  const restore = async (text) => {
    const result = await page.evaluate((t) => recobra.importBackup(t, 'replace'), text);
    assert.equal(result.ok, true, result.error);
    return page.evaluate(() => RecobraBridge.replacedFromStaging);
  };

  // Pretty-printed by a person: read whole, nothing staged, the log written after the check.
  assert.equal(await restore(JSON.stringify(JSON.parse(first), null, 2)), false);
  assert.deepEqual(await summary(page), before);
  assert.equal(await exportBackup(page), first);

  // Events out of id order (a file put together by hand): the same.
  const lines = first.split('\n');
  const events = lines.slice(1, lines.indexOf(']') >= 0 ? lines.indexOf(']') : lines.length - 2).map((l) => l.replace(/,$/, ''));
  const shuffled = [lines[0], [...events.slice(5), ...events.slice(0, 5)].join(',\n'), ...lines.slice(1 + events.length)].join('\n');
  assert.equal(await restore(shuffled), false);
  assert.deepEqual(await summary(page), before);

  // A staged write that fails (the disk, the quota): the restore writes the log the usual way.
  await page.evaluate(() => {
    window.realStageWrite = RecobraStore.stageWrite;
    RecobraStore.stageWrite = async (staged) => { staged.failed = 'QuotaExceededError: simulated'; };
  });
  assert.equal(await restore(first), false);
  await page.evaluate(() => { RecobraStore.stageWrite = window.realStageWrite; });
  assert.deepEqual(await summary(page), before);

  // A staged slice that IndexedDB cannot store: the same.
  await page.evaluate(() => {
    window.realStageWrite = RecobraStore.stageWrite;
    RecobraStore.stageWrite = (staged, chunk) => window.realStageWrite(staged, { ...chunk, blob: { unclonable: () => {} } });
  });
  assert.equal(await restore(first), false);
  await page.evaluate(() => { RecobraStore.stageWrite = window.realStageWrite; });
  assert.deepEqual(await summary(page), before);
  assert.equal(await exportBackup(page), first);

  // The write itself fails (staged or not): the app keeps showing what storage still holds.
  await page.evaluate(() => {
    window.realCommitStaged = RecobraStore.commitStaged;
    window.realReplaceAll = RecobraStore.replaceAll;
    RecobraStore.commitStaged = () => Promise.reject(new Error('QuotaExceededError: simulated'));
    RecobraStore.replaceAll = async () => { throw new Error('QuotaExceededError: simulated'); };
  });
  const failed = await page.evaluate((t) => recobra.importBackup(t, 'replace'), emptied(first));
  await page.evaluate(() => {
    RecobraStore.commitStaged = window.realCommitStaged;
    RecobraStore.replaceAll = window.realReplaceAll;
  });
  assert.equal(failed.ok, false);
  assert.deepEqual({ ...(await summary(page)), saving: 0 }, { ...before, saving: 0 }, 'not shown: it was not saved');
  assert.equal(await exportBackup(page), first);

  // A file refused by the check, after it was read and staged: nothing changes, nothing stays.
  const bad = badFiles(first).find((b) => b.name === 'negativo.json');
  const refused = await importText(page, bad.text, bad.name, 'replace');
  assert.equal(refused.ok, false);
  assert.deepEqual(await summary(page), before);
  const generation = await page.evaluate(() => RecobraStore.generation);
  assert.deepEqual(await storedGenerations(page), [generation], 'the refused file staged nothing that stays');

  // What a tab closed half-way through staging leaves (a block of the next generation) is
  // never read, and is cleared a few seconds after the next start.
  await page.evaluate(() => new Promise((resolve, reject) => {
    const tx = RecobraStore.db.transaction('segments', 'readwrite');
    tx.objectStore('segments').put({ count: 1, bytes: new ArrayBuffer(8) }, [RecobraStore.generation + 1, 'left-behind']);
    tx.oncomplete = resolve;
    tx.onabort = () => reject(tx.error);
  }));
  await page.reload();
  await page.evaluate(() => recobra.ready());
  assert.equal(await exportBackup(page), first, 'each restore is durable, byte for byte');
  assert.deepEqual(await storedGenerations(page), [generation]);
  assert.deepEqual(problems.pageErrors, []);
});

test('a backup read in two parts, the second by a worker, restores and merges as one read whole, and is refused the same', async () => {
  const { page, problems } = await start();
  assert.equal((await page.evaluate(() => recobra.loadDemo())).ok, true);
  await someRealData(page);
  const first = await exportedOnce(page);
  const before = await summary(page);
  // Any file is read in two parts here (a real one only from 32 MB), the worker reading 4 KB at
  // a time and handing its events over every 8 KB.
  const inTwoParts = (on) => page.evaluate((small) => {
    RecobraBridge.splitAtLeast = small ? 1 : 32 * 1024 * 1024;
    RecobraBridge.partChunkBytes = small ? 4096 : 16 * 1024 * 1024;
    RecobraBridge.partPieceChunks = small ? 2 : 1;
  }, on);
  const lastRead = () => page.evaluate(() => RecobraBridge.lastRead);
  await inTwoParts(true);

  // Restored: the worker's part taken in, both parts staged, the same data and bytes.
  const restored = await importText(page, first, 'copia.json', 'replace');
  assert.equal(restored.ok, true, restored.error);
  assert.equal(restored.added, before.events);
  const read = await lastRead();
  assert.ok(read.split > first.length * 0.1 && read.split < first.length * 0.3, `split at ${read.split} of ${first.length}`);
  assert.equal(read.part, 'taken');
  assert.ok(read.pieces > 3, `${read.pieces} pieces taken in before the last`);
  assert.equal(await page.evaluate(() => RecobraBridge.replacedFromStaging), true, 'both parts staged');
  assert.deepEqual(await summary(page), before);
  assert.equal(await exportBackup(page), first);
  // Each part staged its own slice of the file (the worker's from where its part starts); a
  // start reads them back as the same log.
  await reloadedAs(page, { before, backup: first, blocks: ['blob', 'blob'], why: 'both parts read back at a start' });
  await inTwoParts(true);

  // Merged into the same data: nothing new.
  const merged = await importText(page, first, 'copia.json', 'merge');
  assert.equal(merged.ok, true, merged.error);
  assert.equal(merged.added, 0);
  assert.equal((await lastRead()).part, 'taken');

  // A bad event in the second part: the worker gives its part up, the page reads it itself and
  // names the event, line or field as when the file is read whole; nothing changes.
  const lines = first.split('\n');
  const lastOf = (type) => lines.findLastIndex((l) => l.includes(`"type":"${type}"`));
  const invoiceLine = lastOf('invoice.added');
  assert.ok(first.indexOf(lines[invoiceLine]) > read.split, 'the last invoice is in the second part');
  const withLine = (text) => lines.map((l, i) => (i === invoiceLine ? text : l)).join('\n');
  const invoice = lines[invoiceLine];
  const cases = [
    { name: 'tipos.json', text: withLine(invoice.replace(/"minor":(\d+)/, '"minor":"$1"')), part: /^failed/ },
    { name: 'cortada.json', text: withLine(invoice.slice(0, invoice.length - 12)), part: /^failed/ },
    // Refused by the check: read well (the worker's part taken in), refused once checked.
    { name: 'negativo.json', text: withLine(invoice.replace(/"minor":(\d+)/, '"minor":-$1')), part: /^taken$/ },
  ];
  for (const bad of cases) {
    await inTwoParts(false);
    const whole = await importText(page, bad.text, bad.name, 'replace');
    await inTwoParts(true);
    const split = await importText(page, bad.text, bad.name, 'replace');
    assert.equal(split.ok, false, bad.name);
    assert.equal(split.error, whole.error, bad.name);
    const how = await lastRead();
    assert.match(how.part, bad.part, bad.name);
    assert.ok(how.pieces > 3, `${bad.name}: ${how.pieces} pieces taken in before the problem`);
    assert.deepEqual(await summary(page), before, bad.name);
  }
  const generation = await page.evaluate(() => RecobraStore.generation);
  assert.deepEqual(await storedGenerations(page), [generation], 'the refused files staged nothing that stays');

  // No worker can start: the page reads the whole file itself (and writes the log after the check).
  await page.evaluate(() => {
    window.RealWorker = window.Worker;
    window.Worker = class extends window.RealWorker { constructor() { super('no-such-worker.js'); } };
  });
  const alone = await importText(page, first, 'copia.json', 'replace');
  await page.evaluate(() => { window.Worker = window.RealWorker; });
  assert.equal(alone.ok, true, alone.error);
  assert.match((await lastRead()).part, /^failed/);
  assert.deepEqual(await summary(page), before);
  assert.equal(await exportBackup(page), first);

  await page.reload();
  await page.evaluate(() => recobra.ready());
  assert.equal(await exportBackup(page), first, 'the restore read in halves is durable, byte for byte');
  assert.deepEqual(problems.pageErrors, []);
});

// Each case: a change to a good backup, and what the refusal must name.
function badFiles(good) {
  const lines = good.split('\n');
  const at = (type) => lines.findIndex((l) => l.includes(`"type":"${type}"`));
  const invoiceLine = at('invoice.added');
  const paymentLine = at('payment.recorded');
  assert.ok(invoiceLine > 0 && paymentLine > 0);
  const idOf = (line) => /"id":"([^"]+)"/.exec(lines[line])[1];
  const withLine = (index, text) => lines.map((l, i) => (i === index ? text : l)).join('\n');
  const invoice = lines[invoiceLine];
  return [
    { name: 'cortada.json', text: withLine(invoiceLine, invoice.slice(0, invoice.length - 12)), expect: [/cortada\.json/, new RegExp(`line ${invoiceLine + 1}\\b`), /malformed JSON/] },
    { name: 'no-es-json.json', text: 'this is not JSON at all', expect: [/no-es-json\.json/, /malformed JSON/] },
    { name: 'esquema-99.json', text: good.replace('"schema":1', '"schema":99'), expect: [/esquema-99\.json/, /field schema/, /newer version/] },
    { name: 'esquema-texto.json', text: good.replace('"schema":1', '"schema":"1"'), expect: [/esquema-texto\.json/, /field schema/] },
    { name: 'otro-formato.json', text: good.replace('"format":"recobra-backup"', '"format":"hoja-de-calculo"'), expect: [/otro-formato\.json/, /field format/] },
    {
      name: 'tipos.json', text: withLine(invoiceLine, invoice.replace(/"minor":(\d+)/, '"minor":"$1"')),
      expect: [/tipos\.json/, new RegExp(idOf(invoiceLine)), /field payload\.amount/],
    },
    {
      name: 'negativo.json', text: withLine(invoiceLine, invoice.replace(/"minor":(\d+)/, '"minor":-$1')),
      expect: [/negativo\.json/, new RegExp(idOf(invoiceLine)), /field payload\.amount/, /greater than zero/],
    },
    {
      name: 'absurdo.json', text: withLine(invoiceLine, invoice.replace(/"minor":(\d+)/, '"minor":900000000000000')),
      expect: [/absurdo\.json/, new RegExp(idOf(invoiceLine)), /field payload\.amount/, /excessive/],
    },
    {
      name: 'fecha.json', text: withLine(invoiceLine, invoice.replace(/"dueDate":"[0-9-]+"/, '"dueDate":"2026-02-30"')),
      expect: [/fecha\.json/, new RegExp(idOf(invoiceLine)), /field payload\.dueDate/, /2026-02-30/],
    },
    {
      name: 'repetido.json', text: withLine(paymentLine, `${lines[paymentLine]}\n${lines[paymentLine]}`),
      expect: [/repetido\.json/, new RegExp(idOf(paymentLine)), /already exists/],
    },
  ];
}

test('each bad file is refused, naming the file, the record and the field, and nothing changes', async () => {
  const { page } = await start();
  assert.equal((await page.evaluate(() => recobra.loadDemo())).ok, true);
  await someRealData(page);
  const good = await exportedOnce(page);
  const before = await summary(page);
  // Restoring over this book, and merging into another one (which holds none of the file's
  // events: a merge skips the events it already has).
  const other = await start();
  await someRealData(other.page);
  const otherBefore = await summary(other.page);
  for (const [mode, target, unchanged] of [['replace', page, before], ['merge', other.page, otherBefore]]) {
    for (const bad of badFiles(good)) {
      const result = await importText(target, bad.text, bad.name, mode);
      assert.equal(result.ok, false, `${bad.name} (${mode}) was accepted`);
      for (const part of bad.expect) assert.match(result.error, part, `${bad.name} (${mode})`);
      assert.deepEqual(await summary(target), unchanged, `${bad.name} (${mode}) changed the data`);
    }
  }
  // A file far larger than any backup (1 GiB) is refused from its size, without reading it.
  const huge = await page.evaluate(async () => {
    const mib = new Blob([new Uint8Array(1 << 20).fill(32)]);
    const file = new File(Array(1100).fill(mib), 'enorme.json', { type: 'application/json' });
    return recobra.importBackup(file, 'replace');
  });
  assert.equal(huge.ok, false);
  assert.match(huge.error, /enorme\.json.*too large/);
  assert.deepEqual(await summary(page), before);
  assert.equal(await exportBackup(page), good);
});

test('through the real UI: a file from the picker is confirmed before it is read and replaces, a bad one shows its error, a dropped one asks and merges', async () => {
  // A teammate's book, to merge; and a backup of ours, to restore.
  const mate = await start();
  await mate.page.evaluate(() => recobra.loadDemo());
  const matesFile = await exportBackup(mate.page);

  for (const lang of ['es', 'en']) {
    const { page, problems } = await start({ lang });
    await someRealData(page);
    const ours = await exportBackup(page);
    const dir = tempDir('recobra-files-');
    const oursPath = path.join(dir, 'recobra-backup-2026-11-23.json');
    fs.writeFileSync(oursPath, ours);
    const badPath = path.join(dir, 'copia-dañada.json');
    fs.writeFileSync(badPath, ours.replace(/"dueDate":"[0-9-]+"/, '"dueDate":"2026-02-30"'));
    await dispatch(page, { type: 'registerDebtor', legalName: 'Cliente posterior a la copia', kind: 'sme', country: 'ES' });
    const changed = await summary(page);

    // The picker, from Settings > Restore: the confirmation, before the file is read, says
    // what the file is and what will be replaced.
    await chooseInSettings(page, 'settings.restore', oursPath);
    const offered = (await uiState(page)).import;
    assert.equal(offered.file, 'recobra-backup-2026-11-23.json');
    assert.equal(offered.mode, 'restore');
    assert.equal(offered.read, false, 'not read before the confirmation');
    assert.equal(offered.bytes, Buffer.byteLength(ours));
    assert.equal((await summary(page)).debtors, changed.debtors, 'nothing changed yet');
    assert.ok(await page.evaluate(() => recobra.locate('import.restore')), 'the replace button is on screen');
    assert.equal(await page.evaluate(() => recobra.locate('import.merge')), null, 'a restore offers no merge');
    await screenshot(page, `backup-restore-confirm-${lang}`);
    await click(page, 'import.restore');
    await page.waitForFunction(() => recobra.uiState().import === null && recobra.summary().saving === 0);
    assert.equal((await summary(page)).debtors, changed.debtors - 1, 'restored to the backup');
    assert.equal(await page.evaluate(() => RecobraBridge.replacedFromStaging), true, 'the file staged while read was used');

    // A bad file from the picker: the dialog names the file, the event and the field.
    const beforeBad = await summary(page);
    await chooseInSettings(page, 'settings.merge', badPath);
    await page.waitForFunction(() => recobra.uiState().import.problem);
    await settle(page);
    const refused = (await uiState(page)).import;
    assert.match(refused.problem, /copia-dañada\.json, event .*field payload\.dueDate/);
    assert.ok(await page.evaluate(() => recobra.locate('import.problem')));
    await screenshot(page, `backup-error-${lang}`);
    await click(page, 'import.close');
    assert.equal((await uiState(page)).import, null);
    assert.deepEqual(await summary(page), beforeBad);

    // The teammate's file dropped on the window: the app asks, and merging says what it added.
    await page.evaluate(() => recobra.screen('dashboard'));
    await page.evaluate(({ text }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'compañero.json', { type: 'application/json' }));
      const canvas = document.getElementById('canvas');
      for (const type of ['dragenter', 'dragover', 'drop']) {
        canvas.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    }, { text: matesFile });
    await page.waitForFunction(() => recobra.uiState().import);
    await settle(page);
    const asked = (await uiState(page)).import;
    assert.equal(asked.mode, 'ask');
    assert.equal(asked.read, false);
    assert.ok(await page.evaluate(() => recobra.locate('import.restore')), 'restore offered');
    await screenshot(page, `backup-drop-ask-${lang}`);
    // Merging reads the file first and says what it adds.
    await click(page, 'import.merge');
    await page.waitForFunction(() => recobra.uiState().import && recobra.uiState().import.read);
    await settle(page);
    const dropped = (await uiState(page)).import;
    assert.equal(dropped.mode, 'merge');
    assert.ok(dropped.new > 0);
    assert.equal((await summary(page)).events, beforeBad.events, 'nothing added before the confirmation');
    assert.equal(await page.evaluate(() => recobra.locate('import.restore')), null, 'only merging now');
    await screenshot(page, `backup-drop-merge-preview-${lang}`);
    await click(page, 'import.merge');
    await page.waitForFunction(() => recobra.uiState().import === null && recobra.summary().saving === 0);
    await settle(page);
    const merged = await uiState(page);
    assert.equal(dropped.newDebtors, 40);
    const said = merged.toasts.map((t) => t.replace(/[.,](?=\d{3})/g, ''));
    assert.ok(said.some((t) => t.includes(String(dropped.new)) && t.includes(lang === 'es' ? '40 deudores nuevos' : '40 new debtors')), JSON.stringify(merged.toasts));
    assert.equal((await summary(page)).events, beforeBad.events + dropped.new);
    await screenshot(page, `backup-merge-summary-${lang}`);
    assert.deepEqual(problems.pageErrors, []);
  }
});

test('through the real UI: a backup refused after "Replace everything" brings the data back before saying why', async () => {
  for (const lang of ['es', 'en']) {
    const { page, problems } = await start({ lang });
    await someRealData(page);
    const backup = await exportedOnce(page);
    const before = await summary(page);
    // Refused only by the check, after "Replace everything".
    const orphan = orphanedInvoice(backup);
    // Storage's log is read again slowly enough to be seen.
    await page.evaluate(() => {
      window.realLoadEvents = RecobraStore.loadEvents;
      window.reloadGate = new Promise((resolve) => { window.openReloadGate = resolve; });
      RecobraStore.loadEvents = async (options) => {
        await window.reloadGate;
        return window.realLoadEvents.call(RecobraStore, options);
      };
    });

    await chooseInSettings(page, 'settings.restore', orphan.file);
    await click(page, 'import.restore');
    // The loaded data was let go before the file was read: storage's is being read again.
    await page.waitForFunction(() => {
      const bar = document.getElementById('progress');
      return bar && !bar.hidden && /cargar|loading/i.test(bar.textContent);
    });
    assert.equal((await summary(page)).debtors, 0, 'released while the file was checked');
    await settle(page);
    await screenshot(page, `backup-refused-reloading-${lang}`);
    const midway = await page.evaluate(() => recobra.exportBackup().then(() => 'exported', (e) => e.message));
    assert.match(midway, /being restored/, 'nothing to export until the data is back');

    await page.evaluate(() => window.openReloadGate());
    await page.waitForFunction(() => recobra.uiState().import && recobra.uiState().import.problem);
    await settle(page);
    const refused = (await uiState(page)).import;
    assert.match(refused.problem, /sin-deudor\.json/);
    assert.match(refused.problem, /field payload\.debtor/);
    assert.match(refused.problem, new RegExp(orphan.debtorId));
    assert.deepEqual(await summary(page), before, 'the data is back as it was');
    assert.equal(await exportBackup(page), backup);
    await screenshot(page, `backup-refused-after-confirm-${lang}`);
    await click(page, 'import.close');
    await page.evaluate(() => { RecobraStore.loadEvents = window.realLoadEvents; });
    // And work goes on: a command is saved as usual.
    const next = await dispatch(page, { type: 'registerDebtor', legalName: 'Después del rechazo', kind: 'sme', country: 'ES' });
    assert.equal(next.ok, true, next.error);
    assert.equal((await summary(page)).debtors, before.debtors + 1);
    assert.deepEqual(problems.pageErrors, []);
  }
});

test('if storage cannot be read again after a refused restore, the app says so, and reloading the page brings the data back', async () => {
  for (const lang of ['es', 'en']) {
    const { page, problems } = await start({ lang });
    await someRealData(page);
    const backup = await exportedOnce(page);
    const before = await summary(page);
    const orphan = orphanedInvoice(backup);
    await page.evaluate(() => {
      RecobraStore.loadEvents = async () => { throw new Error('UnknownError: simulated'); };
    });
    await chooseInSettings(page, 'settings.restore', orphan.file);
    await click(page, 'import.restore');
    await page.waitForFunction(() => recobra.locate('import.reload_page'));
    await settle(page);
    await screenshot(page, `backup-reload-failed-${lang}`);
    // The button reloads the page: pressed as click() does, without waiting on the old page.
    const { x, y } = await centreOf(page, 'import.reload_page');
    await page.mouse.move(x, y);
    await settle(page);
    await page.mouse.down();
    await settle(page);
    await Promise.all([page.waitForNavigation(), page.mouse.up()]);
    await page.evaluate(() => recobra.ready());
    assert.deepEqual(await summary(page), before, 'all there after the reload');
    assert.equal(await exportBackup(page), backup);
    assert.deepEqual(problems.pageErrors, []);
  }
});

test('a backup changed on disk after it was chosen is refused as unreadable, and the data is all there (API and dialog)', async () => {
  const { page, problems } = await start();
  await someRealData(page);
  const backup = await exportedOnce(page);
  const before = await summary(page);
  const dir = tempDir('recobra-files-');
  const file = path.join(dir, 'se-fue.json');

  // Through the API: the File is picked, then changed on disk before importBackup reads it
  // (the browser then refuses to read it: NotReadableError).
  fs.writeFileSync(file, backup);
  await addFileInput(page, 'gone-file');
  await page.setInputFiles('#gone-file', file);
  // The browser takes the file's size and time when the page first asks for them: asked now,
  // before the change (left to importBackup, under load they were taken after it and the
  // changed file read as chosen).
  const chosenSize = await page.evaluate(() => document.getElementById('gone-file').files[0].size);
  assert.equal(chosenSize, Buffer.byteLength(backup));
  const changeOnDisk = () => {
    fs.writeFileSync(file, `${backup}\n`);
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(file, later, later);
  };
  changeOnDisk();
  const result = await page.evaluate(() => recobra.importBackup(document.getElementById('gone-file').files[0], 'replace'));
  assert.equal(result.ok, false);
  assert.equal(result.code, 'err_file_unreadable');
  assert.match(result.error, /se-fue\.json.*could not read the file/);
  assert.deepEqual(await summary(page), before);

  // Through the dialog: offered unread, changed on disk, then "Replace everything".
  fs.writeFileSync(file, backup);
  await chooseInSettings(page, 'settings.restore', file);
  changeOnDisk();
  await click(page, 'import.restore');
  await page.waitForFunction(() => recobra.uiState().import && recobra.uiState().import.problem);
  assert.match((await uiState(page)).import.problem, /se-fue\.json.*could not read the file/);
  assert.deepEqual(await summary(page), before);
  assert.equal(await exportBackup(page), backup);
  assert.deepEqual(problems.pageErrors, []);
});

test('a restore staged from a file on disk stays once the file is gone; one changed on disk while staged writes the log as it was read', async () => {
  const { page, problems } = await start();
  await someRealData(page);
  const backup = await exportedOnce(page);
  const before = await summary(page);
  assert.equal((await page.evaluate((t) => recobra.importBackup(t, 'replace'), emptied(backup))).ok, true);
  const dir = tempDir('recobra-files-');
  const file = path.join(dir, 'copia.json');
  await addFileInput(page, 'disk-file');
  const choose = async () => {
    fs.writeFileSync(file, backup);
    await page.setInputFiles('#disk-file', file);
    assert.equal(await page.evaluate(() => document.getElementById('disk-file').files[0].size), Buffer.byteLength(backup));
  };
  const restoreChosen = () => page.evaluate(() => recobra.importBackup(document.getElementById('disk-file').files[0], 'replace'));

  // Staged as slices of the file: IndexedDB keeps its own copy of them.
  await choose();
  const restored = await restoreChosen();
  assert.equal(restored.ok, true, restored.error);
  assert.equal(await page.evaluate(() => RecobraBridge.replacedFromStaging), true);
  fs.rmSync(file);
  await reloadedAs(page, { before, backup, blocks: ['blob'], why: 'the file deleted, the restore is all there' });

  // Changed on disk after it was read and checked, before its slices were stored: they cannot
  // be stored (the browser will not read a file changed since it was chosen), so the restore
  // writes the log as the app read it.
  assert.equal((await page.evaluate((t) => recobra.importBackup(t, 'replace'), emptied(backup))).ok, true);
  await addFileInput(page, 'disk-file');
  await choose();
  await page.exposeFunction('changeOnDisk', () => {
    fs.writeFileSync(file, backup.replace('Talleres Ruiz', 'Talleres Rúiz'));
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(file, later, later);
  });
  await page.evaluate(() => {
    const realStageWrite = RecobraStore.stageWrite;
    RecobraStore.stageWrite = async (staged, chunk) => {
      await window.changeOnDisk();
      RecobraStore.stageWrite = realStageWrite;
      return realStageWrite(staged, chunk);
    };
  });
  const changed = await restoreChosen();
  assert.equal(changed.ok, true, changed.error);
  assert.equal(await page.evaluate(() => RecobraBridge.replacedFromStaging), false);
  await reloadedAs(page, { before, backup, blocks: ['bytes'], why: 'what was read and checked, not what the file became' });
  assert.deepEqual(problems.pageErrors, []);
});

test('merging the same file twice adds nothing the second time', async () => {
  const mate = await start();
  await mate.page.evaluate(() => recobra.loadDemo());
  await someRealData(mate.page);
  const matesFile = await exportBackup(mate.page);

  const { page } = await start();
  await someRealData(page);
  const first = await importText(page, matesFile, 'compañero.json', 'merge');
  assert.equal(first.ok, true, first.error);
  assert.ok(first.added > 40, `added ${first.added}`);
  const once = await summary(page);
  const exportedAfterOne = await exportedOnce(page);
  const second = await importText(page, matesFile, 'compañero.json', 'merge');
  assert.equal(second.ok, true, second.error);
  assert.equal(second.added, 0);
  assert.deepEqual(await summary(page), once);
  assert.equal(await exportBackup(page), exportedAfterOne);
});

test('the reminder to export appears when the last backup is older than the setting, and goes after an export', async () => {
  const profile = newProfileDir();
  {
    const { page, context } = await start({ profile, lang: 'es' });
    await someRealData(page);
    await exportBackup(page); // the last backup: NOW
    await settingsSaved(page, NOW);
    assert.equal(await page.evaluate(() => recobra.locate('banner.export')), null);
    await context.close();
  }
  // Six days later: within the default seven, no reminder.
  {
    const { page, context } = await start({ profile, lang: 'es', now: NOW + 6 * DAY });
    await page.evaluate(() => recobra.nextFrame());
    assert.equal(await page.evaluate(() => recobra.locate('banner.export')), null);
    await context.close();
  }
  // Ten days later: reminded, in either language; exporting from the banner clears it.
  for (const lang of ['es', 'en']) {
    const { page, context } = await start({ profile, lang, now: NOW + 10 * DAY });
    await page.evaluate(() => recobra.nextFrame());
    assert.ok(await page.evaluate(() => recobra.locate('banner.export')), 'the reminder is shown');
    await screenshot(page, `backup-reminder-${lang}`);
    if (lang === 'en') {
      const download = page.waitForEvent('download');
      await click(page, 'banner.export');
      assert.match((await download).suggestedFilename(), /^recobra-backup-2026-12-03\.json$/);
      await page.waitForFunction(() => recobra.locate('banner.export') === null);
      await settingsSaved(page, NOW + 10 * DAY);
    }
    await context.close();
  }
  const { page } = await start({ profile, now: NOW + 11 * DAY });
  await page.evaluate(() => recobra.nextFrame());
  assert.equal(await page.evaluate(() => recobra.locate('banner.export')), null, 'the export was remembered');
});

test('a whole session sends nothing anywhere: example data, every screen, export, import', async () => {
  const { context } = await openBrowser();
  contexts.push(context);
  const everything = [];
  context.on('request', (request) => everything.push(request.url()));
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const { page, problems, url } = await openApp(context, { query: `?now=${NOW}` });
  const origin = new URL(url).origin;
  await page.evaluate(() => recobra.loadDemo());
  await someRealData(page);
  for (const name of ['dashboard', 'agenda', 'debtors', 'settings']) {
    await click(page, `nav.${name}`);
    assert.equal(await page.evaluate(() => recobra.screen()), name);
  }
  const someone = await page.evaluate(() => recobra.dispatch({ type: 'registerDebtor', legalName: 'Uno más', kind: 'consumer', country: 'ES' }));
  assert.equal(await page.evaluate((id) => recobra.openDebtor(id), someone.id), true);
  await exportBackup(page); // from now on every export holds lastBackupAt = NOW
  await page.evaluate(() => recobra.screen('settings'));
  await reveal(page, 'settings.export');
  const download = page.waitForEvent('download');
  await click(page, 'settings.export');
  const file = await download;
  const saved = fs.readFileSync(await file.path(), 'utf8');
  assert.equal(saved, await exportBackup(page));
  assert.equal((await importText(page, saved, 'copia.json', 'replace')).ok, true);
  assert.equal((await importText(page, saved, 'copia.json', 'merge')).added, 0);
  await page.reload();
  await page.evaluate(() => recobra.ready());

  assert.ok(everything.length > 5);
  const foreign = everything.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, []);
  assert.deepEqual(problems.foreignRequests, []);
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(problems.pageErrors, []);
});
