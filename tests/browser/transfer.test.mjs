// Invoices from accounting software (CSV) dropped on the window or chosen with the file
// picker, previewed, imported all or nothing; and the package for a collection agency,
// built across frames and downloaded as one .zip.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openBrowser, openApp, server, click, settle, screenshot, tempDir } from './harness.mjs';

const contexts = [];
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  (await server()).server.close();
});

async function browser() {
  const opened = await openBrowser();
  contexts.push(opened.context);
  return opened;
}

const QUERY = '?today=2026-11-22';

// Spanish accounting export: header, ';', dd/mm/yyyy, decimal comma, an empty currency cell.
const SPANISH_CSV = [
  'Número de factura;Cliente;NIF;Fecha de emisión;Vencimiento;Importe;Moneda',
  'F-2026-101;Gráficas Peña S.L.;B-12345674;05/09/2026;05/10/2026;1.234,56;EUR',
  'F-2026-102;Talleres Ruiz S.L.;B87654323;12/09/2026;12/10/2026;980,00;EUR',
  'F-2026-103;Peña Martínez, José;12345678Z;01/10/2026;31/10/2026;250,5;',
  'F-2026-104;talleres ruiz sl;;15/10/2026;14/11/2026;3.000;EUR',
].join('\r\n') + '\r\n';

// English export: ',', ISO dates, decimal point, quoted thousands.
const ENGLISH_CSV = [
  'Invoice number,Customer,Tax id,Issue date,Due date,Amount,Currency',
  'INV-7,Northwind Ltd,,2026-08-01,2026-08-31,"1,500.00",USD',
  'INV-8,Northwind Ltd,,2026-09-01,2026-09-30,99.90,USD',
].join('\n') + '\n';

// Row 3 has an impossible date and a negative amount.
const BAD_CSV = [
  'Número de factura;Cliente;NIF;Fecha de emisión;Vencimiento;Importe',
  'F-9001;Cliente Bueno S.L.;;01/09/2026;01/10/2026;100,00',
  'F-9002;Cliente Malo S.L.;;31/02/2026;01/10/2026;-50,00',
].join('\r\n') + '\r\n';

function dispatch(page, command) {
  return page.evaluate((c) => recobra.dispatch(c), command);
}

// Drops a file on the canvas the way a browser does: dragover, then drop with a DataTransfer.
async function dropFile(page, name, text) {
  await page.evaluate(({ fileName, content }) => {
    const canvas = document.getElementById('canvas');
    const data = new DataTransfer();
    data.items.add(new File([content], fileName, { type: 'text/csv' }));
    const at = { clientX: 640, clientY: 400, bubbles: true, cancelable: true, dataTransfer: data };
    canvas.dispatchEvent(new DragEvent('dragenter', at));
    canvas.dispatchEvent(new DragEvent('dragover', at));
    canvas.dispatchEvent(new DragEvent('drop', at));
  }, { fileName: name, content: text });
}

async function csvDialog(page) {
  await page.waitForFunction(() => {
    const s = recobra.uiState().csvImport;
    return s && (s.rows > 0 || s.error || s.problemCount > 0);
  });
  await settle(page);
  return page.evaluate(() => recobra.uiState().csvImport);
}

function noTrouble(problems) {
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
}

