// The screen-reader mirror (issue 30; docs/accessibility.md): what Chromium's accessibility tree
// holds on every screen in both languages, the debtors table's rows and cells, the agenda as a
// list with its reasons, a form's error in a live region, a whole task by keyboard alone with
// the mirror's focus in step with the app's, and an axe-core scan. Read through CDP
// (Accessibility.getFullAXTree), as a screen reader reads the browser's tree.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { openBrowser, openApp, server, screenshot, settle } from './harness.mjs';

const require = createRequire(import.meta.url);
const contexts = [];
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  (await server()).server.close();
});

async function start(lang = 'es') {
  const { context } = await openBrowser();
  contexts.push(context);
  const { page, problems } = await openApp(context, { query: `?today=2026-11-23&lang=${lang}` });
  await page.evaluate(() => recobra.loadDemo());
  await page.mouse.move(0, 0);
  await settle(page);
  return { page, problems };
}

async function press(page, key) {
  await page.keyboard.press(key);
  await settle(page);
}

// The browser's accessibility tree, without the nodes it ignores.
async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const live = nodes.filter((n) => !n.ignored);
  const byId = new Map(live.map((n) => [n.nodeId, n]));
  for (const n of live) {
    n.roleName = n.role ? n.role.value : '';
    n.label = n.name ? n.name.value : '';
    n.kids = (n.childIds || []).map((id) => byId.get(id)).filter(Boolean);
    n.prop = (name) => ((n.properties || []).find((p) => p.name === name) || { value: {} }).value.value;
  }
  return live;
}

const CONTROLS = ['button', 'textbox', 'combobox', 'checkbox', 'radio', 'tab', 'option'];
// What a node says: its leaves' text (Chromium names a container after its content too).
const textOf = (n) => (n.kids.length ? n.kids.map(textOf).filter(Boolean).join(' ') : n.label);

// Every control in the tree is named; returns how many there are of each role.
function assertNamed(nodes, where) {
  const counts = {};
  for (const n of nodes) {
    if (!CONTROLS.includes(n.roleName)) continue;
    counts[n.roleName] = (counts[n.roleName] || 0) + 1;
    assert.ok(n.label.trim(), `${where}: a ${n.roleName} without a name`);
  }
  return counts;
}

// The element that has the focus, as a screen reader would say it.
function focusedInfo(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    return { key: el.dataset.k || '', role: el.getAttribute('role') || el.tagName.toLowerCase(),
      name: (el.getAttribute('aria-label') || el.textContent || '').trim() };
  });
}

// Tab until the control named `name` has the focus (as a screen-reader user listens for it).
async function tabTo(page, name, { max = 150, back = false } = {}) {
  const seen = [];
  for (let i = 0; i < max; ++i) {
    await press(page, back ? 'Shift+Tab' : 'Tab');
    const here = await focusedInfo(page);
    seen.push(here && here.name);
    if (here && here.name === name) return here;
  }
  throw new Error(`"${name}" never got the focus by Tab; went through: ${seen.slice(0, 60).join(' | ')}`);
}

