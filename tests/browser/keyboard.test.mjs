// The keyboard alone (issue 30, point 3; docs/accessibility.md): one-key shortcuts to the five
// screens and the debtors search, the list of keys ("?"), and none of it while a field takes the
// keys. Screenshots: build/test-artifacts/screenshots/keyboard-help-*.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, openApp, server, screenshot, settle } from './harness.mjs';

const contexts = [];
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  (await server()).server.close();
});

async function press(page, key) {
  await page.keyboard.press(key);
  await settle(page);
}

test('the screens, the search and the list of keys from the keyboard alone, in both languages', async () => {
  const { context } = await openBrowser();
  contexts.push(context);
  const { page, problems } = await openApp(context, { query: '?today=2026-11-23&lang=es' });
  await page.evaluate(() => recobra.loadDemo());
  await page.mouse.move(0, 0);
  await settle(page);

  // 1-5: the sidebar's five screens.
  for (const [key, screen] of [['2', 'agenda'], ['3', 'debtors'], ['4', 'reports'], ['5', 'settings'], ['1', 'dashboard']]) {
    await press(page, key);
    assert.equal(await page.evaluate(() => recobra.screen()), screen, `key ${key}`);
  }

  // "/": the debtors list with the cursor in its search; digits typed there are text.
  await press(page, '/');
  assert.equal(await page.evaluate(() => recobra.screen()), 'debtors');
  await page.keyboard.type('S.L. 3');
  await settle(page);
  assert.equal(await page.evaluate(() => recobra.screen()), 'debtors', 'a digit typed in the search stays there');
  assert.equal((await page.evaluate(() => recobra.uiState())).debtors.search, 'S.L. 3');
  for (let i = 0; i < 2; ++i) await press(page, 'Backspace');
  await press(page, 'ArrowDown');
  await press(page, 'Enter');
  assert.equal(await page.evaluate(() => recobra.screen()), 'debtor', 'Enter opens the highlighted debtor');

  // "?" (a character, whatever the layout) lists the keys; Esc closes it; F1 does the same.
  for (const lang of ['es', 'en']) {
    await page.evaluate((l) => recobra.setLanguage(l), lang);
    await press(page, 'Escape'); // out of the search, if still in it
    await press(page, lang === 'es' ? 'Shift+Slash' : 'F1');
    assert.ok(await page.evaluate(() => recobra.locate('shortcuts.close')), `the list of keys is open (${lang})`);
    await press(page, '3'); // a digit under the dialog changes nothing
    assert.equal(await page.evaluate(() => recobra.screen()), 'debtor');
    await screenshot(page, `keyboard-help-${lang}`);
    await press(page, 'Escape');
    assert.equal(await page.evaluate(() => recobra.locate('shortcuts.close')), null, 'Esc closes it');
  }
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
});