test('a Spanish CSV dropped on the window is previewed, imported in one go and still there after a reload', async () => {
  const { context } = await browser();
  const { page, problems } = await openApp(context, { query: QUERY });
  const pena = await dispatch(page, { type: 'registerDebtor', legalName: 'Gráficas Peña S.L.', taxId: 'B12345674', kind: 'sme', country: 'ES' });
  assert.equal(pena.ok, true, pena.error);
  await page.evaluate(() => recobra.screen('debtors'));
  const before = await page.evaluate(() => recobra.summary());

  await dropFile(page, 'facturas-contabilidad.csv', SPANISH_CSV);
  const dialog = await csvDialog(page);
  assert.equal(dialog.file, 'facturas-contabilidad.csv');
  assert.equal(dialog.separator, ';');
  assert.equal(dialog.hasHeader, true);
  assert.equal(dialog.dateFormat, 'dd/mm/yyyy');
  assert.equal(dialog.decimal, 'comma');
  assert.deepEqual(dialog.columns, { number: 0, customer: 1, taxId: 2, issue: 3, due: 4, amount: 5, currency: 6 });
  assert.equal(dialog.rows, 4);
  assert.equal(dialog.validRows, 4);
  assert.equal(dialog.problemCount, 0);
  assert.equal(dialog.newDebtors, 2, 'Talleres Ruiz (twice, matched by name) and Peña Martínez are new');
  assert.equal(dialog.knownDebtors, 1, 'Gráficas Peña is matched by its tax id');
  assert.equal(dialog.canImport, true);
  assert.deepEqual(dialog.preview.map((r) => r.number), ['F-2026-101', 'F-2026-102', 'F-2026-103', 'F-2026-104']);
  assert.ok(await page.evaluate(() => recobra.locate('csv.preview')));
  await screenshot(page, 'transfer-csv-dialog-es');
  await page.evaluate(() => recobra.setLanguage('en'));
  await settle(page);
  await screenshot(page, 'transfer-csv-dialog-en');
  await page.evaluate(() => recobra.setLanguage('es'));
  await settle(page);

  await click(page, 'csv.import');
  await page.waitForFunction(() => recobra.uiState().csvImport === null && recobra.summary().saving === 0);
  const afterImport = await page.evaluate(() => recobra.summary());
  assert.equal(afterImport.debtors, before.debtors + 2);
  assert.equal(afterImport.invoices, before.invoices + 4);
  // 1.234,56 + 980,00 + 250,50 + 3.000,00
  assert.equal(afterImport.outstanding.EUR - (before.outstanding.EUR || 0), 123456 + 98000 + 25050 + 300000);
  const toasts = await page.evaluate(() => recobra.uiState().toasts);
  assert.ok(toasts.some((t) => t.includes('4 facturas importadas') && t.includes('2 deudores nuevos')), toasts.join(' | '));

  await page.reload();
  await page.evaluate(() => recobra.ready());
  const reloaded = await page.evaluate(() => recobra.summary());
  for (const key of ['debtors', 'invoices', 'events']) assert.equal(reloaded[key], afterImport[key], key);
  assert.deepEqual(reloaded.outstanding, afterImport.outstanding);
  noTrouble(problems);
});

test('a CSV chosen with the file picker: formats detected (ISO dates, decimal point), imported', async () => {
  const { context } = await browser();
  const { page, problems } = await openApp(context, { query: QUERY });
  await page.evaluate(() => recobra.screen('debtors'));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'debtors.importCsv')]);
  await chooser.setFiles({ name: 'invoices.csv', mimeType: 'text/csv', buffer: Buffer.from(ENGLISH_CSV) });
  const dialog = await csvDialog(page);
  assert.equal(dialog.separator, ',');
  assert.equal(dialog.dateFormat, 'yyyy-mm-dd');
  assert.equal(dialog.decimal, 'point');
  assert.equal(dialog.validRows, 2);
  assert.equal(dialog.newDebtors, 1);
  await click(page, 'csv.import');
  await page.waitForFunction(() => recobra.uiState().csvImport === null && recobra.summary().saving === 0);
  const summary = await page.evaluate(() => recobra.summary());
  assert.equal(summary.debtors, 1);
  assert.equal(summary.invoices, 2);
  assert.equal(summary.outstanding.USD, 150000 + 9990);
  noTrouble(problems);
});