test('every screen, in both languages: headings, named controls and the page language', async () => {
  const { page, problems } = await start('es');
  const screens = [['1', 'dashboard'], ['2', 'agenda'], ['3', 'debtors'], ['4', 'reports'], ['5', 'settings']];
  for (const lang of ['es', 'en']) {
    await page.evaluate((l) => recobra.setLanguage(l), lang);
    await settle(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    for (const [key, screen] of screens) {
      await press(page, key);
      assert.equal(await page.evaluate(() => recobra.screen()), screen);
      const nodes = await axTree(page);
      const counts = assertNamed(nodes, `${screen} (${lang})`);
      assert.ok(counts.button >= 5, `${screen} (${lang}): buttons mirrored (${JSON.stringify(counts)})`);
      assert.ok(nodes.some((n) => n.roleName === 'heading'), `${screen} (${lang}): a heading`);
      assert.ok(nodes.some((n) => n.roleName === 'main'), `${screen} (${lang}): the main area`);
      // The sidebar's entry for the screen shown is the current one.
      const current = await page.evaluate(() => [...document.querySelectorAll('#mirror [aria-current="page"]')].map((e) => e.getAttribute('aria-label')));
      assert.equal(current.length, 1, `${screen} (${lang}): one current screen`);
    }
    // The settings have fields with their labels and the mirror's own switch.
    await screenshot(page, `a11y-settings-${lang}`);
    const nodes = await axTree(page);
    const names = nodes.filter((n) => ['textbox', 'combobox', 'checkbox'].includes(n.roleName)).map((n) => n.label);
    assert.ok(names.includes(lang === 'es' ? 'Idioma' : 'Language'), `the language combo is named (${names.join(', ')})`);
    assert.ok(names.some((n) => n.startsWith(lang === 'es' ? 'Lector de pantalla' : 'Screen reader')), 'the mirror switch');
    // A debtor's 360° view: its tabs.
    await press(page, '3');
    await press(page, '/');
    await press(page, 'ArrowDown');
    await press(page, 'Enter');
    assert.equal(await page.evaluate(() => recobra.screen()), 'debtor');
    const view = await axTree(page);
    assertNamed(view, `debtor (${lang})`);
    const tabs = view.filter((n) => n.roleName === 'tab');
    assert.ok(tabs.length >= 4, 'the 360° view has its tabs');
    assert.equal(tabs.filter((t) => t.prop('selected')).length, 1, 'one tab selected');
    assert.ok(view.some((n) => n.roleName === 'tablist'));
    await screenshot(page, `a11y-debtor-${lang}`);
  }
  assert.deepEqual(problems.pageErrors, []);
});

test('the debtors table exposes its rows and cells, only those on screen, with the total count', async () => {
  const { page } = await start('en');
  await press(page, '3');
  const nodes = await axTree(page);
  const table = nodes.find((n) => n.roleName === 'table');
  assert.ok(table, 'a table');
  const rows = nodes.filter((n) => n.roleName === 'row');
  const headers = nodes.filter((n) => n.roleName === 'columnheader').map((n) => textOf(n));
  assert.equal(headers.length, 8, `column headers: ${headers.join(', ')}`);
  assert.ok(headers.includes('Claimable'), `column headers: ${headers.join(', ')}`);
  const shown = (await page.evaluate(() => recobra.uiState())).debtors.shown;
  const dom = await page.evaluate(() => {
    const t = document.querySelector('#mirror [role=table]');
    return { rowcount: Number(t.getAttribute('aria-rowcount')), rows: t.querySelectorAll('[role=row]').length,
      first: t.querySelector('[role=row][aria-rowindex]') && t.querySelector('[role=row][aria-rowindex]').getAttribute('aria-rowindex') };
  });
  assert.equal(dom.rowcount, shown + 1, 'aria-rowcount: every debtor listed and the header');
  assert.ok(dom.rows > 3 && dom.rows < shown + 1 && rows.length === dom.rows, `only the rows drawn are mirrored (${dom.rows} of ${shown})`);
  assert.equal(dom.first, '2', 'the first debtor is the row after the header');
  const row = rows.find((r) => r.kids.length === 8 && r.kids.every((c) => c.roleName === 'cell'));
  assert.ok(row, 'a debtor row of 8 cells');
  // Its first cell's button is the debtor's name (it opens the debtor), the others its figures.
  const named = row.kids[0].kids.find((n) => n.roleName === 'button');
  assert.ok(named && named.label, 'the first cell opens the debtor, named');
  assert.match(named.label, /\p{L}{3}/u, `"${named.label}" is a name`);
  assert.ok(row.kids.slice(1).every((c) => textOf(c)), `every other cell says something: ${row.kids.map(textOf).join(' | ')}`);
});

test('the agenda is a list whose items say who, what and why', async () => {
  const { page } = await start('es');
  await press(page, '2');
  const items = (await page.evaluate(() => recobra.uiState())).agenda.items;
  assert.ok(items.length > 3);
  const nodes = await axTree(page);
  const list = nodes.find((n) => n.roleName === 'list');
  assert.ok(list, 'a list');
  const texts = list.kids.filter((n) => n.roleName === 'listitem').map(textOf);
  assert.ok(texts.length >= 4, `list items: ${texts.length}`);
  const first = items[0];
  assert.ok(texts.some((t) => t.includes(first.debtorName) && t.includes(first.reason)),
    `an item says its debtor and its whole reason: ${first.debtorName} / ${first.reason}\n${texts.slice(0, 4).join('\n')}`);
});

test('a whole task by keyboard alone: add a debtor, log a call, record a payment; the mirror follows the focus', async () => {
  const { page, problems } = await start('es');
  const before = await page.evaluate(() => recobra.summary());

  // Add a debtor: the debtors screen, Tab to its button, Enter; an empty name is refused in a
  // live region, the field marked; then typed, and Enter saves.
  await press(page, '3');
  await tabTo(page, '+ Nuevo deudor');
  const inStep = await page.evaluate(() => ({ dom: document.activeElement.dataset.k, app: recobra.uiState().focus }));
  assert.equal(parseInt(inStep.dom, 36), inStep.app, 'the mirror has the focus on the widget the app has');
  await press(page, 'Enter');
  assert.equal((await page.evaluate(() => recobra.uiState())).form.tag, 'debtorForm');
  await tabTo(page, 'Guardar');
  await press(page, 'Enter');
  const errors = (await page.evaluate(() => recobra.uiState())).form.errors;
  assert.ok(errors.legalName, 'an empty name is refused');
  const nodes = await axTree(page);
  const alert = nodes.find((n) => n.roleName === 'alert' && textOf(n).includes(errors.legalName));
  assert.ok(alert, `the error is in an alert: ${errors.legalName}`);
  assert.equal(alert.prop('live'), 'assertive');
  const field = nodes.find((n) => n.roleName === 'textbox' && n.prop('invalid') && n.prop('invalid') !== 'false');
  assert.ok(field, 'the refused field is marked invalid');
  assert.ok(await page.evaluate(() => !!document.querySelector('#mirror [role=dialog]')), 'the form is a dialog');
  assert.ok(await page.evaluate(() => document.querySelector('#mirror [role=main]').inert), 'under it, the rest is out of reach');
  await screenshot(page, 'a11y-form-error-es');
  // The refused field has the keyboard (focusFirstError): type the name, Enter saves.
  await page.keyboard.type('Talleres Teclado S.L.');
  await press(page, 'Enter');
  await page.waitForFunction(() => recobra.uiState().form === null);
  const added = await page.evaluate(() => recobra.summary());
  assert.equal(added.debtors, before.debtors + 1, 'the debtor was added');

  // Log a call on a debtor with an open invoice: "/" and its name, Enter opens it.
  await press(page, '/');
  await press(page, 'ArrowDown');
  await press(page, 'Enter');
  assert.equal(await page.evaluate(() => recobra.screen()), 'debtor');
  const interactions = (await page.evaluate(() => recobra.summary())).interactions;
  await tabTo(page, 'Registrar gestión');
  await press(page, 'Enter');
  assert.equal((await page.evaluate(() => recobra.uiState())).form.tag, 'interaction');
  await tabTo(page, 'Guardar');
  await press(page, 'Enter');
  await page.waitForFunction(() => recobra.uiState().form === null);
  assert.equal((await page.evaluate(() => recobra.summary())).interactions, interactions + 1, 'the call was logged');

  // Record a payment: Tab to the button, the amount typed, Enter saves.
  const payments = (await page.evaluate(() => recobra.summary())).payments;
  await tabTo(page, 'Registrar pago');
  await press(page, 'Enter');
  assert.equal((await page.evaluate(() => recobra.uiState())).form.tag, 'payment');
  await page.keyboard.type('10,00');
  await press(page, 'Enter');
  await page.waitForFunction(() => recobra.uiState().form === null);
  assert.equal((await page.evaluate(() => recobra.summary())).payments, payments + 1, 'the payment was recorded');
  // The toast that says so reached the live region.
  await page.waitForFunction(() => [...document.querySelectorAll('.mirror-live')].some((e) => e.textContent));

  assert.deepEqual(problems.pageErrors, []);
});

test('focus and clicks in the mirror reach the same widget; nothing is touched when nothing changed; the switch', async () => {
  const { page } = await start('en');
  // A screen reader moves its focus to the "Reports" entry: the app's focus goes there, and
  // Enter (the app's own key handling) opens it.
  await page.evaluate(() => [...document.querySelectorAll('#mirror [role=button]')].find((e) => e.getAttribute('aria-label') === 'Reports').focus());
  await settle(page);
  const focus = await page.evaluate(() => ({ dom: document.activeElement.dataset.k, app: recobra.uiState().focus }));
  assert.equal(parseInt(focus.dom, 36), focus.app, 'the app focused the widget the mirror did');
  await press(page, 'Enter');
  assert.equal(await page.evaluate(() => recobra.screen()), 'reports');
  // A screen reader's activation is a click on the copy: it presses the widget.
  await page.evaluate(() => [...document.querySelectorAll('#mirror [role=button]')].find((e) => e.getAttribute('aria-label') === 'Agenda').click());
  await settle(page);
  await settle(page);
  assert.equal(await page.evaluate(() => recobra.screen()), 'agenda');

  // Frames that change nothing on screen change nothing in the mirror.
  await page.evaluate(() => {
    window.mutations = 0;
    new MutationObserver((list) => { window.mutations += list.length; })
      .observe(document.getElementById('mirror'), { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const drawn = await page.evaluate(() => RecobraHost.framesDrawn);
  for (let i = 0; i < 3; ++i) await press(page, 'Shift');
  assert.ok(await page.evaluate(() => RecobraHost.framesDrawn) > drawn, 'frames were drawn');
  assert.equal(await page.evaluate(() => window.mutations), 0, 'and the mirror was not touched');
  // Idle (once the toasts have gone and a hover's delayed frames are drawn), nothing is drawn
  // at all.
  await page.waitForFunction(() => recobra.uiState().toasts.length === 0, null, { polling: 100 });
  await page.waitForTimeout(1500);
  const idle = await page.evaluate(() => RecobraHost.framesDrawn);
  await page.waitForTimeout(800);
  assert.equal(await page.evaluate(() => RecobraHost.framesDrawn), idle, 'idle: no frames');

  // Switched off in Settings: the copy goes, and stays off after a reload.
  await press(page, '5');
  await page.evaluate(() => document.querySelector('#mirror [role=checkbox][aria-label^="Screen reader"]').click());
  await settle(page);
  await settle(page);
  assert.equal(await page.evaluate(() => document.getElementById('mirror').children.length), 0, 'the mirror is empty');
  await page.reload();
  await page.evaluate(() => window.recobra.ready());
  await settle(page);
  assert.equal(await page.evaluate(() => document.getElementById('mirror').children.length), 0, 'still off after a reload');
  await page.evaluate(() => localStorage.removeItem('recobra-mirror'));
});

test('axe-core finds no critical or serious violation in the mirror, on every screen and in a form', async () => {
  const { page } = await start('es');
  await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const report = [];
  const scan = async (where) => {
    const result = await page.evaluate(async () => {
      const r = await axe.run(document.getElementById('mirror'), { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, sample: v.nodes[0] && v.nodes[0].html }));
    });
    report.push({ where, violations: result });
    const grave = result.filter((v) => v.impact === 'critical' || v.impact === 'serious');
    assert.deepEqual(grave, [], `${where}: critical or serious violations`);
  };
  for (const [key, screen] of [['1', 'dashboard'], ['2', 'agenda'], ['3', 'debtors'], ['4', 'reports'], ['5', 'settings']]) {
    await press(page, key);
    await scan(screen);
  }
  await press(page, '3');
  await press(page, '/');
  await press(page, 'ArrowDown');
  await press(page, 'Enter');
  await scan('debtor');
  await tabTo(page, 'Registrar pago');
  await press(page, 'Enter');
  await scan('payment form');
  console.log(JSON.stringify(report));
});
