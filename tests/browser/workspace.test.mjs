// The collection workspace driven the way a person drives it: mouse and keyboard on the
// canvas, forms, the list, the 360° view and its timeline; and a screenshot of every screen
// in Spanish and in English (build/test-artifacts/screenshots/workspace-*).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, openApp, server, screenshot, click, fill, settle, newProfileDir } from './harness.mjs';

const contexts = [];
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  (await server()).server.close();
});

// A fixed clock: Monday 23 November 2026, 10:00 in Madrid.
const NOW = Date.UTC(2026, 10, 23, 9, 0);

async function start({ lang = 'es', profile, viewport } = {}) {
  const { context } = await openBrowser({ profile, viewport });
  contexts.push(context);
  const app = await openApp(context, { query: `?now=${NOW}&lang=${lang}` });
  return { context, ...app };
}

const state = (page) => page.evaluate(() => recobra.uiState());
const summary = (page) => page.evaluate(() => recobra.summary());

async function choose(page, combo, option) {
  await click(page, combo);
  await click(page, `${combo}.${option}`);
}

test('a debtor with an invoice is created through the forms, and a bad amount is refused next to its field', async () => {
  const profile = newProfileDir();
  const { page, problems } = await start({ profile });
  await click(page, 'nav.debtors');
  // No debtor yet: the list says how to begin, not that a search found nothing.
  assert.ok(await page.evaluate(() => recobra.locate('debtors.empty')));
  assert.equal(await page.evaluate(() => recobra.locate('debtors.noMatch')), null);
  await screenshot(page, 'workspace-debtors-empty-es');
  await page.evaluate(() => recobra.setLanguage('en'));
  await screenshot(page, 'workspace-debtors-empty-en');
  await page.evaluate(() => recobra.setLanguage('es'));
  await click(page, 'debtors.new');
  assert.equal((await state(page)).form.tag, 'debtorForm');
  await fill(page, 'debtorForm.legalName', 'Peña Martínez, José');
  await fill(page, 'debtorForm.taxId', '12345678Z');
  await choose(page, 'debtorForm.kind', 'autonomo');
  await fill(page, 'debtorForm.contacts[0].name', 'José Peña');
  await fill(page, 'debtorForm.contacts[0].email', 'jose@correo.es');
  await screenshot(page, 'workspace-form-debtor-es');
  await click(page, 'debtorForm.submit');
  await page.waitForFunction(() => recobra.uiState().screen === 'debtor');
  const created = await state(page);
  assert.equal(created.debtor.name, 'Peña Martínez, José');

  // An amount typed with the English decimal point is refused, and nothing is saved.
  await click(page, 'debtor.addInvoice');
  await fill(page, 'invoice.number', 'F-2026-014');
  await fill(page, 'invoice.issueDate', '01/09/2026');
  await fill(page, 'invoice.dueDate', '01/10/2026');
  await fill(page, 'invoice.amount', '1234.56');
  await click(page, 'invoice.submit');
  const refused = await state(page);
  assert.equal(refused.form.tag, 'invoice');
  assert.match(refused.form.errors.amount, /coma/);
  assert.equal((await summary(page)).invoices, 0);
  await screenshot(page, 'workspace-form-invoice-error-es');

  await fill(page, 'invoice.amount', '1.234,56');
  await page.keyboard.press('Enter'); // Enter submits
  await page.waitForFunction(() => recobra.uiState().form === null);
  const after1 = await summary(page);
  assert.equal(after1.invoices, 1);
  assert.deepEqual(after1.outstanding, { EUR: 123456 });
  assert.deepEqual(problems.pageErrors, []);
});

