// One definition of each figure (issue 26, points 1 and 2): with the example data, the
// dashboard's bar for an age of debt and the debtors list's chip for it show the same debtors
// and the same amount; closed cases (settled, written off, prescribed) are neither pending
// nor overdue, are said apart on both screens, and come last in the list.
// Screenshots: build/test-artifacts/screenshots/figures-*.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, openApp, server, screenshot, click, settle } from './harness.mjs';

const contexts = [];
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  (await server()).server.close();
});

const TODAY = '2026-11-23';
const BUCKETS = ['not_due', '0_30', '31_60', '61_90', '90_plus'];
const locate = (page, id) => page.evaluate((w) => recobra.locate(w), id);

async function shot(page, name) {
  await page.waitForFunction(() => recobra.uiState().toasts.length === 0, null, { polling: 250, timeout: 20000 });
  await settle(page);
  return screenshot(page, name);
}

// "39.229,51 €  (12)" → { amount: '39.229,51 €', debtors: '12' }.
function bar(text) {
  const match = /^(.*)  \(([\d.,]+)\)$/.exec(text);
  assert.ok(match, `a bar's figure: ${text}`);
  return { amount: match[1], debtors: match[2] };
}

test('the dashboard and the debtors list count each age of debt alike; closed cases apart and last, in Spanish and English', async () => {
  for (const lang of ['es', 'en']) {
    const { context } = await openBrowser();
    contexts.push(context);
    const { page, problems } = await openApp(context, { query: `?today=${TODAY}&lang=${lang}` });
    await page.evaluate(() => recobra.loadDemo());
    const summary = await page.evaluate(() => recobra.summary());
    assert.ok(Object.keys(summary.closedUnpaid).length > 0, 'the example data has closed cases left unpaid');

    await page.evaluate(() => recobra.screen('dashboard'));
    await settle(page);
    const bars = {};
    for (const bucket of BUCKETS) bars[bucket] = bar((await locate(page, `dashboard.bucket.${bucket}`)).text);
    const closedLine = await locate(page, 'dashboard.closedUnpaid');
    assert.ok(closedLine, 'the dashboard says what closed cases left unpaid');
    assert.match(closedLine.text, lang === 'es' ? /^Casos cerrados sin cobrar/ : /^Closed cases left unpaid/);
    await shot(page, `figures-dashboard-${lang}`);

    await page.evaluate(() => recobra.screen('debtors'));
    await settle(page);
    for (const bucket of BUCKETS) {
      await click(page, `debtors.bucket.${bucket}`);
      const count = (await locate(page, 'debtors.count')).text;
      const { amount, debtors } = bars[bucket];
      if (debtors === '0') {
        assert.equal((await page.evaluate(() => recobra.uiState())).debtors.shown, 0, bucket);
      } else {
        assert.ok(count.includes(amount), `${bucket}: the list says "${count}", the dashboard ${amount}`);
        if (debtors !== '1') assert.ok(count.startsWith(`${debtors} `), `${bucket}: "${count}" and ${debtors} debtors`);
      }
      if (bucket === '90_plus') await shot(page, `figures-debtors-90-${lang}`);
      await click(page, `debtors.bucket.${bucket}`); // off again
    }

    // The whole list: pending as the dashboard's total, closed cases said apart, and last.
    const all = await locate(page, 'debtors.count');
    assert.match(all.text, lang === 'es' ? / sin cobrar en casos cerrados$/ : / unpaid in closed cases$/);
    const shown = (await page.evaluate(() => recobra.uiState())).debtors.shown;
    for (let i = 0; i < 30; ++i) {
      const rect = await locate(page, `debtors.row.${shown - 1}`);
      if (rect && rect.y + rect.height <= 790) break;
      await page.mouse.move(640, 500);
      await page.mouse.wheel(0, 300);
      await settle(page);
    }
    await shot(page, `figures-debtors-end-${lang}`);
    // Closed cases are last, those paid in full (no days overdue) at the very end: the row
    // before them is one closed with money left unpaid. Its 360° view does not call it pending.
    // A settlement paid in time (docs/plans-and-offers.md) leaves nothing unpaid either.
    const settledInFull = await page.evaluate((ids) => ids.filter((id) => recobra.plan(id).offers
      .some((o) => o.kind === 'settlement' && o.status === 'accepted')).length,
    (await page.evaluate(() => recobra.uiState())).debtors.listed);
    const unpaidClosed = shown - 1 - summary.stages.closed_paid - settledInFull;
    await click(page, `debtors.row.${unpaidClosed}`);
    const view = await page.evaluate(() => recobra.uiState());
    assert.equal(view.screen, 'debtor');
    assert.match(view.debtor.stage, /^closed_(written_off|settled|prescribed)$/);
    assert.notEqual((await locate(page, 'debtor.outstanding')).text, lang === 'es' ? '0,00 €' : '€0.00');
    await shot(page, `figures-closed-360-${lang}`);

    assert.deepEqual(problems.pageErrors, []);
    assert.deepEqual(problems.consoleErrors.filter((e) => !/favicon|GPU stall/.test(e)), []);
    await context.close();
  }
});

test('window.recobra.kpis(): the KPIs of the data in the app, the same outstanding and overdue as the summary; options refused naming the field', async () => {
  const { context } = await openBrowser();
  contexts.push(context);
  const { page, problems } = await openApp(context, { query: `?today=${TODAY}` });
  await page.evaluate(() => recobra.loadDemo());
  const summary = await page.evaluate(() => recobra.summary());
  const kpis = await page.evaluate(() => recobra.kpis());
  assert.equal(kpis.asOf, TODAY);
  assert.equal(kpis.from, '2026-11-01');
  assert.ok(kpis.currencies.length > 0);
  for (const c of kpis.currencies) {
    assert.equal(c.outstanding, summary.outstanding[c.currency] ?? 0, `${c.currency} outstanding`);
    assert.equal(c.overdue, summary.overdue[c.currency] ?? 0, `${c.currency} overdue`);
    assert.equal(c.months.length, 24);
    assert.equal(c.months[23].end, TODAY);
  }
  const byAssignee = await page.evaluate(() => recobra.kpis({ by: 'assignee', asOf: '2026-10-31', months: 3 }));
  assert.equal(byAssignee.by, 'assignee');
  assert.ok(byAssignee.groups.length >= 2, 'the example data is shared among the team');
  const eur = byAssignee.currencies.find((c) => c.currency === 'EUR');
  const summed = byAssignee.groups.flatMap((g) => g.currencies).filter((c) => c.currency === 'EUR')
    .reduce((total, c) => total + c.outstanding, 0);
  assert.equal(summed, eur.outstanding, 'the assignees add up to the whole');

  const refused = await page.evaluate(() => recobra.kpis({ asOf: '2026-02-30' }));
  assert.equal(refused.ok, false);
  assert.equal(refused.field, 'asOf');
  assert.match(refused.error, /2026-02-30/);
  const late = await page.evaluate(() => recobra.kpis({ asOf: '2026-10-31', to: '2026-11-01' }));
  assert.equal(late.code, 'err_kpi_after_as_of');
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors.filter((e) => !/favicon|GPU stall/.test(e)), []);
});
