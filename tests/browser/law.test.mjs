// The law in the browser (docs/law.md): for a business debtor whose invoice is a year late,
// the 360° view, its claim tab and the debtors list show the figures recobra.claim() computes,
// in Spanish and in English; the half-year with no published rate marks the claim incomplete
// until the user adds the rate in Settings; a proof attached through the claim tab turns the
// MASC requirement from weak to met; all of it survives a reload.
// Screenshots: build/test-artifacts/screenshots/law-*.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, openApp, server, screenshot, click, fill, settle } from './harness.mjs';

const contexts = [];
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  (await server()).server.close();
});

// Monday 23 November 2026: the invoice below accrues in 2025-H2, 2026-H1 and 2026-H2, and
// Recobra ships no rate for 2026-H2 (docs/law.md, "Tables").
const TODAY = '2026-11-23';

const locate = (page, id) => page.evaluate((w) => recobra.locate(w), id);
const claimOf = (page, id) => page.evaluate((d) => recobra.claim(d), id);

// What the UI writes for an amount: "1.290,45 €" / "€1,290.45".
function money({ minor, currency }, lang) {
  assert.equal(currency, 'EUR');
  const units = String(Math.trunc(Math.abs(minor) / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'es' ? '.' : ',');
  const cents = String(Math.abs(minor) % 100).padStart(2, '0');
  const amount = `${units}${lang === 'es' ? ',' : '.'}${cents}`;
  return `${minor < 0 ? '-' : ''}${lang === 'es' ? `${amount} €` : `€${amount}`}`;
}

// What the UI writes for a day: "15/06/2031" / "15 Jun 2031".
function dateText(iso, lang) {
  const [y, m, d] = iso.split('-');
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return lang === 'es' ? `${d}/${m}/${y}` : `${Number(d)} ${months[Number(m) - 1]} ${y}`;
}

// …and for a prescription deadline in the claim tab: "15/06/2031 (1.665 días)".
function deadline(iso, daysLeft, lang) {
  const count = String(daysLeft).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'es' ? '.' : ',');
  return `${dateText(iso, lang)} (${count} ${lang === 'es' ? 'días' : 'days'})`;
}

async function textOf(page, id) {
  const rect = await locate(page, id);
  assert.ok(rect, `'${id}' is on screen`);
  return rect.text;
}

async function shot(page, name) {
  await page.waitForFunction(() => recobra.uiState().toasts.length === 0, null, { polling: 250, timeout: 20000 });
  await settle(page);
  return screenshot(page, name);
}

// Scrolls the main area until the widget is on screen.
async function reveal(page, id) {
  for (let i = 0; i < 30; ++i) {
    const rect = await locate(page, id);
    if (rect && rect.y >= 0 && rect.y + rect.height <= 790) return rect;
    await page.mouse.move(700, 500);
    await page.mouse.wheel(0, rect && rect.y < 0 ? -200 : 200);
    await settle(page);
  }
  throw new Error(`could not bring '${id}' on screen`);
}

// A business that owes 1.210,00 € due on 1 December 2025, claimed formally by burofax on
// 2 March 2026, with 210,00 € paid on 15 June 2026.
async function seed(page) {
  return page.evaluate(async () => {
    const ok = (r) => {
      if (!r.ok) throw new Error(JSON.stringify(r));
      return r;
    };
    const debtor = ok(await recobra.dispatch({ type: 'registerDebtor', legalName: 'Talleres Ruiz S.L.', kind: 'sme', country: 'ES' }));
    const invoice = ok(await recobra.dispatch({
      type: 'addInvoice', debtor: debtor.id, number: 'F-2025-118', issueDate: '2025-11-01', dueDate: '2025-12-01',
      amount: { minor: 121000, currency: 'EUR' }, kind: 'b2b',
    }));
    ok(await recobra.dispatch({
      type: 'logInteraction', debtor: debtor.id, at: Date.UTC(2026, 2, 2, 10), channel: 'burofax', direction: 'outbound',
      outcome: 'other', formalClaim: true, summary: 'Requerimiento de pago por burofax',
    }));
    ok(await recobra.dispatch({
      type: 'recordPayment', debtor: debtor.id, amount: { minor: 21000, currency: 'EUR' }, date: '2026-06-15',
      allocations: [{ invoice: invoice.id, amount: 21000 }],
    }));
    return debtor.id;
  });
}

// The view's figures against the core's: the header, the invoice table, the claim tab.
async function checkView(page, id, lang, claim) {
  await page.evaluate((d) => recobra.openDebtor(d), id);
  await settle(page);
  const star = claim.incomplete ? ' *' : '';
  assert.equal(await textOf(page, 'debtor.claimable'), money(claim.claimable[0], lang) + star);
  await click(page, 'debtor.tab.1');
  const inv = claim.invoices[0];
  assert.equal(await textOf(page, 'debtor.invoice.0.interest'), money(inv.interest.amount, lang) + (inv.interest.incomplete ? ' *' : ''));
  assert.equal(await textOf(page, 'debtor.invoice.0.prescription'), dateText(inv.prescription.deadline, lang));
  await click(page, 'debtor.tab.4');
  assert.equal(await textOf(page, 'claim.principal'), money(claim.principal[0], lang));
  assert.equal(await textOf(page, 'claim.interest'), money(claim.interest[0], lang));
  assert.equal(await textOf(page, 'claim.compensation'), money(claim.compensation[0], lang));
  assert.equal(await textOf(page, 'claim.total'), money(claim.claimable[0], lang));
  assert.equal(await textOf(page, 'claim.invoice.0.interest'), money(inv.interest.amount, lang) + (inv.interest.incomplete ? ' *' : ''));
  assert.equal(await textOf(page, 'claim.invoice.0.prescription'), deadline(inv.prescription.deadline, inv.daysLeft, lang));
  assert.equal(await textOf(page, 'claim.masc'), claim.courtRoute.masc.status);
}

