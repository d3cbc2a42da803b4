// Browser benchmark of the workspace at scale (not a test: prints figures, asserts nothing
// about time). With the 100,000-debtor data set restored into a fresh profile:
//   restore     the backup file restored through the app (read in pieces, checked, stored)
//   cold load   a new page on that profile until recobra.ready() (the images of the log and state
//               the app kept after the restore installed, or the log read and folded → drawn)
//   append      median and p95 of 200 durable changes (dispatch → stored in IndexedDB)
//   frames      frame time while scrolling the debtors list and while typing in its search,
//               also with the list sorted by what is claimable
//   360° view   time to open a debtor's view (the call, and the frame that draws it)
//   reports     time to open the reports screen after a change (the KPIs computed once), and
//               frame time while the mouse moves over the aging chart
//   memory      the wasm memory after all that
// RECOBRA_MIRROR=off runs it all with the screen-reader mirror switched off (it is on by
// default; docs/accessibility.md): the pair gives what the mirror costs each frame.
// Usage: node scripts/bench-workspace.mjs [FILE]   (default build/bench-data/dataset-100000.json,
// made by `recobra generate --debtors 100000 --seed 1`). RECOBRA_DIST picks the build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBrowser, openApp, server, settle, centreOf } from '../tests/browser/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = process.argv[2] || path.join(root, 'build/bench-data/dataset-100000.json');
if (!fs.existsSync(file)) {
  console.error(`${file} is missing: run build/native/recobra generate --debtors 100000 --seed 1 --out ${file}`);
  process.exit(2);
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: sorted.length, median: +at(0.5).toFixed(2), p95: +at(0.95).toFixed(2), max: +sorted[sorted.length - 1].toFixed(2) };
};
const result = { file: path.basename(file), megabytes: +(fs.statSync(file).size / 1048576).toFixed(1) };
const log = (key, value) => { result[key] = value; console.error(key, JSON.stringify(value)); };

const { context, profile } = await openBrowser({});
try {
  // Restore the file through the app's own path (File → read in 4 MB pieces → check → store).
  {
    const { page } = await openApp(context);
    const mirror = process.env.RECOBRA_MIRROR === 'off' ? 'off' : 'on';
    await page.evaluate((on) => localStorage.setItem('recobra-mirror', on), mirror); // read by the next pages
    log('mirror', mirror);
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.id = 'bench-file';
      document.body.appendChild(input);
    });
    await page.setInputFiles('#bench-file', file);
    const restore = await page.evaluate(async () => {
      const started = performance.now();
      const answer = await recobra.importBackup(document.getElementById('bench-file').files[0], 'replace');
      return { ms: performance.now() - started, ok: answer.ok, error: answer.error, added: answer.added };
    });
    if (!restore.ok) throw new Error(`restore failed: ${restore.error}`);
    log('restoreMs', Math.round(restore.ms));
    log('events', restore.added);
    // The app then keeps an image of the log for the next start (a couple of seconds later,
    // in the background): the page stays open until it has.
    const image = await page.evaluate(async () => {
      const started = performance.now();
      while (RecobraBridge.imageWrites === 0 && performance.now() - started < 120000)
        await new Promise((resolve) => setTimeout(resolve, 100));
      return { written: RecobraBridge.imageWrites, ms: performance.now() - started };
    });
    log('imageWrittenAfterRestoreMs', image.written ? Math.round(image.ms) : 'not written');
    await page.close();
  }

  // Cold load: a new page on the same profile, from navigation to ready; five times, the
  // last page stays open for the rest.
  const coldLoad = async () => {
    const { page } = await openApp(context);
    const load = await page.evaluate(() => ({
      readyMs: performance.now(),
      summary: recobra.summary(),
      memoryMB: Module.HEAP8.length / 1048576,
      times: RecobraBridge.loadTimes,
    }));
    return { page, load };
  };
  const colds = [];
  let page, load;
  for (let run = 0; run < 5; run++) {
    if (page) await page.close();
    ({ page, load } = await coldLoad());
    colds.push(Math.round(load.readyMs));
    const t = load.times;
    log('coldLoadBreakdownMs', { navigationToLoad: Math.round(t.startMs), load: Math.round(t.totalMs),
      inApp: Math.round(t.appMs), waiting: Math.round(t.totalMs - t.appMs), fromImage: t.imageEvents, stateFromImage: t.stateFromImage,
      afterLoad: Math.round(load.readyMs - t.startMs - t.totalMs) });
  }
  log('coldLoadToReadyMs', { runs: colds, median: stats(colds).median });
  log('debtors', load.summary.debtors);
  log('wasmMemoryAfterLoadMB', Math.round(load.memoryMB));
  // RECOBRA_BENCH_QUICK=1: restore and cold loads only.
  if (!process.env.RECOBRA_BENCH_QUICK) await afterLoad(page);
} finally {
  await context.close();
  (await server()).server.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(result));

