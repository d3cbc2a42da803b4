// The reports screen (issue 28, point 2) driven as a person would, in Spanish and English: its
// figures agree with what the rest of the app says (the summary, the debtors list), every
// aging bar and figure explains itself on hover, a click on an aging bar opens the debtors
// list on the debtors with an invoice in that bucket, the options (as-of date, period,
// segment, currency) change what is shown, and an empty or one-month book shows something
// sensible. Screenshots at 1280×800 and at 2560×1440 (1280×720, device scale 2):
// build/test-artifacts/screenshots/reports-*.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, openApp, server, screenshot, click, fill, settle } from './harness.mjs';

const contexts = [];
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  (await server()).server.close();
});

const TODAY = '2026-11-23';
const VIEWS = [
  { name: '1280', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  { name: '2560', viewport: { width: 1280, height: 720 }, deviceScaleFactor: 2 },
];

const locate = (page, id) => page.evaluate((w) => recobra.locate(w), id);
const uiState = (page) => page.evaluate(() => recobra.uiState());
const text = async (page, id) => {
  const found = await locate(page, id);
  assert.ok(found, `${id} is on screen`);
  return found.text;
};

async function start(lang, view = VIEWS[0]) {
  const { context } = await openBrowser({ viewport: view.viewport, deviceScaleFactor: view.deviceScaleFactor });
  contexts.push(context);
  const app = await openApp(context, { query: `?today=${TODAY}&lang=${lang}` });
  return { context, ...app };
}

async function quiet(page) {
  await page.waitForFunction(() => recobra.uiState().toasts.length === 0, null, { polling: 250, timeout: 20000 });
  await settle(page);
}

async function loadDemo(page) {
  await page.evaluate(() => recobra.loadDemo());
  await quiet(page);
}

// Euros as the app writes them: "1.234,56 €" / "€1,234.56".
function euros(cents, lang) {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'es' ? '.' : ',');
  const frac = String(abs % 100).padStart(2, '0');
  return lang === 'es' ? `${sign}${whole},${frac} €` : `${sign}€${whole}.${frac}`;
}
// Back from what the app writes (two decimals in both languages) to cents.
const cents = (written) => Number(written.replace(/[^\d-]/g, ''));
// "45,3 días" / "45.3 days" → 45.3; "—" → null.
function tenths(written) {
  if (written === '—') return null;
  const number = /-?\d[\d.,]*/.exec(written)[0];
  return Number(number.replace(/[.,](?=\d{3}\b)/g, '').replace(',', '.'));
}

async function hover(page, id) {
  const r = await locate(page, id);
  assert.ok(r, `${id} is on screen`);
  await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
  await settle(page);
  await settle(page);
  return (await locate(page, 'reports.tooltip'))?.text;
}

// The mouse off every widget (in the margin left of the screen's cards), for a screenshot
// without a stray highlight or tooltip.
async function still(page) {
  await page.mouse.move(232, 700);
  await settle(page);
  await settle(page);
}

// Scrolls to the end of the screen.
async function toBottom(page) {
  await page.mouse.move(700, 400);
  await page.mouse.wheel(0, 5000);
  await still(page);
}

// Scrolls the screen until a widget is wholly in view.
async function reveal(page, id, height) {
  for (let i = 0; i < 20; ++i) {
    const r = await locate(page, id);
    if (r && r.y >= 0 && r.y + r.height <= height) return r;
    await page.mouse.move(700, 400);
    await page.mouse.wheel(0, r && r.y < 0 ? -200 : 200);
    await settle(page);
  }
  throw new Error(`${id} never came into view`);
}

