// Backup import and export in real headless Chromium over a large data set: how long each
// takes, the peak JS heap and wasm memory, how long each progress label showed, and how long the
// page went without handling events (the UI stays responsive when that stays short). Also the
// start with that data in IndexedDB. A benchmark, not a test: it prints figures.
//
//   node scripts/browser-bench.mjs [--data build/bench-data/dataset-100000.json]
//                                  [--dist build/wasm/dist] [--json out.json]
//
// The data set comes from `recobra generate --debtors 100000 --seed 1 --out FILE`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const data = path.resolve(option('--data', path.join(root, 'build/bench-data/dataset-100000.json')));
const dist = path.resolve(option('--dist', process.env.RECOBRA_DIST || path.join(root, 'build/wasm/dist')));
const jsonOut = option('--json', null);
if (!fs.existsSync(data)) {
  console.error(`${data} not found: make it with \`recobra generate --debtors 100000 --seed 1 --out ${data}\``);
  process.exit(2);
}

const sha256 = (file) => new Promise((resolve, reject) => {
  const hash = crypto.createHash('sha256');
  fs.createReadStream(file).on('data', (d) => hash.update(d)).on('end', () => resolve(hash.digest('hex'))).on('error', reject);
});
const mb = (bytes) => Math.round(bytes / 1048576);

// In the page: samples memory, the progress bar and event-loop stalls until stopped.
function startProbe() {
  const probe = { jsHeapPeak: 0, wasmPeak: 0, progress: {}, wasmAfter: {}, longestStall: 0, samples: 0 };
  let last = performance.now();
  const sample = () => {
    const now = performance.now();
    const since = now - last;
    probe.longestStall = Math.max(probe.longestStall, since);
    last = now;
    probe.samples++;
    if (performance.memory) probe.jsHeapPeak = Math.max(probe.jsHeapPeak, performance.memory.usedJSHeapSize);
    if (window.Module && Module.HEAPU8) probe.wasmPeak = Math.max(probe.wasmPeak, Module.HEAPU8.length);
    const bar = document.getElementById('progress');
    if (bar && !bar.hidden) {
      const label = bar.querySelector('.label').textContent;
      probe.progress[label] = Math.round((probe.progress[label] || 0) + since); // ms shown
      // Wasm memory never shrinks: its size when a label last showed is that phase's peak.
      if (window.Module && Module.HEAPU8) probe.wasmAfter[label] = Math.round(Module.HEAPU8.length / 1048576);
    }
  };
  const timer = setInterval(sample, 20);
  window.benchProbe = () => {
    clearInterval(timer);
    sample();
    return probe;
  };
}

