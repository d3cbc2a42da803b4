// Offline: after one visit the service worker has the whole app, so a reload with no network
// (server stopped, browser offline) starts it with its data; a new build is offered in the
// app and taken only when the user accepts; the page is installable and its
// Content-Security-Policy keeps every request on its own origin.
//
// Each test serves its own copy of the built page (so it can stop the server or publish a
// "new build" by changing the copy and stamping its service worker again, as the build does).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DIST, openBrowser, watch, screenshot, centreOf, settle, tempDir } from './harness.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { stampServiceWorker } from '../../scripts/stamp-sw.mjs';

const contexts = [];
const servers = [];
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  for (const s of servers) await stop(s);
});

function copyOfDist() {
  const dir = tempDir('recobra-dist-');
  fs.cpSync(DIST, dir, { recursive: true });
  return dir;
}

async function serve(dir, port = 0) {
  const s = await startServer({ dir, port });
  servers.push(s);
  return s;
}

async function stop(s) {
  if (!s.server.listening) return;
  s.server.closeAllConnections();
  await new Promise((resolve) => s.server.close(resolve));
}

async function browser() {
  const { context } = await openBrowser();
  contexts.push(context);
  return context;
}

async function open(context, url) {
  const page = await context.newPage();
  const problems = watch(page, new URL(url).origin);
  await page.goto(url);
  await page.evaluate(() => recobra.ready());
  return { page, problems };
}