test('the figures agree with the app, explain themselves, and an aging bar opens the debtors list filtered; Spanish and English', async () => {
  for (const lang of ['es', 'en']) {
    for (const view of VIEWS) {
      const { page, problems } = await start(lang, view);
      await loadDemo(page);
      await click(page, 'nav.reports');
      assert.equal((await uiState(page)).screen, 'reports');
      const shot = `reports-${view.name}-${lang}`;
      await still(page);
      await screenshot(page, `${shot}-top`);
      if (view.name !== '1280') {
        // The same screen at device scale 2: the charts further down, and one bar's tooltip.
        await toBottom(page);
        await screenshot(page, `${shot}-bottom`);
        await reveal(page, 'reports.aging.1', 720);
        assert.ok(await hover(page, 'reports.aging.1'));
        await screenshot(page, `${shot}-hover`);
        assert.deepEqual(problems.pageErrors, []);
        await page.context().close();
        continue;
      }
      const state = (await uiState(page)).reports;
      assert.equal(state.asOf, TODAY);
      assert.equal(state.period, 'month');
      const owed = await page.evaluate(() => recobra.summary());
      assert.deepEqual(state.currencies, Object.keys(owed.outstanding).sort(), 'the currencies the example data owes in');
      assert.ok(state.currencies.length >= 3, 'the example data owes in several currencies');

      // Outstanding and overdue as the summary (and the dashboard) count them today.
      const summary = await page.evaluate(() => recobra.summary());
      const outstanding = await text(page, 'reports.kpi.outstanding');
      assert.equal(outstanding, euros(summary.outstanding.EUR, lang));
      assert.equal(await text(page, 'reports.kpi.overdue'), euros(summary.overdue.EUR, lang));

      // Average days delinquent is DSO less the best possible DSO; promises kept, kept ÷ due.
      const dso = tenths(await text(page, 'reports.kpi.dso'));
      const best = tenths(await text(page, 'reports.kpi.bestDso'));
      const add = tenths(await text(page, 'reports.kpi.add'));
      assert.ok(dso !== null && best !== null, 'the example data has sales this month');
      assert.ok(Math.abs(dso - best - add) < 0.051, `ADD ${add} = DSO ${dso} − best ${best}`);
      assert.match(await text(page, 'reports.kpi.cei'), lang === 'es' ? /^\d+,\d %$/ : /^\d+\.\d%$/);

      // Where the parallel automation API (window.recobra.kpis) is there, every figure matches it.
      if (await page.evaluate(() => typeof recobra.kpis === 'function')) {
        const core = await page.evaluate((o) => recobra.kpis(o), { asOf: state.asOf, from: state.from, to: state.to });
        const eur = core.currencies.find((c) => c.currency === 'EUR');
        const amounts = { outstanding: eur.outstanding, overdue: eur.overdue, collected: eur.collected,
          cash4w: eur.next4Weeks.expected, cash3m: eur.next3Months.expected,
          writtenOff: eur.writtenOff + eur.prescribed, settled: eur.settled };
        for (const [key, value] of Object.entries(amounts))
          assert.equal(await text(page, `reports.kpi.${key}`), euros(value, lang), key);
        const ratios = { dso: eur.dso, bestDso: eur.bestPossibleDso, add: eur.add, countback: eur.dsoCountback,
          daysToCollect: eur.averageDaysToCollect, cei: eur.cei, recovery: eur.recoveryRate, promises: eur.promisesKeptRate };
        for (const [key, value] of Object.entries(ratios))
          assert.equal(tenths(await text(page, `reports.kpi.${key}`)), value, key);
      }

      // A figure says what it means on hover, in the language.
      const tip = await hover(page, 'reports.kpi.dso');
      assert.match(tip, lang === 'es' ? /^Días de venta pendientes/ : /^Days sales outstanding/);
      await screenshot(page, `${shot}-figure-tooltip`);

      // Each aging bar tells its amount and invoices on hover; they add up to what is owed.
      await reveal(page, 'reports.aging.5', 800);
      const bars = [];
      for (let b = 0; b < 6; ++b) {
        const tooltip = await hover(page, `reports.aging.${b}`);
        assert.ok(tooltip, `bar ${b} has a tooltip`);
        const [label, figures, hint] = tooltip.split('\n');
        const [amount, invoices] = figures.split(' · ');
        bars.push({ label, amount, invoices: Number(invoices.split(' ')[0]) });
        assert.match(hint, lang === 'es' ? /^Clic: ver estos deudores/ : /^Click: see these debtors/);
        if (b === 2) await screenshot(page, `${shot}-aging-tooltip`);
      }
      assert.equal(bars.reduce((sum, bar) => sum + cents(bar.amount), 0), summary.outstanding.EUR);
      assert.equal(bars.slice(1).reduce((sum, bar) => sum + cents(bar.amount), 0), summary.overdue.EUR);
      assert.match(bars[0].label, lang === 'es' ? /^No vencido$/ : /^Not due$/);

      // The months' charts: a tooltip with the month and the exact amounts.
      await toBottom(page);
      await screenshot(page, `${shot}-bottom`);
      const months = await page.evaluate(() => {
        let n = 0;
        while (recobra.locate(`reports.balance.${n}`)) ++n;
        return n;
      });
      assert.ok(months >= 2, `${months} months in the balance chart`);
      const last = await hover(page, `reports.balance.${months - 1}`);
      assert.match(last, lang === 'es' ? /^nov 2026\nPendiente de cobro: / : /^Nov 2026\nOutstanding: /);
      assert.ok(last.includes(outstanding), `this month's outstanding ${outstanding} in "${last}"`);
      await screenshot(page, `${shot}-month-tooltip`);
      const promises = await hover(page, `reports.promises.${months - 1}`);
      assert.match(promises, lang === 'es' ? /^nov 2026\n(—|\d+,\d %)/ : /^Nov 2026\n(—|\d+\.\d%)/);

      // A click on the 1–30 bar: the debtors list, filtered to the debtors with an invoice
      // 1 to 30 days past due, whose invoices in that range are the bar's.
      // The list's range counts every currency's invoices; the bars are the euro's: a bar whose
      // range holds euro invoices only.
      const ranges = ['not_due', '1_30', '31_60', '61_90', '91_120', 'over_120'];
      const { currencies: owedIn } = await page.evaluate(() => recobra.kpis());
      const onlyEuro = (b) => owedIn.every((c) => c.currency === 'EUR' || c.agingInvoices[ranges[b]] === 0);
      const target = bars.findIndex((bar, b) => b > 0 && bar.invoices > 0 && onlyEuro(b));
      assert.ok(target > 0, 'an age of debt in euros only');
      await reveal(page, `reports.aging.${target}`, 800);
      await click(page, `reports.aging.${target}`);
      const listed = await uiState(page);
      assert.equal(listed.screen, 'debtors');
      assert.deepEqual(listed.debtors.pastDue, [[1, 30], [31, 60], [61, 90], [91, 120], [121, 2147483647]][target - 1]);
      assert.ok(listed.debtors.shown >= 1 && listed.debtors.shown <= bars[target].invoices, `${listed.debtors.shown} debtors`);
      const count = await text(page, 'debtors.count');
      const { invoices, amount } = bars[target];
      const inRange = lang === 'es' ? `${invoices} ${invoices === 1 ? 'factura' : 'facturas'} en ese tramo: ${amount}`
                                    : `${invoices} ${invoices === 1 ? 'invoice' : 'invoices'} in that range: ${amount}`;
      assert.ok(count.endsWith(inRange), `"${count}" ends with "${inRange}"`);
      if (listed.debtors.shown > 1) assert.ok(count.startsWith(`${listed.debtors.shown} `), count);
      assert.ok(await locate(page, 'debtors.pastDue'), 'the range is shown as a chip');
      await still(page);
      await screenshot(page, `${shot}-debtors-filtered`);
      // The list's own chips still narrow it; the range's chip removes the range.
      await click(page, 'debtors.bucket.not_due');
      assert.ok((await uiState(page)).debtors.shown <= listed.debtors.shown);
      await click(page, 'debtors.bucket.not_due');
      assert.equal((await uiState(page)).debtors.shown, listed.debtors.shown);
      await click(page, 'debtors.pastDue');
      const unfiltered = await uiState(page);
      assert.equal(unfiltered.debtors.pastDue, null);
      assert.ok(unfiltered.debtors.shown > listed.debtors.shown);

      assert.deepEqual(problems.pageErrors, []);
      assert.deepEqual(problems.consoleErrors.filter((e) => !/favicon|GPU stall/.test(e)), []);
      await page.context().close();
    }
  }
});