test('Excel\'s CSV on a Spanish Windows (Windows-1252, not UTF-8) is read with its accents, and the dialog says so', async () => {
  const { context } = await browser();
  const { page, problems } = await openApp(context, { query: QUERY });
  await page.evaluate(() => recobra.screen('debtors'));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'debtors.importCsv')]);
  // 'latin1' writes each character as one byte: ñ is F1, as Excel's "CSV (delimitado por comas)" has it.
  await chooser.setFiles({ name: 'facturas-excel.csv', mimeType: 'text/csv', buffer: Buffer.from(SPANISH_CSV, 'latin1') });
  const dialog = await csvDialog(page);
  assert.equal(dialog.encoding, 'windows-1252');
  assert.equal(dialog.problemCount, 0);
  assert.equal(dialog.validRows, 4);
  assert.equal((await page.evaluate(() => recobra.locate('csv.encoding'))).text, 'windows-1252');
  await screenshot(page, 'transfer-csv-windows-1252-es');
  await click(page, 'csv.import');
  await page.waitForFunction(() => recobra.uiState().csvImport === null && recobra.summary().saving === 0);
  const backup = JSON.parse(await page.evaluate(() => recobra.exportBackup()));
  const names = backup.events.filter((e) => e.type === 'debtor.registered').map((e) => e.payload.legalName);
  assert.ok(names.includes('Gráficas Peña S.L.'), names.join(', '));
  assert.ok(names.includes('Peña Martínez, José'), names.join(', '));
  noTrouble(problems);
});

test('a CSV with a bad row is refused, naming the file, the row and the field; nothing changes', async () => {
  const { context } = await browser();
  const { page, problems } = await openApp(context, { query: QUERY });
  await dispatch(page, { type: 'registerDebtor', legalName: 'Cliente Bueno S.L.', kind: 'sme', country: 'ES' });
  await page.evaluate(() => recobra.screen('debtors'));
  const before = await page.evaluate(() => recobra.summary());
  await dropFile(page, 'facturas-malas.csv', BAD_CSV);
  const dialog = await csvDialog(page);
  assert.equal(dialog.rows, 2);
  assert.equal(dialog.validRows, 1);
  assert.equal(dialog.canImport, false);
  const row3 = dialog.problems.filter((p) => p.row === '3');
  assert.ok(row3.some((p) => p.field.startsWith('Fecha de emisión')), JSON.stringify(row3));
  assert.ok(row3.some((p) => p.field.startsWith('Importe')), JSON.stringify(row3));
  for (const p of row3) assert.match(p.text, /facturas-malas\.csv/);
  assert.ok(await page.evaluate(() => recobra.locate('csv.problems')), 'the problems are shown above the preview');
  assert.equal(dialog.preview[1].problems > 0, true);
  await screenshot(page, 'transfer-csv-refused-es');

  // The import button is disabled: clicking it changes nothing.
  await click(page, 'csv.import');
  await settle(page);
  assert.deepEqual(await page.evaluate(() => recobra.summary()), before);
  await click(page, 'csv.cancel');
  assert.equal(await page.evaluate(() => recobra.uiState().csvImport), null);
  assert.deepEqual(await page.evaluate(() => recobra.summary()), before);
  noTrouble(problems);
});

