// Browser test harness: serves the built page on a free localhost port and drives Debian's
// headless Chromium with playwright-core. Each test gets a fresh browser profile unless it
// passes one (persistence tests reuse a profile across reloads and relaunches). Screenshots
// go to build/test-artifacts/screenshots.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
export const DIST = process.env.RECOBRA_DIST || path.join(root, 'build/wasm/dist');
export const ARTIFACTS = process.env.RECOBRA_ARTIFACTS || path.join(root, 'build/test-artifacts');

// Flags that let headless Chromium render WebGL here and keep it from reaching the network.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];

let serverPromise = null;
export function server() {
  if (!serverPromise) serverPromise = startServer({ dir: DIST, port: 0 });
  return serverPromise;
}

// Temporary directories (browser profiles, files a test writes) go when the test file's
// process ends: a run of the suite makes some 150 profiles, and they filled the disk.
const temporary = [];
process.on('exit', () => {
  for (const dir of temporary) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      console.warn(`not removed: ${dir} (${error.code || error})`);
    }
  }
});
export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

export function newProfileDir() {
  return tempDir('recobra-profile-');
}

// Opens a browser context on a profile directory. Options: profile (a directory to reuse),
// viewport, deviceScaleFactor, locale, permissions, extraArgs (more Chromium flags).
export async function openBrowser(options = {}) {
  const profile = options.profile || newProfileDir();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.extraArgs || [])],
    viewport: options.viewport || { width: 1280, height: 800 },
    deviceScaleFactor: options.deviceScaleFactor || 1,
    locale: options.locale || 'es-ES',
    timezoneId: options.timezoneId || 'Europe/Madrid',
  });
  if (options.permissions) {
    const { url } = await server();
    await context.grantPermissions(options.permissions, { origin: new URL(url).origin });
  }
  return { context, profile };
}

// Watches a page for console errors, uncaught exceptions and requests that leave its origin.
export function watch(page, origin) {
  const problems = { consoleErrors: [], pageErrors: [], foreignRequests: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.pageErrors.push(String(error)));
  page.on('request', (request) => {
    problems.requests.push(request.url());
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.foreignRequests.push(url);
    }
  });
  return problems;
}

// Hands a file on disk to recobra.importBackup(file, mode) through a file input, as the picker
// would fill it; resolves to the app's answer.
export async function importFile(page, file, mode = 'replace') {
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'import-file';
    document.body.appendChild(input);
  });
  await page.setInputFiles('#import-file', file);
  return page.evaluate(async (m) => {
    const input = document.getElementById('import-file');
    const answer = await recobra.importBackup(input.files[0], m);
    input.remove();
    return answer;
  }, mode);
}

// Opens the app in a new page of the context and waits for recobra.ready().
export async function openApp(context, { query = '' } = {}) {
  const { url } = await server();
  const page = await context.newPage();
  const problems = watch(page, new URL(url).origin);
  await page.goto(url + query);
  await page.evaluate(() => window.recobra.ready());
  return { page, problems, url };
}

export async function screenshot(page, name) {
  const dir = path.join(ARTIFACTS, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  // Whatever a suite shows, nothing in it is drawn cut where no scrolling shows it whole
  // (window.recobra.cutWidgets(); docs/architecture.md, "Small windows").
  const cut = await page.evaluate(() => { try { return window.recobra.cutWidgets(); } catch { return []; } });
  assert.deepEqual(cut, [], `${name}: widgets drawn cut`);
  return file;
}

// The centre of a tagged widget, in page coordinates (see recobra.locate).
export async function centreOf(page, id) {
  const rect = await page.evaluate((widget) => window.recobra.locate(widget), id);
  if (!rect) throw new Error(`widget '${id}' is not on screen`);
  return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
}

// Moves to the widget, then presses and releases, letting the app draw in between as it
// would for a person (who never moves and clicks within one frame).
export async function click(page, id) {
  const { x, y } = await centreOf(page, id);
  await page.mouse.move(x, y);
  await settle(page);
  await page.mouse.down();
  await settle(page);
  await page.mouse.up();
  await settle(page);
}

// Scrolls the screen under (x, y) with the mouse wheel, as a person would, until the widget is
// wholly in view; returns where it is. Long strides until it is drawn, short ones after. The
// mouse stays by default in the content's left margin, just right of the sidebar (220 px, a
// 60 px rail below 1,000), where no inner list or text takes the wheel instead.
const marginX = (page) => (page.viewportSize().width < 1000 ? 60 : 220) + 12;
export async function reveal(page, id, { x = marginX(page), y = 400, step = 600 } = {}) {
  const height = page.viewportSize().height;
  let seen = false;
  for (let i = 0; i < 40; ++i) {
    const rect = await page.evaluate((w) => window.recobra.locate(w), id);
    if (rect && rect.y >= 0 && rect.y + rect.height <= height) return rect;
    seen = seen || !!rect;
    await page.mouse.move(x, y);
    await page.mouse.wheel(0, (rect && rect.y < 0 ? -1 : 1) * (seen ? 150 : step));
    await settle(page);
  }
  throw new Error(`could not bring '${id}' on screen`);
}

export function settle(page) {
  return page.evaluate(() => window.recobra.settled());
}

// Clicks a text field, selects what it holds and types `text` over it.
export async function fill(page, id, text) {
  await click(page, id);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  if (text) await page.keyboard.type(text);
  await settle(page);
}

// Counts the share of pixels that differ from the most common colour: a blank or
// single-colour canvas scores 0.
export async function inkRatio(page) {
  const png = await page.screenshot();
  return page.evaluate(async (bytes) => {
    const blob = new Blob([new Uint8Array(bytes)], { type: 'image/png' });
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const counts = new Map();
    for (let i = 0; i < data.length; i += 4) {
      const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    const top = Math.max(...counts.values());
    return 1 - top / (data.length / 4);
  }, [...png]);
}
