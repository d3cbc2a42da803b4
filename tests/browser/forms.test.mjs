// Forms show every field's error at once when the person saves (issue 26, point 6): each beside
// its field, readable, none over another, the first field focused; nothing is saved. Screenshots:
// build/test-artifacts/screenshots/forms-*.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, openApp, server, screenshot, click, fill, settle } from './harness.mjs';

const contexts = [];
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  (await server()).server.close();
});

// A fixed clock: Monday 23 November 2026, 10:00 in Madrid.
const NOW = Date.UTC(2026, 10, 23, 9, 0);

async function start(lang) {
  const { context } = await openBrowser();
  contexts.push(context);
  const app = await openApp(context, { query: `?now=${NOW}&lang=${lang}` });
  return { context, ...app };
}

const state = (page) => page.evaluate(() => recobra.uiState());
const summary = (page) => page.evaluate(() => recobra.summary());
const locate = (page, id) => page.evaluate((widget) => recobra.locate(widget), id);

const overlap = (a, b) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

// Every error is drawn beneath its own field, inside the window, over nothing else drawn.
async function checkLayout(page, form, fields, others) {
  const viewport = page.viewportSize();
  const errors = [];
  for (const field of fields) {
    const input = await locate(page, `${form}.${field}`);
    const error = await locate(page, `${form}.${field}.error`);
    assert.ok(input && error, `${field}: no field or no error on screen`);
    assert.ok(error.y >= input.y + input.height - 1, `${field}: its error is not beneath it`);
    assert.ok(Math.abs(error.x - input.x) < 2 && error.width <= input.width + 1,
      `${field}: its error is not as wide as its field (${JSON.stringify({ input, error })})`);
    assert.ok(error.x >= 0 && error.y >= 0 && error.x + error.width <= viewport.width &&
      error.y + error.height <= viewport.height, `${field}: its error is cut`);
    errors.push({ field, rect: error });
  }
  const drawn = [];
  for (const id of [...fields, ...others]) drawn.push({ id, rect: await locate(page, `${form}.${id}`) });
  for (const [i, a] of errors.entries()) {
    for (const b of errors.slice(i + 1)) assert.ok(!overlap(a.rect, b.rect), `${a.field} and ${b.field} overlap`);
    for (const item of drawn) {
      if (item.rect) assert.ok(!overlap(a.rect, item.rect), `${a.field}'s error is over ${item.id}`);
    }
  }
  const submit = await locate(page, `${form}.submit`);
  assert.ok(submit && submit.y + submit.height <= viewport.height, 'the Save button is cut');
}

const DEBTOR_FIELDS = ['legalName', 'country', 'contacts[0].phone', 'contacts[0].email'];
const DEBTOR_OTHERS = ['tradeName', 'taxId', 'kind', 'relationship', 'creditLimit', 'assignee', 'tags',
  'contacts[0].name', 'contacts[0].role'];

const MESSAGES = {
  es: {
    legalName: /^es obligatorio$/,
    country: /^«España» no es un código de país de dos letras/,
    'contacts[0].phone': /^«llámame mañana» no parece un teléfono/,
    'contacts[0].email': /^«ana@» no parece un correo electrónico$/,
  },
  en: {
    legalName: /^is required$/,
    country: /^“España” is not a two-letter country code/,
    'contacts[0].phone': /^“llámame mañana” does not look like a phone number/,
    'contacts[0].email': /^“ana@” does not look like an email address$/,
  },
};

for (const lang of ['es', 'en']) {
  test(`a debtor with four wrong fields shows the four errors at once, and is not saved (${lang})`, async () => {
    const { page, problems } = await start(lang);
    await click(page, 'nav.debtors');
    await click(page, 'debtors.new');
    assert.equal((await state(page)).form.tag, 'debtorForm');
    // The name left blank; a phone, an email and a country that are none.
    await fill(page, 'debtorForm.country', 'España');
    await fill(page, 'debtorForm.contacts[0].phone', 'llámame mañana');
    await fill(page, 'debtorForm.contacts[0].email', 'ana@');
    await click(page, 'debtorForm.submit');
    await settle(page);

    const refused = await state(page);
    assert.equal(refused.form.tag, 'debtorForm', 'the form closed');
    assert.deepEqual(Object.keys(refused.form.errors).sort(), [...DEBTOR_FIELDS].sort(),
      JSON.stringify(refused.form.errors));
    for (const field of DEBTOR_FIELDS) {
      assert.match(refused.form.errors[field], MESSAGES[lang][field]);
      assert.equal((await locate(page, `debtorForm.${field}.error`)).text, refused.form.errors[field]);
    }
    // The first contact is named after the debtor: its name's problem is the legal name's, said there.
    assert.equal(await locate(page, 'debtorForm.contacts[0].name.error'), null);
    assert.equal(refused.form.error, '');
    assert.equal((await summary(page)).debtors, 0);
    await checkLayout(page, 'debtorForm', DEBTOR_FIELDS, DEBTOR_OTHERS);
    await screenshot(page, `forms-debtor-errors-${lang}`);

    // The first field with an error has the keyboard: typing fixes it, its error alone goes
    // once saved again; fixing the rest saves the debtor.
    await page.keyboard.type('Ana Gómez');
    await settle(page);
    assert.equal((await locate(page, 'debtorForm.legalName')).text, 'Ana Gómez');
    await click(page, 'debtorForm.submit');
    await settle(page);
    assert.deepEqual(Object.keys((await state(page)).form.errors).sort(),
      ['contacts[0].email', 'contacts[0].phone', 'country']);
    await fill(page, 'debtorForm.country', 'ES');
    await fill(page, 'debtorForm.contacts[0].phone', '+34 600 123 456');
    await fill(page, 'debtorForm.contacts[0].email', 'ana@gomez.es');
    await click(page, 'debtorForm.submit');
    await page.waitForFunction(() => recobra.uiState().screen === 'debtor');
    const s = await summary(page);
    assert.equal(s.debtors, 1);
    assert.deepEqual(problems.pageErrors, []);
  });
}