test('the as-of date, the period, a segment and the currency change what is shown; a wrong date is said', async () => {
  const { page, problems } = await start('es');
  await loadDemo(page);
  await click(page, 'nav.reports');
  const before = await text(page, 'reports.kpi.collected');

  // A year instead of a month: a longer range, more collected.
  await click(page, 'reports.period');
  await click(page, 'reports.period.year');
  let state = (await uiState(page)).reports;
  assert.equal(state.period, 'year');
  assert.equal(state.from, '2025-11-24');
  assert.equal(await text(page, 'reports.range'), 'Del 24/11/2025 al 23/11/2026');
  assert.ok(cents(await text(page, 'reports.kpi.collected')) >= cents(before));

  // Another as-of date, typed as people do, ends the period there.
  await fill(page, 'reports.asOf', '31/10/2026');
  await page.keyboard.press('Enter');
  await settle(page);
  state = (await uiState(page)).reports;
  assert.equal(state.asOf, '2026-10-31');
  assert.equal(state.to, '2026-10-31');
  assert.equal(await text(page, 'reports.range'), 'Del 01/11/2025 al 31/10/2026');
  // A date that is no date is said, and the figures stay.
  await fill(page, 'reports.asOf', '31/13/2026');
  await page.keyboard.press('Enter');
  await settle(page);
  assert.match(await text(page, 'reports.error'), /«31\/13\/2026» no es una fecha válida/);
  assert.equal((await uiState(page)).reports.asOf, '2026-10-31');
  await still(page);
  await screenshot(page, 'reports-options-bad-date-es');
  // Emptied, it goes back to today.
  await fill(page, 'reports.asOf', '');
  await page.keyboard.press('Enter');
  await settle(page);
  assert.equal((await uiState(page)).reports.asOf, TODAY);
  assert.equal(await locate(page, 'reports.error'), null);

  // A custom period that ends after the as-of date is refused.
  await click(page, 'reports.period');
  await click(page, 'reports.period.custom');
  await fill(page, 'reports.to', '30/11/2026');
  await page.keyboard.press('Enter');
  await settle(page);
  assert.match(await text(page, 'reports.error'), /no puede acabar después de la fecha de corte/);
  await fill(page, 'reports.to', '15/11/2026');
  await page.keyboard.press('Enter');
  await settle(page);
  assert.equal((await uiState(page)).reports.to, '2026-11-15');
  await click(page, 'reports.period');
  await click(page, 'reports.period.month');

  // One segment: what it owes in euros is what the debtors list, filtered alike, says they owe.
  await click(page, 'reports.segment');
  await click(page, 'reports.segment.chronic');
  assert.equal((await uiState(page)).reports.segment, 'chronic');
  const segmentOwes = await locate(page, 'reports.kpi.outstanding');
  const none = await locate(page, 'reports.none');
  await still(page);
  await screenshot(page, 'reports-segment-es');
  await click(page, 'nav.debtors');
  await click(page, 'debtors.segment');
  await click(page, 'debtors.segment.chronic');
  await page.keyboard.press('Escape');
  await settle(page);
  const listed = await text(page, 'debtors.count');
  if (segmentOwes) assert.ok(listed.includes(segmentOwes.text), `"${listed}" includes ${segmentOwes.text}`);
  else assert.ok(none, 'no invoices in that segment is said');

  // Unassigned debtors instead: the segment is let go (one grouping at a time).
  await click(page, 'nav.reports');
  await click(page, 'reports.assignee');
  await click(page, 'reports.assignee.nobody');
  state = (await uiState(page)).reports;
  assert.equal(state.assignee, '');
  assert.equal(state.segment, null);
  assert.ok((await locate(page, 'reports.kpi.outstanding')) || (await locate(page, 'reports.none')));
  await click(page, 'reports.assignee');
  await click(page, 'reports.assignee.any');
  assert.equal((await uiState(page)).reports.assignee, null);

  // Another currency: its own figures, never added to the euros.
  await click(page, 'reports.currency');
  await click(page, 'reports.currency.USD');
  assert.equal((await uiState(page)).reports.currency, 'USD');
  const usd = await text(page, 'reports.kpi.outstanding');
  assert.match(usd, /US\$$/);
  const summary = await page.evaluate(() => recobra.summary());
  assert.equal(cents(usd), summary.outstanding.USD);
  await still(page);
  await screenshot(page, 'reports-usd-es');
  assert.deepEqual(problems.pageErrors, []);
});