test('an interaction with a promise is logged, and both show in the timeline after a reload', async () => {
  const profile = newProfileDir();
  let debtorId;
  {
    const { page, context } = await start({ profile });
    const d = await page.evaluate(() => recobra.dispatch({ type: 'registerDebtor', legalName: 'Talleres Ruiz S.L.', kind: 'sme', country: 'ES' }));
    debtorId = d.id;
    await page.evaluate((id) => recobra.dispatch({ type: 'addInvoice', debtor: id, number: 'R-77', issueDate: '2026-08-01', dueDate: '2026-08-31', amount: { minor: 450000, currency: 'EUR' } }), debtorId);
    await page.evaluate((id) => recobra.openDebtor(id), debtorId);
    await click(page, 'debtor.logInteraction');
    await choose(page, 'interaction.outcome', 'promise');
    await choose(page, 'interaction.attitude', 'cooperative');
    // The promise starts at what is owed, written as every amount is: 4.500,00.
    assert.equal((await page.evaluate(() => recobra.locate('interaction.promise.amount'))).text, '4.500,00');
    // A time that is no time says so, as a time.
    const time = (await page.evaluate(() => recobra.locate('interaction.time'))).text;
    await fill(page, 'interaction.time', '25:99');
    await click(page, 'interaction.submit');
    assert.match((await state(page)).form.errors.time, /«25:99» no es una hora válida/);
    await fill(page, 'interaction.time', time);
    // A promise above what is owed is said before saving; one within it is not.
    assert.equal(await page.evaluate(() => recobra.locate('interaction.promiseWarning')), null);
    await fill(page, 'interaction.promise.amount', '99.999,00');
    assert.match((await page.evaluate(() => recobra.locate('interaction.promiseWarning'))).text,
      /^La promesa \(99\.999,00 €\) supera lo que debe \(4\.500,00 €\)/);
    await fill(page, 'interaction.promise.amount', '1.500,00');
    assert.equal(await page.evaluate(() => recobra.locate('interaction.promiseWarning')), null);
    await fill(page, 'interaction.promise.dueDate', '30/11/2026');
    await click(page, 'interaction.summary');
    await page.keyboard.type('Dice que paga el viernes; pide copia de la factura.');
    await settle(page);
    await screenshot(page, 'workspace-form-interaction-es');
    await click(page, 'interaction.submit');
    await page.waitForFunction(() => recobra.uiState().form === null);
    const s = await summary(page);
    assert.equal(s.promises.pending, 1);
    assert.equal(s.interactions, 1);
    await context.close();
  }
  const { page } = await start({ profile });
  assert.equal(await page.evaluate((id) => recobra.openDebtor(id), debtorId), true);
  const timeline = (await state(page)).debtor.timeline.map((e) => `${e.title} | ${e.detail}`);
  assert.ok(timeline.some((t) => /Factura R-77/.test(t)), timeline.join('\n'));
  assert.ok(timeline.some((t) => /Llamada saliente · Promesa de pago/.test(t) && /1\.500,00 €/.test(t) && /30\/11\/2026/.test(t)), timeline.join('\n'));
  // Newest first: the call, given to the minute, was logged in the minute the debtor was
  // registered (the page's clock is fixed): it is above "Alta del deudor", which is last.
  const call = timeline.findIndex((t) => /^Llamada saliente/.test(t));
  assert.ok(call >= 0 && call < timeline.length - 1, timeline.join('\n'));
  assert.match(timeline[timeline.length - 1], /^Alta del deudor/, timeline.join('\n'));
  await screenshot(page, 'workspace-360-timeline-es');
});

test('search, filters and sorting narrow the list; Esc closes a form without saving', async () => {
  const { page } = await start();
  await page.evaluate(() => recobra.loadDemo());
  await click(page, 'nav.debtors');
  const all = (await state(page)).debtors.shown;
  assert.ok(all >= 36, `${all} debtors listed`);
  await fill(page, 'debtors.search', 'zzzz-nobody');
  assert.equal((await state(page)).debtors.shown, 0);
  assert.ok(await page.evaluate(() => recobra.locate('debtors.noMatch')));
  assert.equal(await page.evaluate(() => recobra.locate('debtors.empty')), null);
  await fill(page, 'debtors.search', '');
  await click(page, 'debtors.bucket.90_plus');
  const over90 = (await state(page)).debtors.shown;
  assert.ok(over90 > 0 && over90 < all);
  await click(page, 'debtors.clear');
  assert.equal((await state(page)).debtors.shown, all);

  await click(page, 'debtors.new');
  await fill(page, 'debtorForm.legalName', 'No lo guardes');
  await page.keyboard.press('Escape');
  await settle(page);
  assert.equal((await state(page)).form, null);
  assert.equal((await summary(page)).debtors, all);
});

test('the mouse wheel scrolls the debtors list', async () => {
  const { page } = await start({ viewport: { width: 1024, height: 640 } });
  await page.evaluate(() => recobra.loadDemo());
  await click(page, 'nav.debtors');
  const first = await page.evaluate(() => recobra.locate('debtors.row.0'));
  await page.mouse.move(first.x + 100, first.y + 60);
  await page.mouse.wheel(0, 600);
  await settle(page);
  const afterWheel = await page.evaluate(() => recobra.locate('debtors.row.0'));
  assert.ok(!afterWheel || afterWheel.y < first.y, 'the first row did not move up');
});