test('an invoice shows what the form cannot read and what the core refuses together', async () => {
  const { page, problems } = await start('es');
  const d = await page.evaluate(() => recobra.dispatch({ type: 'registerDebtor', legalName: 'Talleres Ruiz S.L.', kind: 'sme', country: 'ES' }));
  await page.evaluate((id) => recobra.openDebtor(id), d.id);
  await click(page, 'debtor.addInvoice');
  // No number, a due date before the issue date, an amount written the English way.
  await fill(page, 'invoice.number', '');
  await fill(page, 'invoice.issueDate', '01/10/2026');
  await fill(page, 'invoice.dueDate', '01/09/2026');
  await fill(page, 'invoice.amount', '1234.56');
  await click(page, 'invoice.submit');
  await settle(page);
  const { errors } = (await state(page)).form;
  assert.deepEqual(Object.keys(errors).sort(), ['amount', 'dueDate', 'number'], JSON.stringify(errors));
  assert.match(errors.number, /obligatorio/);
  assert.match(errors.amount, /coma/);
  assert.ok(errors.dueDate.length > 0);
  assert.equal((await summary(page)).invoices, 0);
  await checkLayout(page, 'invoice', ['number', 'dueDate', 'amount'], ['kind', 'issueDate', 'currency', 'description']);
  await screenshot(page, 'forms-invoice-errors-es');
  assert.deepEqual(problems.pageErrors, []);
});

// Scrolls the page until the widget is wholly on screen.
async function reveal(page, id) {
  for (let i = 0; i < 20; ++i) {
    const rect = await locate(page, id);
    if (rect && rect.y >= 0 && rect.y + rect.height <= 790) return rect;
    await page.mouse.move(700, 500);
    await page.mouse.wheel(0, rect && rect.y < 0 ? -200 : 200);
    await settle(page);
  }
  throw new Error(`could not bring '${id}' on screen`);
}

test('the policy editor shows every wrong value at once: its own reading and the core\'s ranges', async () => {
  const { page, problems } = await start('es');
  await click(page, 'nav.settings');
  await reveal(page, 'settings.policy.edit');
  await click(page, 'settings.policy.edit');
  assert.equal((await state(page)).form.tag, 'policy');
  const before = await page.evaluate(() => recobra.agenda());
  await fill(page, 'policy.policy.contactLimit', '0');  // out of range (the core)
  await fill(page, 'policy.policy.staleDays', 'dos');   // not a number (the form)
  await fill(page, 'policy.step.1.day', 'mañana');      // letters are not taken: no number (the form)
  await fill(page, 'policy.step.3.day', '9999');        // out of range (the core)
  await click(page, 'policy.submit');
  await settle(page);
  const { form } = await state(page);
  assert.equal(form.tag, 'policy');
  // The rows are sorted by day as the core keeps them: the unread day first, 9999 last.
  const last = (await page.evaluate(() => {
    let n = 0;
    while (recobra.locate(`policy.step.${n}.day`)) ++n;
    return n;
  })) - 1;
  assert.deepEqual(Object.keys(form.errors).sort(),
    ['policy.contactLimit', 'policy.ladder[0].day', `policy.ladder[${last}].day`, 'policy.staleDays'].sort(),
    JSON.stringify(form.errors));
  assert.equal(form.error, '');
  assert.match(form.errors['policy.contactLimit'], /entre 1 y 50/);
  // A step's error is written beneath its row, across the table, not in a column too narrow.
  for (const row of [0, last]) {
    const step = await locate(page, `policy.step.${row}.day`);
    const error = await locate(page, `policy.policy.ladder[${row}].day.error`);
    assert.ok(error.y >= step.y + step.height - 1 && error.x <= step.x + 1 && error.width > 150,
      JSON.stringify({ step, error }));
  }
  await screenshot(page, 'forms-policy-errors-es');
  assert.deepEqual(await page.evaluate(() => recobra.agenda()), before); // nothing saved
  assert.deepEqual(problems.pageErrors, []);
});
