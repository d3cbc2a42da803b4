// The daily agenda in the browser (docs/policy-and-agenda.md): with the example data on a
// fixed day (`?today=`), the agenda screen shows what recobra.agenda() computes, in Spanish
// and in English, the sidebar badge counts it; an item marked done or snoozed through the
// form stays so after a reload; the policy editor saves a change that survives a reload.
// Screenshots: build/test-artifacts/screenshots/agenda-*.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, openApp, server, screenshot, click, fill, settle, newProfileDir } from './harness.mjs';

const contexts = [];
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  (await server()).server.close();
});

// Monday 23 November 2026.
const TODAY = '2026-11-23';

async function start({ lang = 'es', profile, today = TODAY } = {}) {
  const { context } = await openBrowser({ profile });
  contexts.push(context);
  const app = await openApp(context, { query: `?today=${today}&lang=${lang}` });
  return { context, ...app };
}

const state = (page) => page.evaluate(() => recobra.uiState());
const agenda = (page) => page.evaluate(() => recobra.agenda());
const locate = (page, id) => page.evaluate((w) => recobra.locate(w), id);

// Scrolls the main area with the mouse wheel until the widget is on screen.
async function reveal(page, id, { x = 700, y = 500 } = {}) {
  for (let i = 0; i < 20; ++i) {
    const rect = await locate(page, id);
    if (rect && rect.y >= 0 && rect.y + rect.height <= 790) return rect;
    await page.mouse.move(x, y);
    await page.mouse.wheel(0, rect && rect.y < 0 ? -200 : 200);
    await settle(page);
  }
  throw new Error(`could not bring '${id}' on screen`);
}

// Screenshots without the passing toasts ("example data loaded") over the content.
async function shot(page, name) {
  await page.waitForFunction(() => recobra.uiState().toasts.length === 0, null, { polling: 250, timeout: 20000 });
  await settle(page);
  return screenshot(page, name);
}

function clean(problems) {
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors.filter((e) => !/favicon|GPU stall/.test(e)), []);
  assert.deepEqual(problems.foreignRequests, []);
}

const KIND_LABELS = {
  es: { escalation: 'Paso de escalada', promise_broken: 'Promesa incumplida', due_soon: 'Vence pronto' },
  en: { escalation: 'Escalation step', promise_broken: 'Broken promise', due_soon: 'Due soon' },
};

test('with the example data on a fixed day, the agenda screen shows recobra.agenda(), in Spanish and English, and the badge counts it', async () => {
  let first = null;
  for (const lang of ['es', 'en']) {
    const { page, problems } = await start({ lang });
    assert.equal((await state(page)).agendaBadge, 0); // nothing yet: no badge
    assert.equal(await locate(page, 'nav.agenda.badge'), null);
    await page.evaluate(() => recobra.loadDemo());
    const expected = await agenda(page);
    assert.equal(expected.today, TODAY);
    assert.ok(expected.count >= 10, `${expected.count} items`);
    assert.equal(expected.items.length, expected.count);
    const kinds = new Set(expected.items.map((i) => i.kind));
    for (const kind of ['escalation', 'promise_broken']) assert.ok(kinds.has(kind), `${kind} in ${[...kinds]}`);
    // The same agenda whatever the UI language: the data and the day decide it.
    if (first) assert.deepEqual(expected, first);
    first = expected;

    await click(page, 'nav.agenda');
    const ui = await state(page);
    assert.equal(ui.screen, 'agenda');
    assert.equal(ui.agendaBadge, expected.count);
    assert.ok(await locate(page, 'nav.agenda.badge'));
    assert.equal(ui.agenda.count, expected.count);
    assert.equal(ui.agenda.snoozed, 0);
    const shown = ui.agenda.items;
    assert.equal(shown.length, Math.min(50, expected.count));
    for (let i = 0; i < shown.length; ++i) {
      const want = expected.items[i];
      assert.equal(shown[i].key, want.key);
      assert.equal(shown[i].debtorName, want.debtorName);
      assert.equal(shown[i].priority, want.priority);
      assert.equal(shown[i].reason, want.reason[lang]);
      if (KIND_LABELS[lang][want.kind]) assert.equal(shown[i].kind, KIND_LABELS[lang][want.kind]);
    }
    // Grouped by priority, high first, each group's heading on screen.
    const order = { high: 0, medium: 1, low: 2 };
    for (let i = 1; i < expected.items.length; ++i)
      assert.ok(order[expected.items[i - 1].priority] <= order[expected.items[i].priority]);
    assert.ok(await locate(page, `agenda.group.${expected.items[0].priority}`));
    assert.ok(await locate(page, 'agenda.item.0.done'));
    assert.ok(await locate(page, 'agenda.item.0.snooze'));
    await shot(page, `agenda-${lang}`);

    // One click from the debtor: its 360° view, with its segment and why.
    await click(page, 'agenda.item.0.debtor');
    const view = await state(page);
    assert.equal(view.screen, 'debtor');
    assert.equal(view.debtor.name, expected.items[0].debtorName);
    await reveal(page, 'debtor.segment.why', { x: 400, y: 500 });
    await shot(page, `agenda-360-segment-${lang}`);
    clean(problems);
  }
});