// Every screen, the 360° view's tabs and (when asked) its forms, each with a screenshot (which
// checks that nothing is drawn cut: harness.mjs).
async function screens(page, lang, { forms }) {
  const shots = [];
  const shot = async (name) => {
    await settle(page);
    shots.push(await screenshot(page, `workspace-${name}-${lang}`));
  };
  if ((await summary(page)).debtors === 0) {
    await shot('dashboard-empty');
    await page.evaluate(() => recobra.loadDemo());
  }
  await page.evaluate(() => recobra.screen('dashboard'));
  await shot('dashboard');
  await page.evaluate(() => recobra.screen('debtors'));
  await shot('debtors');
  await click(page, 'debtors.row.2');
  await shot('360');
  for (const [tab, name] of [[1, 'invoices'], [2, 'payments'], [3, 'promises']]) {
    await click(page, `debtor.tab.${tab}`);
    await shot(`360-${name}`);
  }
  await click(page, 'debtor.tab.0');
  for (const action of forms ? ['recordPayment', 'addInvoice', 'logInteraction', 'changeStage', 'assign', 'addNote', 'edit', 'addContact'] : []) {
    await click(page, `debtor.${action}`);
    await shot(`form-${action}`);
    await page.keyboard.press('Escape');
    await settle(page);
  }
  await page.evaluate(() => recobra.screen('settings'));
  await shot('settings');
  return shots;
}

// At 1280×800 in both languages on one page (the forms in Spanish, whose words are the longer;
// in English at 800×600 below), and the main screens at 2560×1440.
test('every screen in Spanish and in English, at 1280×800 and 2560×1440', async () => {
  const { page, problems } = await start({ lang: 'es' });
  assert.ok((await screens(page, 'es', { forms: true })).length >= 15);
  await page.evaluate(() => recobra.setLanguage('en'));
  assert.ok((await screens(page, 'en', { forms: false })).length >= 7);
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
  const viewport = { width: 2560, height: 1440 };
  const { page: large } = await start({ viewport });
  await large.evaluate(() => recobra.loadDemo());
  for (const name of ['dashboard', 'debtors']) {
    await large.evaluate((n) => recobra.screen(n), name);
    await settle(large);
    await screenshot(large, `workspace-${name}-${viewport.width}`);
  }
  await click(large, 'debtors.row.0');
  await screenshot(large, `workspace-360-${viewport.width}`);
});

// Down to 800×600 every action stays reachable (issue 26): no tagged widget is drawn cut where
// no scrolling shows it whole (window.recobra.cutWidgets(): off a window's edge, overflowing a
// table's column, below a card). The sidebar folds to a rail, rows of buttons wrap, the
// 360° view's profile becomes a tab, tables keep their first column and scroll the rest.
test('at 800×600 every screen, tab and form shows each of its actions whole, in both languages', async () => {
  const { page } = await start({ viewport: { width: 800, height: 600 } });
  await page.evaluate(() => recobra.loadDemo());
  // From the search, the keyboard opens a debtor: Down twice reaches the second row listed.
  await click(page, 'nav.debtors');
  await click(page, 'debtors.search');
  await page.keyboard.type('S.L.');
  await settle(page);
  const second = (await state(page)).debtors.listed[1];
  for (const key of ['ArrowDown', 'ArrowDown', 'Enter']) {
    await page.keyboard.press(key);
    await settle(page);
  }
  assert.equal((await state(page)).debtor?.id, second);
  const whole = async (name) => {
    await settle(page);
    await settle(page); // measured layouts (card heights) settle on the frame after
    assert.deepEqual(await page.evaluate(() => recobra.cutWidgets()), [], `${name}: widgets drawn cut`);
  };
  for (const lang of ['es', 'en']) {
    await page.evaluate((l) => recobra.setLanguage(l), lang);
    for (const name of ['dashboard', 'agenda', 'debtors', 'reports', 'settings']) {
      await page.evaluate((n) => recobra.screen(n), name);
      await whole(`${name} (${lang})`);
      await screenshot(page, `workspace-800-${name}-${lang}`);
    }
    // Every screen is reached from the rail, each named on hover.
    await click(page, 'nav.debtors');
    assert.equal((await state(page)).screen, 'debtors');
    await click(page, 'debtors.row.2');
    await whole(`360 (${lang})`);
    await screenshot(page, `workspace-800-360-${lang}`);
    for (let tab = 1; tab <= 6; ++tab) {
      await click(page, `debtor.tab.${tab}`);
      await whole(`360 tab ${tab} (${lang})`);
    }
    await screenshot(page, `workspace-800-360-profile-${lang}`);
    for (const action of ['logInteraction', 'recordPayment', 'agency']) {
      await click(page, `debtor.${action}`);
      await whole(`${action} (${lang})`);
      await screenshot(page, `workspace-800-${action}-${lang}`);
      await page.keyboard.press('Escape');
      await settle(page);
    }
  }
});
