// The page itself: loads cleanly, draws crisp text in both languages, takes Spanish typing
// (dead keys, IME, paste), bridges the clipboard, rests when idle, survives a lost WebGL
// context and explains itself when the browser cannot run it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  openBrowser, openApp, screenshot, click, inkRatio, server, settle,
} from './harness.mjs';

const contexts = [];
after(async () => {
  for (const c of contexts) await c.close();
  (await server()).server.close();
});

async function start(options = {}) {
  const { context } = await openBrowser(options);
  contexts.push(context);
  const app = await openApp(context, options);
  return { context, ...app };
}

test('the app loads with no errors, no foreign request, and draws', async () => {
  const { page, problems } = await start();
  assert.match(await page.evaluate(() => recobra.version()), /^\d+\.\d+\.\d+$/);
  const ratio = await inkRatio(page);
  await screenshot(page, 'foundation-es');
  assert.ok(ratio > 0.05, `the screenshot is nearly blank (${ratio})`);
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
  assert.ok(problems.requests.some((u) => u.endsWith('/recobra.wasm')));
});

test('Spanish by default, English when the browser prefers it, and a switch in the sidebar', async () => {
  const es = await start({ locale: 'es-ES' });
  assert.equal(await es.page.evaluate(() => recobra.language()), 'es');
  const before = await es.page.screenshot();
  await click(es.page, 'lang.en');
  assert.equal(await es.page.evaluate(() => recobra.language()), 'en');
  const afterSwitch = await es.page.screenshot();
  assert.notDeepEqual(before, afterSwitch, 'the visible text did not change');
  await screenshot(es.page, 'foundation-en');
  await es.page.evaluate(() => recobra.setLanguage('es'));
  assert.equal(await es.page.evaluate(() => recobra.language()), 'es');
  await assert.rejects(es.page.evaluate(() => recobra.setLanguage('fr')), /Unknown language/);

  const en = await start({ locale: 'en-GB' });
  assert.equal(await en.page.evaluate(() => recobra.language()), 'en');
});

test('high-DPI screens get a backing store at device resolution', async () => {
  const navHeights = [];
  for (const scale of [1, 1.5, 2]) {
    const { page } = await start({ deviceScaleFactor: scale });
    const size = await page.evaluate(() => {
      const c = document.getElementById('canvas');
      return { width: c.width, height: c.height, cssWidth: c.clientWidth, cssHeight: c.clientHeight };
    });
    assert.equal(size.width, Math.round(size.cssWidth * scale));
    assert.equal(size.height, Math.round(size.cssHeight * scale));
    navHeights.push((await page.evaluate(() => recobra.locate('nav.debtors'))).height);
    if (scale === 2) await screenshot(page, 'foundation-dpr2');
  }
  // Widgets keep their size in CSS pixels: drawn with more pixels, not smaller.
  for (const h of navHeights) assert.ok(Math.abs(h - navHeights[0]) <= 1, `nav heights ${navHeights}`);
});

test('the canvas follows window resizes', async () => {
  const { page } = await start();
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.waitForFunction(() => document.getElementById('canvas').width === 1024);
  await page.evaluate(() => recobra.nextFrame());
  const size = await page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
  assert.deepEqual(size, [1024, 640]);
  assert.ok(await page.evaluate(() => recobra.locate('lang.en')), 'the language switch is still on screen');
});

async function fieldText(page) {
  return page.evaluate(() => recobra.uiState().fields['debtors.search']);
}

// The debtors search box is the text field these tests type into.
async function focusSearch(page) {
  await click(page, 'nav.debtors');
  await click(page, 'debtors.search');
}

test('typing Spanish lands intact: keyboard, dead keys and IME', async () => {
  const { page, context } = await start();
  await focusSearch(page);
  await page.keyboard.type('Peña, José — ¿año?');
  await settle(page);
  assert.equal(await fieldText(page), 'Peña, José — ¿año?');

  // A dead key as a Spanish layout produces it: the accent is composed, then committed
  // with the vowel.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Dead', code: 'Quote', windowsVirtualKeyCode: 222 });
  await cdp.send('Input.imeSetComposition', { text: '´', selectionStart: 1, selectionEnd: 1 });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Dead', code: 'Quote', windowsVirtualKeyCode: 222 });
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Process', code: 'KeyE', windowsVirtualKeyCode: 229 });
  await cdp.send('Input.insertText', { text: 'é' });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'e', code: 'KeyE', windowsVirtualKeyCode: 69 });
  // An IME composes a whole word before committing it.
  await cdp.send('Input.imeSetComposition', { text: ' a', selectionStart: 2, selectionEnd: 2 });
  await cdp.send('Input.imeSetComposition', { text: ' añ', selectionStart: 3, selectionEnd: 3 });
  await cdp.send('Input.insertText', { text: ' año' });
  await settle(page);
  assert.equal(await fieldText(page), 'Peña, José — ¿año?é año');

  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('ana@correo.es');
  await settle(page);
  assert.equal(await fieldText(page), 'ana@correo.es');
  await screenshot(page, 'foundation-typing');
});

