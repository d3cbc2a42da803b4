// Letters (docs/letters.md) driven as a person would: with the business's details empty the
// composer says to fill them in and takes you there; "Tu empresa" is filled in through its
// form; then a letter is prepared from an agenda item, printed (the hidden frame's document,
// rendered to PDF and read back with pdftotext), marked as sent, and found in the debtor's
// timeline with the SHA-256 of its text. Screenshots in Spanish and English of the composer,
// Settings → Tu empresa, Settings → Plantillas and the printed page:
// build/test-artifacts/letters/.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openBrowser, openApp, server, click, fill, settle, ARTIFACTS } from './harness.mjs';

const contexts = [];
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  (await server()).server.close();
});

const TODAY = '2026-11-23';
const OUT = path.join(ARTIFACTS, 'letters');
fs.mkdirSync(OUT, { recursive: true });

const locate = (page, id) => page.evaluate((w) => recobra.locate(w), id);
const uiState = (page) => page.evaluate(() => recobra.uiState());
const dispatch = (page, command) => page.evaluate((c) => recobra.dispatch(c), command);

async function quiet(page) {
  await page.waitForFunction(() => recobra.uiState().toasts.length === 0, null, { polling: 200, timeout: 20000 });
  await settle(page);
}

async function shot(page, name) {
  await page.mouse.move(5, 795);
  await quiet(page);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

// Scrolls with the mouse wheel (over `at`) until the widget is wholly on screen.
async function reveal(page, id, at = { x: 300, y: 500 }) {
  let rect = null;
  for (let i = 0; i < 40; ++i) {
    rect = await locate(page, id);
    if (rect && rect.y >= 0 && rect.y + rect.height <= page.viewportSize().height - 2) return rect;
    await page.mouse.move(at.x, at.y);
    // Not drawn: above or below what shows; from the top, then down.
    await page.mouse.wheel(0, !rect && i === 0 ? -20000 : rect && rect.y < 0 ? -250 : 250);
    await settle(page);
  }
  throw new Error(`could not bring '${id}' on screen: ${JSON.stringify(rect)}`);
}

// The agenda's first item whose ladder step has a letter (not a call script).
async function letterItem(page) {
  const { items } = await page.evaluate(() => recobra.agenda());
  const index = items.findIndex((it) => it.step && it.step.template && !it.step.template.startsWith('call_script'));
  assert.ok(index >= 0 && index < 50, 'the demo agenda has a ladder step with a letter');
  return { index, item: items[index] };
}

async function openComposer(page, index) {
  await click(page, 'nav.agenda');
  await reveal(page, `agenda.item.${index}.letter`);
  await click(page, `agenda.item.${index}.letter`);
  await page.waitForFunction(() => recobra.uiState().letter !== null, null, { timeout: 5000 });
  return (await uiState(page)).letter;
}

// The printed document, as the hidden frame holds it, with the styles it was given.
async function printed(page) {
  await page.waitForFunction(() => {
    const frame = document.getElementById('print-frame');
    return frame && frame.contentDocument && frame.contentDocument.querySelector('article');
  }, null, { timeout: 5000 });
  return page.evaluate(() => {
    const doc = document.getElementById('print-frame').contentDocument;
    const css = [...doc.adoptedStyleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\n');
    const article = doc.querySelector('article');
    return {
      html: doc.documentElement.outerHTML.replace('</head>', `<style>${css}</style></head>`),
      styled: getComputedStyle(article).maxWidth !== 'none',
    };
  });
}

async function pdfText(context, html, name) {
  const page = await context.newPage();
  await page.setContent(html);
  const pdf = path.join(OUT, `${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4' });
  await page.close();
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(OUT, name)]);
  return execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
}

test('a letter from the agenda: business details, composer, print to PDF, marked as sent', async () => {
  const started = Date.now();
  const { context } = await openBrowser();
  contexts.push(context);
  const { page, problems } = await openApp(context, { query: `?today=${TODAY}&lang=es` });
  await page.evaluate(() => recobra.loadDemo());
  await quiet(page);
  // Whatever the demo brings, start with no business details.
  const cleared = await dispatch(page, { type: 'updateCreditor', creditor: {} });
  assert.equal(cleared.ok, true, JSON.stringify(cleared));
  const { index, item } = await letterItem(page);

  // Without the business's details: the message, and a button to Settings → Tu empresa.
  let letter = await openComposer(page, index);
  assert.match(letter.problem, /Tu empresa/);
  assert.ok(await locate(page, 'letter.problem'));
  await click(page, 'letter.fillBusiness');
  assert.equal((await uiState(page)).screen, 'settings');
  assert.equal((await uiState(page)).letter, null);

  // "Tu empresa", filled in through its form; a bad IBAN and tax id are both shown at once.
  await reveal(page, 'business.legalName');
  await fill(page, 'business.legalName', 'Distribuciones Levante S.L.');
  await fill(page, 'business.taxId', '1234');
  await reveal(page, 'business.iban');
  await fill(page, 'business.iban', 'ES00 0000');
  await reveal(page, 'business.save');
  await click(page, 'business.save');
  const errors = (await uiState(page)).settings.business;
  assert.ok(errors.taxId && errors.iban, JSON.stringify(errors));
  assert.ok(await locate(page, 'business.taxId.error'));
  assert.ok(await locate(page, 'business.iban.error'));
  await reveal(page, 'business.taxId', { x: 700, y: 300 });
  await fill(page, 'business.taxId', '12345678Z');
  await fill(page, 'business.iban', 'ES91 2100 0418 4502 0005 1332');
  await reveal(page, 'business.address', { x: 700, y: 300 });
  await click(page, 'business.address');
  await page.keyboard.type('Calle de Colon 12, 3.o');
  await page.keyboard.press('Enter');
  await page.keyboard.type('46004 Valencia');
  await reveal(page, 'business.signerName', { x: 700, y: 300 });
  await fill(page, 'business.place', 'Valencia');
  await fill(page, 'business.signerName', 'Marta Soler');
  await fill(page, 'business.email', 'cobros@levante.example');
  await reveal(page, 'business.save');
  await click(page, 'business.save');
  await page.waitForFunction(() => !recobra.uiState().settings.businessEdited, null, { timeout: 5000 });
  await reveal(page, 'business.legalName', { x: 700, y: 300 });
  await shot(page, 'business-es');

  // Templates: the list, the editor and the live preview.
  await reveal(page, 'templates.save');
  await shot(page, 'templates-es');
  const preview = await locate(page, 'templates.preview');
  assert.ok(preview && preview.text.includes('Distribuciones Levante S.L.'), 'the preview uses the business');
  // An unknown placeholder is refused, its message under the field.
  await click(page, 'templates.body');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' {{nope}}');
  await click(page, 'templates.save');
  assert.match((await uiState(page)).settings.errors.body || '', /nope/);
  await click(page, 'templates.cancel');

  // The composer from the agenda item: the debtor's name, amounts in Spanish.
  letter = await openComposer(page, index);
  assert.equal(letter.template, item.step.template);
  assert.equal(letter.problem, undefined);
  const debtorName = (await uiState(page)).agenda.items.find((i) => i.key === item.key)?.debtorName;
  assert.ok(debtorName && letter.recipient === debtorName, `the letter is addressed to ${debtorName}`);
  assert.ok((await locate(page, 'letter.to')).text.includes(debtorName), 'the composer shows the debtor');
  const amount = /\d{1,3}(?:\.\d{3})*,\d{2} €/.exec(letter.text);
  assert.ok(amount, 'an amount written the Spanish way');
  await shot(page, 'composer-es');

  // Print: the hidden frame holds the page; as a PDF it reads the debtor, the amount, the business.
  await click(page, 'letter.print');
  const print = await printed(page);
  assert.ok(print.styled, "the letter's own styles apply inside the frame");
  const text = await pdfText(context, print.html, 'print-es');
  assert.ok(text.includes(debtorName), 'the PDF names the debtor');
  assert.ok(text.includes(amount[0]), `the PDF has ${amount[0]}`);
  assert.ok(text.includes('Distribuciones Levante S.L.'), "the PDF has the business's legal name");
  assert.ok(await locate(page, 'letter.eml'));
  assert.ok(await locate(page, 'letter.mailto'));

  // Marked as sent: one conversation, with the letter and its fingerprint in the timeline.
  const sha = createHash('sha256').update(letter.text, 'utf8').digest('hex');
  await click(page, 'letter.sent');
  await click(page, 'letter.confirm');
  await page.waitForFunction(() => recobra.uiState().letter === null, null, { timeout: 5000 });
  await quiet(page);
  assert.equal(await page.evaluate((id) => recobra.openDebtor(id), item.debtor), true);
  await settle(page);
  const state = await uiState(page);
  assert.equal(state.screen, 'debtor');
  const entry = state.debtor.timeline.find((e) => e.detail.includes(sha));
  assert.ok(entry, `the timeline shows the letter with SHA-256 ${sha}`);

  // English: the composer, the settings, the printed page.
  await page.evaluate(() => recobra.setLanguage('en'));
  // The one sent is off the agenda: the first with a letter now.
  letter = await openComposer(page, (await letterItem(page)).index);
  assert.equal(letter.lang, 'en');
  assert.match(letter.text, /€\d{1,3}(?:,\d{3})*\.\d{2}/);
  await shot(page, 'composer-en');
  await click(page, 'letter.print');
  await page.waitForFunction(() => document.getElementById('print-frame').contentDocument.documentElement.lang === 'en');
  await pdfText(context, (await printed(page)).html, 'print-en');
  await click(page, 'letter.close');
  await click(page, 'nav.settings');
  await reveal(page, 'business.legalName', { x: 700, y: 300 });
  await shot(page, 'business-en');
  await reveal(page, 'templates.save');
  await shot(page, 'templates-en');

  // A dozen letters of one action at once: one document, a page each, all marked as sent.
  // A dozen more debtors a few days late give as many friendly reminders; a tall window shows
  // the whole agenda, so each is ticked where it is drawn (the agenda table's last rows do not
  // scroll wholly into view, a fault of that table still open).
  const BULK = 12;
  const added = await page.evaluate(async (n) => {
    const ks = Array.from({ length: n }, (_, i) => i + 1);
    const debtors = await Promise.all(ks.map((k) => recobra.dispatch(
      { type: 'registerDebtor', legalName: `Cliente de prueba ${k} S.L.`, kind: 'sme', country: 'ES' })));
    const invoices = await Promise.all(ks.map((k, i) => recobra.dispatch({
      type: 'addInvoice', debtor: debtors[i].id, number: `P-${k}`, amount: { minor: 10000 + k * 100, currency: 'EUR' },
      issueDate: '2026-10-20', dueDate: '2026-11-19',
    })));
    return [...debtors, ...invoices].filter((r) => !r.ok);
  }, BULK);
  assert.deepEqual(added, []);
  await page.setViewportSize({ width: 1280, height: 2600 });
  await page.evaluate(() => recobra.nextFrame());
  await settle(page);
  await click(page, 'nav.agenda');
  await settle(page);
  const { items } = await page.evaluate(() => recobra.agenda());
  const reminders = items.map((it, i) => ({ ...it, i }))
    .filter((it) => it.i < 50 && it.step && it.step.action === 'friendly_reminder').slice(0, BULK);
  assert.equal(reminders.length, BULK, 'a friendly reminder to each on the agenda');
  for (const it of reminders) await click(page, `agenda.item.${it.i}.pick`);
  await click(page, 'agenda.bulk');
  await page.waitForFunction((n) => recobra.uiState().letter?.bulk === n, BULK, { timeout: 10000 });
  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.evaluate(() => recobra.nextFrame());
  await shot(page, 'bulk-en');
  await click(page, 'letter.print');
  await page.waitForFunction((n) => document.getElementById('print-frame').contentDocument.querySelectorAll('article').length === n, BULK, { timeout: 10000 });
  const bulkText = await pdfText(context, (await printed(page)).html, 'print-bulk-en');
  assert.equal(bulkText.split('\f').filter((p) => p.trim()).length, BULK, 'a page for each letter');
  for (const k of [1, 7, BULK]) assert.ok(bulkText.includes(`Cliente de prueba ${k} S.L.`), `the letter to client ${k}`);
  const before = (await page.evaluate(() => recobra.summary())).interactions;
  await click(page, 'letter.sent');
  await click(page, 'letter.confirm');
  await page.waitForFunction(() => recobra.uiState().letter === null, null, { timeout: 10000 });
  assert.equal((await page.evaluate(() => recobra.summary())).interactions, before + BULK);
  await page.setViewportSize({ width: 1280, height: 800 });

  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
  assert.deepEqual(problems.consoleErrors.filter((e) => !/favicon|GPU stall/.test(e)), []);
  console.log(`letters test: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
