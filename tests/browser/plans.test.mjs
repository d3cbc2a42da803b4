// Payment plans and offers in the 360° view (docs/plans-and-offers.md): a plan built through the
// real UI, its schedule previewed as it is typed and checked against what is owed, agreed, still
// there after a reload; a payment (recobra.dispatch, the command the payment form sends) pays the
// down payment and the first installment, the next one is due on the agenda; an offer made and
// listed. Screenshots (builder and progress, Spanish and English):
// build/test-artifacts/screenshots/plans-*.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, openApp, server, screenshot, click, settle } from './harness.mjs';

const contexts = [];
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  (await server()).server.close();
});

const state = (page) => page.evaluate(() => recobra.uiState());
const locate = (page, id) => page.evaluate((w) => recobra.locate(w), id);
const textOf = async (page, id) => (await locate(page, id))?.text;

// Types over a field's text as a paste or an IME would (the page's hidden field, one frame rather
// than one a key): the suite stays short.
async function fill(page, id, text) {
  await click(page, id);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText(text);
  await settle(page);
}

async function formClosed(page) {
  await page.waitForFunction(() => recobra.uiState().form === null, null, { polling: 100, timeout: 10000 });
  await settle(page);
}

// Screenshots without the passing toasts over the content.
async function shot(page, name) {
  await page.waitForFunction(() => recobra.uiState().toasts.length === 0, null, { polling: 250, timeout: 20000 });
  await settle(page);
  return screenshot(page, name);
}

async function language(page, code) {
  await page.evaluate((c) => recobra.setLanguage(c), code);
  await settle(page);
}