test('an empty book shows how to begin; a one-month book shows its one month, and ratios without a base as "—"', async () => {
  for (const lang of ['es', 'en']) {
    const { page, problems } = await start(lang);
    await click(page, 'nav.reports');
    assert.ok(await locate(page, 'reports.empty'), 'the empty state');
    assert.ok(await locate(page, 'reports.loadDemo'));
    await screenshot(page, `reports-empty-${lang}`);

    // One debtor, one invoice issued this month and half of it paid.
    const d = await page.evaluate(() => recobra.dispatch({ type: 'registerDebtor', legalName: 'Talleres Ruiz S.L.', kind: 'sme', country: 'ES' }));
    await page.evaluate((id) => recobra.dispatch({ type: 'addInvoice', debtor: id, number: 'R-1', issueDate: '2026-11-02', dueDate: '2026-11-12', amount: { minor: 120000, currency: 'EUR' } }), d.id);
    await page.evaluate((id) => recobra.dispatch({ type: 'recordPayment', debtor: id, date: '2026-11-10', amount: { minor: 20000, currency: 'EUR' } }), d.id);
    await settle(page);
    await quiet(page);
    assert.equal(await locate(page, 'reports.empty'), null);
    assert.equal(await text(page, 'reports.kpi.outstanding'), euros(100000, lang));
    assert.equal(await text(page, 'reports.kpi.overdue'), euros(100000, lang));
    // No promise fell due: the rate has no base.
    assert.equal(await text(page, 'reports.kpi.promises'), '—');
    await toBottom(page);
    assert.ok(await locate(page, 'reports.balance.0'), 'one month in the balance chart');
    assert.equal(await locate(page, 'reports.balance.1'), null);
    assert.ok(await locate(page, 'reports.promises.nothing'), 'no promises: said, not a broken chart');
    await screenshot(page, `reports-one-month-${lang}`);
    assert.deepEqual(problems.pageErrors, []);
    await page.context().close();
  }
});