test('the claim in the 360° view and the debtors list is the core\'s; a missing rate, then a proof, added through the UI, change it and stay after a reload', async () => {
  const { context } = await openBrowser();
  contexts.push(context);
  const { page, problems } = await openApp(context, { query: `?today=${TODAY}&lang=es` });
  const id = await seed(page);

  // Before: 2026-H2 has no rate, the burofax has no proof of delivery.
  const before = await claimOf(page, id);
  assert.equal(before.today, TODAY);
  assert.equal(before.incomplete, true);
  const inv = before.invoices[0];
  assert.equal(inv.kind, 'b2b');
  assert.deepEqual(inv.interest.missingRates, ['2026-H2']);
  // From 2 Dec 2025 (the day after due); on 1.210,00 € through the payment of 15 June, then on
  // 1.000,00 €; 2026-H2 not counted yet.
  assert.deepEqual(inv.interest.rows.map((r) => [r.period, r.from, r.to, r.days, r.base]), [
    ['2025-H2', '2025-12-02', '2025-12-31', 30, 121000],
    ['2026-H1', '2026-01-01', '2026-06-15', 166, 121000],
    ['2026-H1', '2026-06-16', '2026-06-30', 15, 100000],
  ]);
  assert.equal(inv.principal.minor, 100000);
  assert.deepEqual(inv.compensation, { currency: 'EUR', minor: 4000 });
  assert.equal(before.courtRoute.masc.status, 'weak');
  assert.equal(before.courtRoute.masc.reason, 'no_proof');
  // The formal claim of 2 March 2026, then the partial payment of 15 June (an acknowledgement),
  // start the five years again.
  assert.deepEqual(inv.prescription.steps.map((s) => [s.kind, s.on, s.deadline]).slice(-2), [
    ['formal_claim', '2026-03-02', '2031-03-02'],
    ['payment', '2026-06-15', '2031-06-15'],
  ]);

  await checkView(page, id, 'es', before);
  await shot(page, 'law-claim-weak-es');

  // The interest's rows on hover.
  const cell = await locate(page, 'claim.invoice.0.interest');
  await page.mouse.move(cell.x + cell.width / 2, cell.y + cell.height / 2);
  await page.waitForTimeout(700);
  await settle(page);
  await shot(page, 'law-interest-tooltip-es');

  // The user adds the missing rate in Settings.
  await page.evaluate(() => recobra.screen('settings'));
  await settle(page);
  await reveal(page, 'settings.law.late_payment.2026-H2.add');
  await shot(page, 'law-settings-es');
  await click(page, 'settings.law.late_payment.2026-H2.add');
  await fill(page, 'rate.basisPoints', '10,15');
  await fill(page, 'rate.source', 'BOE-A-2026-14905');
  await click(page, 'rate.submit');
  await page.waitForFunction(() => !recobra.uiState().form, null, { polling: 100, timeout: 10000 });
  const rated = await claimOf(page, id);
  assert.equal(rated.incomplete, false);
  const h2 = rated.invoices[0].interest.rows.find((r) => r.period === '2026-H2');
  assert.ok(h2, 'a 2026-H2 row');
  assert.equal(h2.basisPoints, 1015);
  assert.equal(h2.from, '2026-07-01');
  assert.equal(h2.to, TODAY);
  assert.equal(h2.base, 100000); // after the 210,00 € of 15 June
  assert.ok(rated.interest[0].minor > before.interest[0].minor);

  // The proof of delivery of the burofax, through the claim tab.
  await page.evaluate((d) => recobra.openDebtor(d), id);
  await click(page, 'debtor.tab.4');
  await reveal(page, 'claim.attachProof');
  await click(page, 'claim.attachProof');
  await fill(page, 'proof.receivedOn', '05/03/2026');
  await fill(page, 'proof.reference', 'BX-2026-00318');
  await click(page, 'proof.submit');
  await page.waitForFunction(() => !recobra.uiState().form, null, { polling: 100, timeout: 10000 });
  const proved = await claimOf(page, id);
  assert.equal(proved.courtRoute.masc.status, 'met');
  assert.equal(proved.courtRoute.masc.proof, 'burofax_receipt');
  assert.equal(proved.courtRoute.masc.proofReceivedOn, '2026-03-05');
  assert.equal(proved.courtRoute.monitorioFits, true);
  await checkView(page, id, 'es', proved);
  await shot(page, 'law-claim-met-es');

  // The list: the claimable column says the same, the highest first when sorted by it.
  await page.evaluate(() => recobra.screen('debtors'));
  await settle(page);
  assert.equal(await textOf(page, 'debtors.row.0.claimable'), money(proved.claimable[0], 'es'));

  // After a reload, in English: the same claim, said in English.
  await page.goto(page.url().replace('lang=es', 'lang=en'));
  await page.evaluate(() => recobra.ready());
  const reloaded = await claimOf(page, id);
  assert.deepEqual(reloaded, proved);
  await checkView(page, id, 'en', reloaded);
  await shot(page, 'law-claim-met-en');
  await click(page, 'debtor.tab.1');
  await shot(page, 'law-invoices-en');
  await page.evaluate(() => recobra.screen('settings'));
  await settle(page);
  await reveal(page, 'settings.law.late_payment.2026-H2');
  assert.equal(await textOf(page, 'settings.law.late_payment.2026-H2'), undefined);
  await shot(page, 'law-settings-en');

  // An unknown debtor has no claim.
  assert.equal(await claimOf(page, 'nobody'), null);
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors.filter((e) => !/favicon|GPU stall/.test(e)), []);
});