test('a plan built in the UI previews its schedule, is agreed, and a payment pays its first installments; the next is on the agenda', async () => {
  const { context } = await openBrowser();
  contexts.push(context);
  // Monday 23 November 2026.
  const { page, problems, url } = await openApp(context, { query: '?today=2026-11-23&lang=es' });
  const id = await page.evaluate(async () => {
    const ok = (r) => {
      if (!r.ok) throw new Error(JSON.stringify(r));
      return r;
    };
    const debtor = ok(await recobra.dispatch({ type: 'registerDebtor', legalName: 'Talleres Ruiz S.L.', kind: 'sme', country: 'ES' }));
    for (const [number, due, minor] of [['F-2026-081', '2026-09-01', 100000], ['F-2026-094', '2026-10-01', 50000]])
      ok(await recobra.dispatch({ type: 'addInvoice', debtor: debtor.id, number, issueDate: '2026-08-01', dueDate: due,
        amount: { minor, currency: 'EUR' }, kind: 'b2b' }));
    return debtor.id;
  });
  await page.evaluate((d) => recobra.openDebtor(d), id);
  await settle(page);

  // The builder: both invoices covered, 300 € down and three monthly installments from 7 December.
  await click(page, 'debtor.plan');
  assert.equal((await state(page)).form.tag, 'plan');
  await fill(page, 'plan.downPayment', '300');
  // An installment changed by hand: the difference is said before saving.
  await fill(page, 'plan.installments[2].amount', '390');
  assert.match(await textOf(page, 'plan.sum'), /^Suman 1\.490,00 € y deberían sumar 1\.500,00 €: diferencia -10,00 €/);
  // A new first date makes a new schedule.
  await fill(page, 'plan.first', '07/12/2026');
  assert.equal(await textOf(page, 'plan.installments[0].due'), '07/12/2026');
  assert.equal(await textOf(page, 'plan.installments[2].due'), '07/02/2027');
  assert.equal(await textOf(page, 'plan.installments[2].amount'), '400,00');
  assert.match(await textOf(page, 'plan.sum'), /^Suman 1\.500,00 €: justo lo que se debe/);
  await fill(page, 'plan.reason', 'Acordado por teléfono con la gerente');
  await click(page, 'plan.acceleration');
  await shot(page, 'plans-builder-es');
  await language(page, 'en');
  assert.equal(await textOf(page, 'plan.installments[0].due'), '7 Dec 2026');
  assert.match(await textOf(page, 'plan.sum'), /^They add up to .*1,500\.00.*: exactly what is owed/);
  await shot(page, 'plans-builder-en');
  await language(page, 'es');
  await click(page, 'plan.submit');
  await formClosed(page);
  // Agreed: the progress tab shows the down payment and the three installments, none paid yet.
  await click(page, 'debtor.tab.5');
  assert.equal(await textOf(page, 'debtor.plan.0.status'), 'En curso');
  assert.match(await textOf(page, 'debtor.plan.0.terms'), /5 días de gracia · con vencimiento anticipado$/);
  assert.equal(await textOf(page, 'debtor.plan.0.installment.0'), 'Próximo');
  assert.equal(await textOf(page, 'debtor.plan.0.installment.3'), 'Pendiente');
  assert.equal(await locate(page, 'debtor.plan.0.installment.4'), null);

  // On 7 January 2027, after a reload: 700 € paid on the day it was agreed pay the down payment
  // and the first installment; the second falls due today.
  await page.goto(url + '?today=2027-01-07&lang=es');
  await page.evaluate(() => recobra.ready());
  await page.evaluate((d) => recobra.openDebtor(d), id);
  await settle(page);
  assert.ok((await page.evaluate((d) => recobra.dispatch({ type: 'recordPayment', debtor: d,
    amount: { minor: 70000, currency: 'EUR' }, date: '2026-11-23', method: 'transfer' }), id)).ok);
  await settle(page);
  const agenda = await page.evaluate(() => recobra.agenda());
  const due = agenda.items.filter((i) => i.debtor === id && i.kind === 'installment_due');
  assert.equal(due.length, 1, JSON.stringify(agenda.items));
  assert.equal(due[0].due, '2027-01-07');

  // The progress tab: the down payment and the first installment paid, the second next; an offer
  // is made from it and listed.
  await click(page, 'debtor.tab.5');
  assert.equal(await textOf(page, 'debtor.plan.0.status'), 'En curso');
  assert.equal(await textOf(page, 'debtor.plan.0.installment.0'), 'Pagado');
  assert.equal(await textOf(page, 'debtor.plan.0.installment.1'), 'Pagado');
  assert.equal(await textOf(page, 'debtor.plan.0.installment.3'), 'Pendiente');
  assert.equal(await textOf(page, 'debtor.plan.0.installment.2'), 'Próximo');
  assert.match(await textOf(page, 'debtor.plan.0.paid'), /^Pagado 700,00 € de 1\.500,00 € · queda 800,00 €/);
  // Amending starts from what is left.
  await click(page, 'debtor.plan.0.amend');
  assert.match(await textOf(page, 'amend.sum'), /^Suman 800,00 €/);
  await click(page, 'amend.cancel');
  await settle(page);
  await shot(page, 'plans-progress-es');
  await language(page, 'en');
  assert.equal(await textOf(page, 'debtor.plan.0.installment.2'), 'Next');
  await shot(page, 'plans-progress-en');
  await language(page, 'es');

  // A discount over the plan's invoices is refused while the plan runs: the form stays open.
  await click(page, 'debtor.plans.discount');
  await fill(page, 'offer.percent', '10');
  assert.match(await textOf(page, 'offer.result'), /^Pagaría 720,00 € de 800,00 €; se perdonarían 80,00 €/);
  await click(page, 'offer.submit');
  await settle(page);
  assert.notEqual(await locate(page, 'offer.submit'), null);
  await click(page, 'offer.cancel');
  await formClosed(page);
  // Cancelled with its reason, the plan gives way: the discount is made and listed.
  await click(page, 'debtor.plan.0.cancel');
  await fill(page, 'cancelPlan.reason', 'Prefiere pagar el resto de una vez');
  await click(page, 'cancelPlan.submit');
  await formClosed(page);
  assert.equal(await textOf(page, 'debtor.plan.0.status'), 'Cancelado');
  await click(page, 'debtor.plans.discount');
  await fill(page, 'offer.percent', '10');
  await click(page, 'offer.submit');
  await formClosed(page);
  assert.equal(await textOf(page, 'debtor.offer.0'), 'Abierta');
  await language(page, 'en');
  assert.equal(await textOf(page, 'debtor.offer.0'), 'Open');

  // The timeline says it in words.
  const titles = (await state(page)).debtor.timeline.map((e) => e.title);
  assert.ok(titles.includes('Payment plan agreed: 3 installments, €1,500.00 in all') ||
    titles.some((t) => /^Payment plan agreed: 3 installments, .*1,500\.00.* in all$/.test(t)), JSON.stringify(titles));
  assert.ok(titles.some((t) => /^Early-payment discount offered: .*720\.00.* by /.test(t)), JSON.stringify(titles));

  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors.filter((e) => !/favicon|GPU stall/.test(e)), []);
});