// The entries of a ZIP (stored or not) as {name: Buffer} for stored ones, read through its
// central directory.
function readZip(buffer) {
  const end = buffer.length - 22;
  assert.equal(buffer.readUInt32LE(end), 0x06054b50);
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const files = {};
  for (let i = 0; i < count; i++) {
    assert.equal(buffer.readUInt32LE(at), 0x02014b50);
    const size = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    files[name] = buffer.subarray(start, start + size);
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return files;
}

test('the agency dialog builds the package for the demo data and downloads one .zip', async () => {
  const { context } = await browser();
  const { page, problems } = await openApp(context, { query: QUERY });
  const demo = await page.evaluate(() => recobra.loadDemo());
  assert.equal(demo.ok, true, demo.error);
  await page.evaluate(() => recobra.screen('debtors'));
  await settle(page);

  const expected = await page.evaluate(() => recobra.agencyPackage({ stages: ['agency'] }));
  assert.equal(expected.ok, true, expected.error);
  assert.ok(expected.debtors > 0);

  await click(page, 'debtors.agency');
  await settle(page);
  let state = await page.evaluate(() => recobra.uiState().agency);
  assert.equal(state.mode, 'filter');
  assert.equal(state.phase, 'choose');
  assert.equal(state.debtors, expected.debtors);
  assert.equal(state.invoices, expected.invoices);
  assert.equal(state.interactions, expected.interactions);
  await screenshot(page, 'transfer-agency-dialog-es');
  await page.evaluate(() => recobra.setLanguage('en'));
  await settle(page);
  await screenshot(page, 'transfer-agency-dialog-en');
  await click(page, 'agency.mode.hand');
  await settle(page);
  await screenshot(page, 'transfer-agency-hand-en');
  state = await page.evaluate(() => recobra.uiState().agency);
  assert.equal(state.mode, 'hand');
  assert.equal(state.debtors, expected.debtors, 'picking by hand starts from the previous choice');
  await click(page, 'agency.mode.filter');
  await page.evaluate(() => recobra.setLanguage('es'));
  await settle(page);

  const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'agency.build')]);
  assert.match(download.suggestedFilename(), /^agencia-2026-11-22\.zip$/);
  const file = path.join(tempDir('recobra-agency-'), download.suggestedFilename());
  await download.saveAs(file);
  await page.waitForFunction(() => recobra.uiState().agency && recobra.uiState().agency.phase === 'done');
  await settle(page);
  await screenshot(page, 'transfer-agency-done-es');
  state = await page.evaluate(() => recobra.uiState().agency);
  assert.equal(state.bytes, fs.statSync(file).size);

  // Python's zipfile checks every CRC; its listing names every file.
  execFileSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None', file]);
  const listing = execFileSync('python3', ['-m', 'zipfile', '-l', file]).toString();
  const files = readZip(fs.readFileSync(file));
  const names = Object.keys(files);
  assert.deepEqual(names.slice().sort(), expected.files.slice().sort());
  for (const name of ['cases.json', 'invoices.csv', 'interactions.csv', 'index.html']) {
    assert.ok(names.includes(`agencia-2026-11-22/${name}`), name);
    assert.ok(listing.includes(`agencia-2026-11-22/${name}`), listing);
  }
  const pages = names.filter((n) => /\/\d{4}-.*\.html$/.test(n));
  assert.equal(pages.length, expected.debtors, 'one printable page per debtor');
  const invoices = files['agencia-2026-11-22/invoices.csv'];
  assert.deepEqual([...invoices.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
  const header = invoices.subarray(3).toString('utf8').split('\r\n')[0];
  assert.ok(header.split(';').length > 5, header);
  assert.equal(invoices.subarray(3).toString('utf8').split('\r\n').filter(Boolean).length - 1, expected.invoices);
  const interactions = files['agencia-2026-11-22/interactions.csv'];
  assert.deepEqual([...interactions.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const cases = JSON.parse(files['agencia-2026-11-22/cases.json'].toString('utf8'));
  assert.equal(cases.format, 'recobra-agency-package');
  assert.equal(cases.cases.length, expected.debtors);

  await click(page, 'agency.close');
  assert.equal(await page.evaluate(() => recobra.uiState().agency), null);
  noTrouble(problems);
});

test('from the 360° view only that debtor goes; agencyPackage() refuses unknown ids and stages', async () => {
  const { context } = await browser();
  const { page, problems } = await openApp(context, { query: QUERY });
  await page.evaluate(() => recobra.loadDemo());
  const all = await page.evaluate(() => recobra.agencyPackage({}));
  assert.equal(all.ok, true, all.error);
  await page.evaluate(() => recobra.screen('debtors'));
  await settle(page);
  await click(page, 'debtors.row.0');
  const id = await page.evaluate(() => recobra.uiState().debtor.id);
  assert.ok(id, 'the 360° view of the first debtor is open');
  await click(page, 'debtor.agency');
  await settle(page);
  const state = await page.evaluate(() => recobra.uiState().agency);
  assert.equal(state.mode, 'single');
  assert.equal(state.debtors, 1);
  const one = await page.evaluate((d) => recobra.agencyPackage({ debtors: [d] }), id);
  assert.equal(one.ok, true, one.error);
  assert.equal(one.debtors, 1);
  assert.equal(state.invoices, one.invoices);
  await click(page, 'agency.cancel');

  const unknown = await page.evaluate(() => recobra.agencyPackage({ debtors: ['d-nobody'] }));
  assert.equal(unknown.ok, false);
  assert.equal(unknown.field, 'debtor');
  const badStage = await page.evaluate(() => recobra.agencyPackage({ stages: ['moon'] }));
  assert.equal(badStage.ok, false);
  assert.equal(badStage.field, 'stages');
  noTrouble(problems);
});