const builtVersion = (dir) => /const VERSION ?= ?['"]([0-9a-f]+)['"]/.exec(fs.readFileSync(path.join(dir, 'sw.js'), 'utf8'))[1];

function dispatch(page, command) {
  return page.evaluate((c) => recobra.dispatch(c), command);
}

async function addDebtorWithInvoice(page) {
  const debtor = await dispatch(page, { type: 'registerDebtor', legalName: 'Peña Martínez, José', kind: 'autonomo', country: 'ES' });
  assert.equal(debtor.ok, true, debtor.error);
  const invoice = await dispatch(page, {
    type: 'addInvoice', debtor: debtor.id, number: 'F-2026-014', issueDate: '2026-09-01', dueDate: '2026-10-01',
    amount: { minor: 123456, currency: 'EUR' },
  });
  assert.equal(invoice.ok, true, invoice.error);
}

test('after one visit the app starts with no network at all, with its data', async (t) => {
  const dir = copyOfDist();
  const s = await serve(dir);
  const context = await browser();
  const { page, problems } = await open(context, s.url);
  const status = await page.evaluate(() => recobra.offline());
  assert.equal(status.supported, true);
  assert.equal(status.controlled, true, status.error);
  assert.equal(status.version, builtVersion(dir));
  assert.equal((await page.evaluate(() => recobra.uiState())).updateOffered, false, 'a first install is no update');
  await addDebtorWithInvoice(page);
  const before = await page.evaluate(() => recobra.summary());

  // No network: the server is gone and the browser is offline.
  await stop(s);
  await context.setOffline(true);
  const responses = [];
  page.on('response', (response) => responses.push({ url: response.url(), fromWorker: response.fromServiceWorker() }));
  const started = Date.now();
  await page.reload();
  await page.evaluate(() => recobra.ready());
  t.diagnostic(`offline reload to the first interactive frame: ${Date.now() - started} ms`);
  const afterReload = await page.evaluate(() => recobra.summary());
  for (const key of ['debtors', 'invoices', 'events']) assert.equal(afterReload[key], before[key], key);
  assert.deepEqual(afterReload.outstanding, before.outstanding);
  assert.ok(responses.some((r) => r.url.endsWith('/recobra.wasm')), 'the wasm was loaded');
  assert.deepEqual(responses.filter((r) => !r.fromWorker), [], 'everything came from the service worker');
  await page.evaluate(() => recobra.screen('debtors'));
  await screenshot(page, 'offline-reload-es');

  // A new tab with a query string (?lang=en) starts as well.
  const second = await context.newPage();
  await second.goto(`${s.url}?lang=en`);
  await second.evaluate(() => recobra.ready());
  assert.equal(await second.evaluate(() => recobra.language()), 'en');
  assert.equal((await second.evaluate(() => recobra.summary())).debtors, before.debtors);
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
});

test('a new build is offered in the app, and accepting it reloads into it with the data kept', async () => {
  const dir = copyOfDist();
  const s = await serve(dir);
  const context = await browser();
  const { page, problems } = await open(context, `${s.url}?lang=es`);
  const first = await page.evaluate(() => recobra.offline());
  assert.equal(first.controlled, true, first.error);
  await addDebtorWithInvoice(page);

  // Deploy a new build: a changed page, its service worker stamped again as the build does.
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  fs.writeFileSync(path.join(dir, 'index.html'), html.replace('</head>', '  <meta name="recobra-test-build" content="2">\n</head>'));
  const next = stampServiceWorker({ dist: dir });
  assert.notEqual(next, first.version);

  // The next visit still runs the build it has (never a mix of two), and offers the new one.
  await page.reload();
  await page.evaluate(() => recobra.ready());
  await page.waitForFunction(() => recobra.uiState().updateOffered === true);
  assert.equal(await page.evaluate(() => !!document.querySelector('meta[name="recobra-test-build"]')), false);
  assert.equal((await page.evaluate(() => recobra.offline())).version, first.version);
  await page.evaluate(() => recobra.nextFrame());
  assert.ok(await page.evaluate(() => recobra.locate('banner.update')), 'the update button is on screen');
  await screenshot(page, 'offline-update-es');
  await page.evaluate(() => recobra.setLanguage('en'));
  await screenshot(page, 'offline-update-en');

  // Accepting: the waiting worker takes over and the page reloads into the new build.
  const { x, y } = await centreOf(page, 'banner.update');
  await page.mouse.move(x, y);
  await settle(page);
  const reloaded = page.waitForEvent('load');
  await page.mouse.down();
  await page.mouse.up();
  await reloaded;
  await page.evaluate(() => recobra.ready());
  assert.equal(await page.evaluate(() => !!document.querySelector('meta[name="recobra-test-build"]')), true);
  const now = await page.evaluate(() => recobra.offline());
  assert.equal(now.version, next);
  assert.equal(now.updateReady, false);
  assert.equal((await page.evaluate(() => recobra.uiState())).updateOffered, false);
  assert.equal((await page.evaluate(() => recobra.summary())).debtors, 1);
  // Only the new build's files are kept.
  assert.deepEqual(await page.evaluate(() => caches.keys()), [`recobra-${next}`]);
  assert.deepEqual(problems.pageErrors, []);
});

test('a tab left on the old build is offered a reload once another tab has updated', async () => {
  const dir = copyOfDist();
  const s = await serve(dir);
  const context = await browser();
  const a = await open(context, s.url);
  assert.equal((await a.page.evaluate(() => recobra.offline())).controlled, true);
  const b = await open(context, s.url);
  assert.equal((await b.page.evaluate(() => recobra.offline())).controlled, true);

  fs.appendFileSync(path.join(dir, 'app.css'), '\n/* build 2 */\n');
  const next = stampServiceWorker({ dist: dir });
  await a.page.evaluate(() => RecobraOffline.checkForUpdate());
  await a.page.waitForFunction(() => recobra.uiState().updateOffered === true);
  await b.page.waitForFunction(() => recobra.uiState().updateOffered === true);

  const reloaded = a.page.waitForEvent('load');
  await a.page.evaluate(() => { RecobraOffline.applyUpdate(); });
  await reloaded;
  await a.page.evaluate(() => recobra.ready());
  assert.equal((await a.page.evaluate(() => recobra.offline())).version, next);
  // B still runs the old page under the new worker: it keeps offering the reload.
  assert.equal((await b.page.evaluate(() => recobra.uiState())).updateOffered, true);
  const bReloaded = b.page.waitForEvent('load');
  await b.page.evaluate(() => { RecobraOffline.applyUpdate(); });
  await bReloaded;
  await b.page.evaluate(() => recobra.ready());
  assert.equal((await b.page.evaluate(() => recobra.offline())).version, next);
});

test('the page is installable, and its Content-Security-Policy keeps requests on its origin', async () => {
  const dir = copyOfDist();
  const s = await serve(dir);
  const context = await browser();
  const { page, problems } = await open(context, s.url);
  assert.equal((await page.evaluate(() => recobra.offline())).controlled, true);
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifest.errors, []);
  const parsed = JSON.parse(manifest.data);
  assert.equal(parsed.name, 'Recobra');
  assert.equal(parsed.display, 'standalone');
  for (const icon of parsed.icons) {
    const response = await page.request.get(new URL(icon.src, s.url).href);
    assert.equal(response.status(), 200, icon.src);
  }
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);

  const policies = await page.evaluate(() =>
    [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')].map((meta) => meta.content));
  for (const directive of ["default-src 'self'", "connect-src 'self'", "worker-src 'self'", "manifest-src 'self'"]) {
    assert.ok(policies[0].includes(directive), directive);
  }
  // With no team sync server configured, web/sync.js narrows requests to the page's origin.
  assert.equal(policies[1], "connect-src 'self'");
  // A request to another origin is blocked by the page itself, before it leaves.
  const blocked = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    let fetched = true;
    try {
      await fetch('https://example.com/collect');
    } catch {
      fetched = false;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { fetched, violations };
  });
  assert.equal(blocked.fetched, false);
  assert.ok(blocked.violations.includes('connect-src'), JSON.stringify(blocked.violations));
  assert.deepEqual(problems.foreignRequests.filter((u) => !u.startsWith('https://example.com/')), []);
});

test('a backup is streamed to disk through the service worker, also with no network', async () => {
  const dir = copyOfDist();
  const s = await serve(dir);
  const context = await browser();
  const { page, problems } = await open(context, `${s.url}?now=${Date.UTC(2026, 10, 23, 9, 0)}`);
  assert.equal((await page.evaluate(() => recobra.offline())).controlled, true);
  assert.equal((await page.evaluate(() => recobra.loadDemo())).ok, true);
  await page.evaluate(() => recobra.exportBackup()); // from now on exports hold the same lastBackupAt
  await stop(s);
  await context.setOffline(true);
  const download = page.waitForEvent('download');
  assert.equal(await page.evaluate(() => RecobraBridge.downloadBackup()), 'recobra-backup-2026-11-23.json');
  const file = await download;
  assert.match(file.url(), /\/__download\/[^/]+\/recobra-backup-2026-11-23\.json$/);
  assert.equal(file.suggestedFilename(), 'recobra-backup-2026-11-23.json');
  const saved = fs.readFileSync(await file.path(), 'utf8');
  assert.equal(saved, await page.evaluate(() => recobra.exportBackup()));
  assert.deepEqual(problems.pageErrors, []);
});