async function afterLoad(page) {
  // Durable append latency: one change at a time, each awaited until stored.
  const appendTimes = await page.evaluate(async () => {
    const times = [];
    const id = (await recobra.dispatch({ type: 'registerDebtor', legalName: 'Prueba de rendimiento S.L.', kind: 'sme', country: 'ES' })).id;
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      const answer = await recobra.dispatch({ type: 'addNote', debtor: id, text: `Nota ${i}` });
      if (!answer.ok) throw new Error(answer.error);
      times.push(performance.now() - started);
    }
    return times;
  });
  log('appendMs', stats(appendTimes));

  // Scrolling the debtors list with the mouse wheel.
  await page.evaluate(() => recobra.screen('debtors'));
  await settle(page);
  const list = await centreOf(page, 'debtors.search');
  await page.mouse.move(list.x, list.y + 300);
  await page.evaluate(() => recobra.frameTimes(true));
  for (let i = 0; i < 120; i++) {
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(16);
  }
  await settle(page);
  log('scrollFrameMs', stats(await page.evaluate(() => recobra.frameTimes(true))));

  // Typing in the search box, a key at a time.
  const search = await centreOf(page, 'debtors.search');
  await page.mouse.click(search.x, search.y);
  await settle(page);
  await page.evaluate(() => recobra.frameTimes(true));
  await page.keyboard.type('garcía lópez', { delay: 60 });
  await settle(page);
  log('typingFrameMs', stats(await page.evaluate(() => recobra.frameTimes(true))));
  for (let i = 0; i < 12; i++) await page.keyboard.press('Backspace');
  await settle(page);

  // The list sorted by what is claimable (docs/law.md): a click on the column's header, the
  // frame that computes every debtor's claim, then typing again in that order.
  // Back to the top of the list first (the wheel moved it down).
  await page.mouse.move(list.x, list.y + 300);
  for (let i = 0; i < 150; i++) await page.mouse.wheel(0, -120);
  await settle(page);
  await page.evaluate(() => recobra.frameTimes(true));
  const cell = await page.evaluate(() => recobra.locate('debtors.row.0.claimable'));
  const row1 = await page.evaluate(() => recobra.locate('debtors.row.1.claimable'));
  // A press and a release in frames of their own, as a person clicks (ImGui's headers sort on release).
  await page.mouse.move(cell.x + cell.width / 2, cell.y - (row1.y - cell.y) / 2);
  await settle(page);
  await page.mouse.down();
  await settle(page);
  await page.mouse.up();
  await settle(page);
  log('sortByClaimableFrameMs', stats(await page.evaluate(() => recobra.frameTimes(true))));
  log('topClaimable', (await page.evaluate(() => recobra.locate('debtors.row.0.claimable'))).text);
  await page.mouse.click(search.x, search.y);
  await settle(page);
  await page.evaluate(() => recobra.frameTimes(true));
  await page.keyboard.type('garcía lópez', { delay: 60 });
  await settle(page);
  log('typingSortedByClaimableFrameMs', stats(await page.evaluate(() => recobra.frameTimes(true))));
  for (let i = 0; i < 12; i++) await page.keyboard.press('Backspace');
  await settle(page);

  // Opening a 360° view: the call until the view is drawn, and that frame alone.
  const opens = [];
  const ids = await page.evaluate(() => [...new Set(recobra.agenda().items.map((item) => item.debtor))].slice(0, 10));
  for (const id of ids) {
    await page.evaluate(() => recobra.screen('debtors'));
    await settle(page);
    await page.evaluate(() => recobra.frameTimes(true));
    const wall = await page.evaluate(async (debtor) => {
      const started = performance.now();
      if (!(await recobra.openDebtor(debtor))) throw new Error(`no debtor ${debtor}`);
      return performance.now() - started;
    }, id);
    await settle(page);
    const frames = await page.evaluate(() => recobra.frameTimes(true));
    opens.push({ wall, slowestFrame: Math.max(...frames) });
  }
  if (opens.length) {
    log('open360WallMs', stats(opens.map((o) => o.wall)));
    log('open360SlowestFrameMs', stats(opens.map((o) => o.slowestFrame)));
  }
  // The reports screen (docs/kpis.md): the call until it is drawn (the KPIs computed once for
  // the data), then the frames while the mouse moves over a chart's bars (no recomputing).
  const reports = [];
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => recobra.screen('debtors'));
    await settle(page);
    await page.evaluate(() => recobra.dispatch({ type: 'addNote', debtor: recobra.agenda().items[0].debtor, text: 'x' }));
    await page.evaluate(() => recobra.frameTimes(true));
    const wall = await page.evaluate(async () => {
      const started = performance.now();
      await recobra.screen('reports');
      return performance.now() - started;
    });
    await settle(page);
    reports.push({ wall, slowestFrame: Math.max(...(await page.evaluate(() => recobra.frameTimes(true)))) });
  }
  log('openReportsWallMs', stats(reports.map((r) => r.wall)));
  log('openReportsSlowestFrameMs', stats(reports.map((r) => r.slowestFrame)));
  const first = await page.evaluate(() => recobra.locate('reports.aging.0'));
  const last = await page.evaluate(() => recobra.locate('reports.aging.5'));
  if (first && last) {
    await page.evaluate(() => recobra.frameTimes(true));
    for (let i = 0; i <= 60; i++) {
      const x = first.x + ((last.x + last.width - first.x) * i) / 60;
      await page.mouse.move(x, first.y + first.height - 4);
      await page.waitForTimeout(16);
    }
    await settle(page);
    log('reportsHoverFrameMs', stats(await page.evaluate(() => recobra.frameTimes(true))));
  }
  log('wasmMemoryPeakMB', Math.round(await page.evaluate(() => Module.HEAP8.length / 1048576)));
}