test('an item marked done and another snoozed through the forms stay so after a reload; the snoozed one is back on its day', async () => {
  const profile = newProfileDir();
  let doneKey, snoozedKey, before;
  {
    const { page, context, problems } = await start({ profile });
    await page.evaluate(() => recobra.loadDemo());
    before = await agenda(page);
    await click(page, 'nav.agenda');
    doneKey = (await state(page)).agenda.items[0].key;
    assert.equal(doneKey, before.items[0].key);

    // Done needs a reason: refused without one, next to the field.
    await click(page, 'agenda.item.0.done');
    assert.equal((await state(page)).form.tag, 'done');
    await screenshot(page, 'agenda-form-done-es');
    await click(page, 'done.submit');
    const refused = await state(page);
    assert.equal(refused.form.tag, 'done');
    assert.ok(refused.form.errors.reason, JSON.stringify(refused.form));
    await fill(page, 'done.reason', 'Llamado: paga el viernes por transferencia');
    await click(page, 'done.submit');
    await page.waitForFunction(() => recobra.uiState().form === null);
    const afterDone = await agenda(page);
    assert.equal(afterDone.count, before.count - 1);
    assert.ok(!afterDone.items.some((i) => i.key === doneKey));
    assert.equal((await state(page)).agendaBadge, before.count - 1);

    // Snoozed until Monday 30 November, with a reason.
    snoozedKey = (await state(page)).agenda.items[0].key;
    await click(page, 'agenda.item.0.snooze');
    assert.equal((await state(page)).form.tag, 'snooze');
    await fill(page, 'snooze.until', '30/11/2026');
    await fill(page, 'snooze.reason', 'Está de vacaciones hasta el lunes');
    await screenshot(page, 'agenda-form-snooze-es');
    await click(page, 'snooze.submit');
    await page.waitForFunction(() => recobra.uiState().form === null);
    const afterSnooze = await agenda(page);
    assert.equal(afterSnooze.count, before.count - 2);
    assert.equal(afterSnooze.snoozed, 1);
    assert.ok(!afterSnooze.items.some((i) => i.key === snoozedKey));
    assert.equal((await state(page)).agenda.snoozed, 1);
    clean(problems);
    await context.close();
  }
  {
    // The same day after a reload: both still handled, recorded as events.
    const { page, context, problems } = await start({ profile });
    const reloaded = await agenda(page);
    assert.equal(reloaded.count, before.count - 2);
    assert.equal(reloaded.snoozed, 1);
    assert.ok(!reloaded.items.some((i) => i.key === doneKey || i.key === snoozedKey));
    const log = JSON.parse(await page.evaluate(() => recobra.exportBackup()));
    const types = JSON.stringify(log).match(/"agenda\.(done|snoozed)"/g) || [];
    assert.equal(types.length, 2, types.join());
    await click(page, 'nav.agenda');
    assert.equal((await state(page)).agendaBadge, before.count - 2);
    clean(problems);
    await context.close();
  }
  {
    // On 30 November the snoozed item is back; the done one never is.
    const { page, problems } = await start({ profile, today: '2026-11-30' });
    const later = await agenda(page);
    assert.equal(later.today, '2026-11-30');
    assert.ok(!later.items.some((i) => i.key === doneKey));
    assert.equal(later.snoozed, 0);
    // Unless its cause is gone by then (a later step, a payment), the item is back.
    const stillThere = later.items.some((i) => i.key === snoozedKey);
    const cause = before.items.find((i) => i.key === snoozedKey);
    if (cause.kind === 'promise_broken' || cause.kind === 'credit_limit' || cause.kind === 'installment_missed')
      assert.ok(stillThere, `${snoozedKey} is back`);
    clean(problems);
  }
});

test('the policy editor in settings saves a change that survives a reload and changes the agenda', async () => {
  const profile = newProfileDir();
  let beforeDueSoon;
  {
    const { page, context, problems } = await start({ profile });
    await page.evaluate(() => recobra.loadDemo());
    beforeDueSoon = (await agenda(page)).items.filter((i) => i.kind === 'due_soon').length;
    await click(page, 'nav.settings');
    await reveal(page, 'settings.policy.edit');
    await shot(page, 'agenda-settings-policy-es');
    await click(page, 'settings.policy.edit');
    assert.equal((await state(page)).form.tag, 'policy');
    await shot(page, 'agenda-policy-editor-es');
    // A contact limit of 0 is refused next to its field; nothing is saved.
    await fill(page, 'policy.policy.contactLimit', '0');
    await click(page, 'policy.submit');
    const refused = await state(page);
    assert.equal(refused.form.tag, 'policy');
    assert.ok(refused.form.errors['policy.contactLimit'], JSON.stringify(refused.form.errors));
    await fill(page, 'policy.policy.contactLimit', '2');
    await fill(page, 'policy.policy.reminderDaysBefore', '10');
    await click(page, 'policy.submit');
    await page.waitForFunction(() => recobra.uiState().form === null);
    clean(problems);
    await context.close();
  }
  const { page, problems } = await start({ profile });
  const log = JSON.parse(await page.evaluate(() => recobra.exportBackup()));
  const text = JSON.stringify(log);
  assert.match(text, /"policy\.updated"/);
  assert.match(text, /"contactLimit":2/);
  assert.match(text, /"reminderDaysBefore":10/);
  // Reminders ten days ahead instead of three: more invoices are due soon.
  const dueSoon = (await agenda(page)).items.filter((i) => i.kind === 'due_soon').length;
  assert.ok(dueSoon > beforeDueSoon, `${dueSoon} due soon, ${beforeDueSoon} before`);
  // The editor opens with the saved values (the English screenshot shows them).
  await page.evaluate(() => recobra.setLanguage('en'));
  await click(page, 'nav.settings');
  await reveal(page, 'settings.policy.edit');
  await screenshot(page, 'agenda-settings-policy-en');
  await click(page, 'settings.policy.edit');
  await screenshot(page, 'agenda-policy-editor-en');
  await click(page, 'policy.ladder');
  await click(page, 'policy.ladder.chronic');
  await screenshot(page, 'agenda-policy-editor-chronic-en');
  clean(problems);
});