async function main() {
  const { server, url } = await startServer({ dir: dist, port: 0 });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'recobra-bench-'));
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'recobra-bench-dl-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    downloadsPath: downloads,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic',
      '--enable-precise-memory-info'],
    viewport: { width: 1280, height: 800 },
    locale: 'es-ES',
  });
  const results = { data: path.basename(data), bytes: fs.statSync(data).size };
  const addFileInput = () => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'bench-file';
    input.hidden = true;
    document.body.appendChild(input);
  };
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(url);
    await page.evaluate(() => recobra.ready());
    // The service worker streams the export to disk (a Blob that size would fail).
    results.serviceWorker = await page.evaluate(() => recobra.offline());
    await page.evaluate(addFileInput);
    await page.setInputFiles('#bench-file', data); // the browser reads it from disk, as from the picker

    // Import (restore): read in pieces, checked, folded, written to IndexedDB.
    await page.evaluate(startProbe);
    const imported = await page.evaluate(async () => {
      const started = performance.now();
      const result = await recobra.importBackup(document.getElementById('bench-file').files[0], 'replace');
      return { ...result, ms: performance.now() - started };
    });
    if (!imported.ok) throw new Error(`import failed: ${imported.error}`);
    const importProbe = await page.evaluate(() => window.benchProbe());
    const counts = await page.evaluate(() => recobra.summary());
    results.import = { ms: Math.round(imported.ms), events: counts.events, debtors: counts.debtors, ...importProbe,
      read: await page.evaluate(() => RecobraBridge.lastRead) };

    // Export: the download the Settings button starts, built in chunks.
    await page.evaluate(startProbe);
    const download = page.waitForEvent('download');
    const exportMs = await page.evaluate(async () => {
      const started = performance.now();
      await RecobraBridge.downloadBackup();
      return performance.now() - started;
    });
    const exportProbe = await page.evaluate(() => window.benchProbe());
    results.export = { ms: Math.round(exportMs), ...exportProbe };
    const savingStarted = Date.now();
    try {
      const file = await (await download).path(); // the browser writes the blob to disk
      results.export.savedAfterMs = Date.now() - savingStarted;
      results.export.bytes = fs.statSync(file).size;
      results.export.sameBytesAsImported = (await sha256(file)) === (await sha256(data));
    } catch (error) {
      results.export.downloadError = `${error.message} after ${Date.now() - savingStarted} ms`;
    }

    // Start with that data in IndexedDB: reload to the first interactive frame.
    const started = Date.now();
    await page.reload();
    await page.evaluate(() => recobra.ready());
    results.coldStart = {
      ms: Date.now() - started,
      events: (await page.evaluate(() => recobra.summary())).events,
      wasmBytes: await page.evaluate(() => Module.HEAPU8.length),
    };

    // Restore the same file again, over that data: the usual case, the old data stays in
    // memory (and in use) until the file has been checked.
    await page.evaluate(addFileInput);
    await page.setInputFiles('#bench-file', data);
    await page.evaluate(startProbe);
    const again = await page.evaluate(async () => {
      const started = performance.now();
      const result = await recobra.importBackup(document.getElementById('bench-file').files[0], 'replace');
      return { ...result, ms: performance.now() - started };
    });
    if (!again.ok) throw new Error(`second import failed: ${again.error}`);
    results.restoreOver = { ms: Math.round(again.ms), ...(await page.evaluate(() => window.benchProbe())),
      read: await page.evaluate(() => RecobraBridge.lastRead) };

    // The same file with its last event naming a debtor it does not hold: refused at the very
    // end of the check, after the loaded data was let go; the answer comes once that data is
    // loaded again from storage (as at a start), and it must be all there.
    const loaded = await page.evaluate(() => recobra.summary());
    await page.evaluate(startProbe);
    const refused = await page.evaluate(async () => {
      const file = document.getElementById('bench-file').files[0];
      const cut = file.size - 4096;
      const tail = new Uint8Array(await file.slice(cut).arrayBuffer());
      const text = new TextDecoder('latin1').decode(tail); // one character per byte: same offsets
      const at = text.lastIndexOf('"debtor":"d-') + '"debtor":"d-'.length + 23; // its id's last digit
      tail[at] = tail[at] === 0x39 ? 0x38 : 0x39;
      const damaged = new File([file.slice(0, cut), tail], 'refused.json', { type: 'application/json' });
      const started = performance.now();
      const result = await recobra.importBackup(damaged, 'replace');
      return { ...result, ms: performance.now() - started };
    });
    if (refused.ok) throw new Error('the damaged file was accepted');
    results.refused = {
      ms: Math.round(refused.ms), error: refused.error, ...(await page.evaluate(() => window.benchProbe())),
      dataBack: JSON.stringify(await page.evaluate(() => recobra.summary())) === JSON.stringify(loaded),
      reloadFromImage: await page.evaluate(() => RecobraBridge.loadTimes && RecobraBridge.loadTimes.imageEvents),
      read: await page.evaluate(() => RecobraBridge.lastRead),
    };
  } finally {
    await context.close();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
    fs.rmSync(downloads, { recursive: true, force: true });
  }

  const line = (name, r) => `${name.padEnd(8)} ${String(r.ms).padStart(7)} ms   peak JS heap ${mb(r.jsHeapPeak)} MB, wasm memory ${mb(r.wasmPeak)} MB, ` +
    `longest stall ${Math.round(r.longestStall)} ms, progress shown (ms) ${JSON.stringify(r.progress)}, ` +
    `wasm memory (MB) by then ${JSON.stringify(r.wasmAfter)}` +
    // Read in two parts: the worker's wasm memory is its own, gone once its half is taken in.
    (r.read && r.read.part ? `, second part read by a worker: ${r.read.part}` +
      (r.read.partMemory ? ` (its wasm memory ${mb(r.read.partMemory)} MB; parts read at ${r.read.firstPartMs} / ${r.read.secondPartMs} ms)` : '') : '');
  console.log(`${results.data}: ${mb(results.bytes)} MB, ${results.import.debtors} debtors, ${results.import.events} events`);
  console.log(line('import', results.import));
  console.log(line('export', results.export) + (results.serviceWorker.controlled ? ', streamed by the service worker' : ', as a Blob'));
  if (results.export.downloadError) console.log(`export   download failed: ${results.export.downloadError}`);
  else console.log(`export   ${mb(results.export.bytes)} MB saved ${results.export.savedAfterMs} ms later, byte-identical to the imported file: ${results.export.sameBytesAsImported}`);
  console.log(`start    ${String(results.coldStart.ms).padStart(7)} ms   with ${results.coldStart.events} events in IndexedDB, wasm memory ${mb(results.coldStart.wasmBytes)} MB`);
  console.log(line('restore', results.restoreOver) + ', over the data just loaded');
  console.log(line('refused', results.refused) + `, its data all back: ${results.refused.dataBack} (${results.refused.error})`);
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(results, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