test('each table downloads as CSV (read back: the same figures) and the report as a page to print with its charts', async () => {
  for (const lang of ['es', 'en']) {
    const { page, problems } = await start(lang);
    await page.evaluate(() => recobra.loadDemo());
    await page.evaluate(() => recobra.screen('reports'));
    await settle(page);
    const kpis = await page.evaluate(() => recobra.kpis({ from: '2026-10-24' }));
    const eur = kpis.currencies.find((c) => c.currency === 'EUR');

    const [csv] = await Promise.all([page.waitForEvent('download'), click(page, 'reports.csv.months')]);
    assert.match(csv.suggestedFilename(), lang === 'es' ? /^informe-cobros-2026-11-23-meses\.csv$/ : /^collections-report-2026-11-23-months\.csv$/);
    const bytes = await (await import('node:fs/promises')).readFile(await csv.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte-order mark for Excel');
    const rows = bytes.toString('utf8').slice(1).trim().split('\r\n').map((r) => r.split(lang === 'es' ? ';' : ','));
    assert.equal(rows[0][0], lang === 'es' ? 'Moneda' : 'Currency');
    const last = rows.filter((r) => r[0] === 'EUR').at(-1);
    assert.equal(last[1], '2026-11');
    const minor = Math.round(Number(last[2].replace(',', '.')) * 100);
    assert.equal(minor, eur.months.at(-1).outstanding, 'the CSV says what the KPIs say');

    const [print] = await Promise.all([page.waitForEvent('download'), click(page, 'reports.print')]);
    assert.match(print.suggestedFilename(), /\.html$/);
    const html = (await (await import('node:fs/promises')).readFile(await print.path())).toString('utf8');
    assert.match(html, lang === 'es' ? /Informe de cobros/ : /Collections report/);
    assert.ok((html.match(/<svg/g) || []).length >= 5, 'the charts are drawn as SVG');
    // The page shown as it prints.
    const printed = await page.context().newPage();
    await printed.setContent(html);
    await printed.screenshot({ path: `${process.env.RECOBRA_ARTIFACTS ?? 'build/test-artifacts'}/screenshots/reports-print-${lang}.png`, fullPage: false });
    await printed.close();
    assert.deepEqual(problems.pageErrors, []);
  }
});
