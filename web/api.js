'use strict';
// window.recobra: the automation API used by the browser tests and by anyone scripting the
// app. Documented in docs/automation.md; keep the two in step.
(function () {
  let resolveReady;
  let rejectReady;
  const readyPromise = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  readyPromise.catch(() => {}); // a failed start is shown on the page; callers see the rejection

  function app() {
    if (!window.RecobraBoot || !window.RecobraBoot.started) {
      throw new Error('Recobra is not ready yet: await recobra.ready() first');
    }
    return window.Module;
  }

  function text(pointer) {
    return app().UTF8ToString(pointer);
  }

  // Resolves once a frame showing the change has been drawn.
  function nextFrame() {
    return new Promise((resolve) => {
      RecobraHost.onFrame.push(resolve);
      RecobraHost.requestFrame(true);
    });
  }

  const SCREENS = ['dashboard', 'agenda', 'debtors', 'reports', 'settings'];

  const api = {
    ready: () => readyPromise,

    version: () => text(app()._rb_version()),

    language: () => text(app()._rb_language()),

    async setLanguage(code) {
      if (!app().ccall('rb_set_language', 'number', ['string', 'number'], [String(code), 1])) {
        throw new Error(`Unknown language '${code}': use 'es' or 'en'`);
      }
      document.documentElement.lang = code;
      await nextFrame();
    },

    async screen(name) {
      if (name === undefined) return text(app()._rb_screen());
      if (!app().ccall('rb_show_screen', 'number', ['string'], [String(name)])) {
        throw new Error(`Unknown screen '${name}'. Screens: ${SCREENS.join(', ')}`);
      }
      await nextFrame();
      return name;
    },

    frameCount: () => RecobraHost.framesDrawn,

    // How long the last frames (up to 1,000) took to build and draw, in ms, oldest first;
    // `clear` empties the record (for benchmarks: clear, act, read).
    frameTimes(clear = false) {
      const times = RecobraHost.frameTimes.slice();
      if (clear) RecobraHost.frameTimes.length = 0;
      return times;
    },

    // Shows a debtor's 360° view; resolves false when there is no such debtor.
    async openDebtor(id) {
      const ok = app().ccall('rb_open_debtor', 'number', ['string'], [String(id)]) === 1;
      await nextFrame();
      return ok;
    },

    // The rectangle, in CSS pixels of the page, where a tagged widget was drawn in the last
    // frame; null when it is not on screen. Lets scripts click the real UI. A figure's
    // widget also gives the text it shows (`text`), to compare the UI with the core.
    locate(id) {
      const found = JSON.parse(app().UTF8ToString(app().ccall('rb_locate', 'number', ['string'], [String(id)])));
      if (!found) return null;
      const d = RecobraHost.dpr || 1;
      const rect = { x: found.x / d, y: found.y / d, width: found.width / d, height: found.height / d };
      if (found.text !== undefined) rect.text = found.text;
      return rect;
    },

    // The ids of the tagged widgets the last frame drew cut, where no scrolling shows them whole.
    cutWidgets: () => JSON.parse(text(app()._rb_cut_widgets())),

    uiState: () => JSON.parse(text(app()._rb_ui_state())),

    // Runs a command through the same path as the UI's forms. Resolves once the change is
    // durable in IndexedDB ({ok: true, id, eventId}) or refused/failed ({ok: false, error,
    // code, field}). See docs/automation.md for the commands.
    dispatch(command) {
      app();
      return call((request) => RecobraBridge.callText('rb_dispatch', JSON.stringify(command), request));
    },

    // The full backup as a JSON string (the same bytes a downloaded backup holds).
    async exportBackup() {
      app();
      return RecobraBridge.exportBackupText();
    },

    // Restores ('replace') or merges ('merge') a backup given as a JSON string or a File, without
    // asking: {ok: true, added} or {ok: false, error, code, field} with nothing changed.
    async importBackup(json, mode) {
      app();
      if (mode !== 'replace' && mode !== 'merge') throw new Error(`mode must be 'replace' or 'merge', not '${mode}'`);
      // A File or Blob (a large backup, read in pieces) or the JSON text itself.
      const file = json instanceof Blob ? json : new File([json], 'backup.json', { type: 'application/json' });
      const summary = await RecobraBridge.readFileInto(file, mode === 'replace' ? 'apply-restore' : 'apply-merge');
      if (!summary.ok) {
        // A restore lets go of the loaded data before reading: it is back before the answer.
        if (RecobraBridge.reloading) await RecobraBridge.reloading;
        return { ok: false, error: summary.error, code: summary.code, field: summary.field, added: 0 };
      }
      if (file.size <= 4 << 20) return call((request) => app()._rb_import_apply(request));
      // Checking a large file against the data takes a while: say so before it starts.
      RecobraProgress.show('checking', 1);
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const result = await call((request) => app()._rb_import_apply(request));
      RecobraProgress.hide();
      return result;
    },

    // Example data (40 debtors, every stage, dated up to today) added in one write; and
    // removed again with everything recorded about those debtors. Resolve like dispatch().
    loadDemo() {
      return call((request) => app()._rb_demo(request, 1));
    },
    clearDemo() {
      return call((request) => app()._rb_demo(request, 0));
    },

    // Counts and totals: debtors, invoices, payments, interactions, promises, outstanding and
    // overdue per currency (minor units), debtors per stage, writes still in flight.
    summary: () => JSON.parse(text(app()._rb_summary())),

    // Today's agenda (docs/policy-and-agenda.md): {count, items, snoozed, today}, items sorted
    // by priority, due date, debtor, kind and key; the same JSON as `recobra agenda`.
    agenda: () => JSON.parse(text(app()._rb_agenda())),
    // What the law lets the creditor claim from a debtor today (docs/law.md): per invoice the
    // principal, interest with its rows, compensation and prescription; totals per currency;
    // the court route. The same JSON as `recobra claim FILE --debtor ID`; null for an unknown id.
    claim: (debtorId) => JSON.parse(text(app().ccall('rb_claim', 'number', ['string'], [String(debtorId)]))),
    // A debtor's payment plans and offers today (docs/plans-and-offers.md): each plan with its
    // installments' status and history, each offer with its status; the same JSON as
    // `recobra plan FILE --debtor ID`; null for an unknown id.
    plan: (debtorId) => JSON.parse(text(app().ccall('rb_plan', 'number', ['string'], [String(debtorId)]))),
    // A letter or call script for a debtor, written today from a template (docs/letters.md):
    // {template, lang, kind, to, subject, text, html, warnings}; lang defaults to the app's.
    letter: (debtorId, template, lang = '') =>
      JSON.parse(text(app().ccall('rb_letter', 'number', ['string', 'string', 'string'],
        [String(debtorId), String(template), String(lang)]))),

    // The collection KPIs (docs/kpis.md) as of a day: {asOf, from, to, by: 'assignee' |
    // 'segment', months}, every one optional (today, the month up to it, no grouping, 24).
    // The same JSON as `recobra kpis FILE`; a refused option gives {ok: false, error, code, field}.
    kpis(options = {}) {
      app();
      return RecobraBridge.callJson('rb_kpis', JSON.stringify(options));
    },

    // The package for a collection agency (docs/automation.md): the debtors chosen by `debtors`
    // (ids), else by `stages` and `minDaysOverdue`, built and zipped as the "Send to agency"
    // dialog does: {ok, error, name, files, debtors, invoices, interactions, events, bytes}.
    // `download: true` also downloads the .zip.
    agencyPackage(choice = {}) {
      app();
      return RecobraBridge.callJson('rb_agency_package', JSON.stringify(choice));
    },

    // Whether this tab writes, whether the browser granted persistent storage, usage/quota.
    storage: () => (app(), RecobraBridge.storageInfo()),

    // Offline use (web/offline.js): resolves once the service worker controls the page with
    // every file cached: {supported, controlled, version, updateReady, error}.
    offline: () => RecobraOffline.status(),

    nextFrame,

    // Resolves once the app has drawn the effect of what just happened and rests again (no
    // frame scheduled): what a test waits for after a click or a key.
    settled() {
      return new Promise((resolve) => {
        const check = () => {
          if (!RecobraHost.scheduled) resolve();
          else RecobraHost.onFrame.push(() => setTimeout(check, 0));
        };
        RecobraHost.onFrame.push(() => setTimeout(check, 0));
        RecobraHost.requestFrame(true);
      });
    },
  };

  let lastRequest = 0;
  const pendingCommands = new Map();
  // Starts a request the app answers later through RecobraApi.commandDone.
  function call(start) {
    return new Promise((resolve) => {
      const request = ++lastRequest;
      pendingCommands.set(request, resolve);
      start(request);
    });
  }
  function commandDone(request, resultJson) {
    const resolve = pendingCommands.get(request);
    pendingCommands.delete(request);
    if (resolve) resolve(JSON.parse(resultJson));
  }

  window.recobra = Object.freeze(api);
  window.RecobraApi = { resolveReady, rejectReady, commandDone };
})();