test('copy from a field reaches the clipboard and a paste lands in a field', async () => {
  const { page } = await start({ permissions: ['clipboard-read', 'clipboard-write'] });
  await focusSearch(page);
  await page.keyboard.type('Copia: 1.234,56 € ñ');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await settle(page);
  await page.waitForFunction(async () => (await navigator.clipboard.readText()) === 'Copia: 1.234,56 € ñ');

  await page.evaluate(() => navigator.clipboard.writeText('Pegado ¿sí? ¡ya!'));
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await settle(page);
  assert.equal(await fieldText(page), 'Pegado ¿sí? ¡ya!');
});

test('idle costs nothing: no frame is drawn while nothing happens', async () => {
  const { page, context } = await start();
  await page.mouse.move(600, 500);
  await page.waitForTimeout(1500); // hover grace and settling frames end
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async (name) => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name).value;
  const before = await page.evaluate(() => recobra.frameCount());
  const taskBefore = await metric('TaskDuration');
  await page.waitForTimeout(2000);
  const afterIdle = await page.evaluate(() => recobra.frameCount());
  const taskAfter = await metric('TaskDuration');
  assert.equal(afterIdle, before, `${afterIdle - before} frames drawn while idle`);
  console.log(`idle: ${afterIdle - before} frames, main-thread busy ${((taskAfter - taskBefore) * 1000).toFixed(1)} ms over 2 s`);
  // Input wakes it up again.
  await page.mouse.move(300, 300);
  await page.waitForFunction((n) => recobra.frameCount() > n, before);
});

test('a lost WebGL context is recovered, not a dead canvas', async () => {
  const { page } = await start();
  await page.evaluate(async () => {
    const gl = document.getElementById('canvas').getContext('webgl2');
    const ext = gl.getExtension('WEBGL_lose_context');
    await new Promise((resolve) => {
      document.getElementById('canvas').addEventListener('webglcontextlost', resolve, { once: true });
      ext.loseContext();
    });
    // Restoring is allowed only once the lost event's dispatch has finished.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => {
      document.getElementById('canvas').addEventListener('webglcontextrestored', resolve, { once: true });
      ext.restoreContext();
    });
    await recobra.nextFrame();
    await recobra.nextFrame();
  });
  const ratio = await inkRatio(page);
  await screenshot(page, 'foundation-context-restored');
  assert.ok(ratio > 0.05, `canvas blank after restore (${ratio})`);
});

test('a browser without WebGL or WebAssembly, or a failed download, gets a readable message in both languages', async () => {
  const cases = [
    { name: 'no WebGL 2', options: { extraArgs: ['--disable-webgl'] }, es: /WebGL 2/, en: /browser/ },
    { name: 'no WebAssembly', init: () => { delete window.WebAssembly; }, es: /WebAssembly/, en: /browser/ },
    { name: 'wasm download fails', block: '**/recobra.wasm', es: /No se pudo descargar/, en: /could not be downloaded/ },
  ];
  for (const c of cases) {
    const { context } = await openBrowser(c.options || {});
    contexts.push(context);
    const page = await context.newPage();
    if (c.init) await page.addInitScript(c.init);
    if (c.block) await page.route(c.block, (route) => route.abort());
    await page.goto((await server()).url);
    await page.waitForSelector('#fatal:not([hidden])');
    const text = await page.textContent('#fatal');
    assert.match(text, c.es, c.name);
    assert.match(text, c.en, c.name);
    await assert.rejects(page.evaluate(() => recobra.ready()));
    await screenshot(page, `foundation-fatal-${c.name.replace(/\W+/g, '-')}`);
  }
});
