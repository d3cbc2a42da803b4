'use strict';
// Team sync through Apache CouchDB (docs/sync.md), CouchDB's replication protocol both ways
// between this profile's log and the team's database, one event a document:
//
//   up    the app's events after the push checkpoint (rb_sync_outgoing: stored ones only),
//         _revs_diff, then _bulk_docs with new_edits: false for what the server lacks;
//   down  _changes after the pull checkpoint, the ids this device lacks (rb_sync_missing),
//         _bulk_get, then the app checks each event as a merge would and stores the good
//         ones (rb_sync_pull); a refused one is named in Settings and the rest go on.
//
// Both checkpoints move only once a batch is safe (on the server, or in IndexedDB), and are
// kept here (localStorage) and in the database's _local/recobra-<id> document: when the two
// disagree the sync starts over from nothing, which only costs time (what both sides have is
// skipped). Caught up, it waits on a longpoll _changes, cut short by any change made here.
// On a network error it retries, waiting twice as long each time up to a minute. Only the tab
// that writes syncs (store-tabs.js); the other tabs hear of pulled events as of any other, show
// the state the writer tells them and hand it their Settings actions. A tab that takes over
// from a closed writer goes on from the settings and checkpoints the writer left.
//
// The page's Content-Security-Policy lets it reach its own origin and, once one is configured,
// that server alone: the policy in shell.html allows https (and http on loopback), and the
// first thing this file does is add a policy naming the server (policies only ever narrow).
// Connecting to another server saves it and reloads the page; the password crosses that
// reload in sessionStorage (this tab only) and is removed as soon as it is read. It is never
// kept: CouchDB's session cookie signs the requests in.
(function () {
  const KEY = 'recobra.sync';          // localStorage: {url, db, user, paused, id, pull, push, prev}
  const PASSWORD = 'recobra.sync.pw';  // sessionStorage, across one reload only
  const BATCH = 1000;
  const LONGPOLL_MS = 25000;
  const RETRY_MS = 1000;
  const RETRY_MAX_MS = 60000;

  const load = () => { try { return JSON.parse(localStorage.getItem(KEY)); } catch (e) { return null; } };
  const serverOrigin = (url) => { try { return new URL(url).origin; } catch (e) { return ''; } };
  let config = load();
  const allowed = config ? serverOrigin(config.url) : '';

  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = `connect-src 'self'${allowed ? ' ' + allowed : ''}`;
  document.head.appendChild(meta);

  const sync = {
    state: 'off',    // off, connecting, syncing, connected, offline, paused, signed_out, error
    error: '',       // unreachable, credentials, member, missing, server, url
    detail: '',
    last: 0,         // when it was last caught up (ms)
    up: 0,           // events here the server may lack
    down: 0,         // changes on the server not yet read (when the server says)
    offered: 0,      // documents offered (_revs_diff), sent and received since the page opened
    sent: 0,
    received: 0,
    refusedUp: [],   // [id, reason] the server refused
    refusedDown: [], // what the app refused, described (Settings shows them too)
  };
  let running = false;
  let loop = null;
  let waiter = null;           // the longpoll's AbortController
  let checkpointRev = null;
  let lastRequest = 0;
  const pulls = new Map();

  const base = () => `${config.url.replace(/\/+$/, '')}/${encodeURIComponent(config.db)}`;
  const save = () => { try { localStorage.setItem(KEY, JSON.stringify(config)); } catch (e) { /* private mode */ } };

  // To the other tabs of this profile (store-tabs.js hands their answers to sync.heard).
  const tabs = (message) => RecobraStore.channel && RecobraStore.channel.postMessage({ kind: 'sync', ...message });
  const show = (json) => window.Module && Module._rb_sync_status && RecobraBridge.callText('rb_sync_status', json);

  // The state, to this tab's Settings and (the writer's) to the others'.
  function status() {
    const json = JSON.stringify({
      state: sync.state, error: sync.error, detail: sync.detail, last: sync.last, up: sync.up, down: sync.down,
      url: config ? config.url : '', db: config ? config.db : '', user: config ? config.user : '',
      refusedUp: sync.refusedUp.slice(-3),
    });
    if (RecobraStore.writer) tabs({ json });
    show(json);
  }

  // Another tab spoke: a reader shows the writer's state; the writer runs a reader's action
  // (its Settings' buttons) and tells a tab that asks how things are.
  sync.heard = function (message) {
    if (!RecobraStore.writer) {
      if (message.json) show(message.json);
    } else if (message.act) {
      sync.act(message.act);
    } else if (message.ask) {
      status();
    }
  };

  function failure(kind, detail) {
    const error = new Error(`${kind}: ${detail || ''}`);
    error.kind = kind;
    error.detail = detail || '';
    return error;
  }

  // One request to the server, signed in by its cookie; an answer other than 2xx is a failure
  // of the kind the user is told (404 is an answer when `absent` says what it means).
  async function call(path, { method, body, signal, absent, root } = {}) {
    let response;
    try {
      response = await fetch((root ? config.url.replace(/\/+$/, '') : base()) + path, {
        method: method || (body ? 'POST' : 'GET'),
        credentials: 'include',
        headers: body ? { 'Content-Type': 'application/json', Accept: 'application/json' } : { Accept: 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
        signal,
      });
    } catch (error) {
      if (signal && signal.aborted) throw failure('aborted');
      throw failure('unreachable', serverOrigin(config.url));
    }
    const answer = await response.json().catch(() => ({}));
    if (response.ok) return answer;
    if (response.status === 404 && absent !== undefined) return absent;
    if (response.status === 401) throw failure(path === '/_session' ? 'credentials' : 'session');
    if (response.status === 403) throw failure('member', config.db);
    if (response.status === 404 && !path.startsWith('/_local/')) throw failure('missing', config.db);
    throw failure('server', `${response.status} ${answer.reason || answer.error || response.statusText}`);
  }

  // Saved here first, then on the server; `prev` here is what the server held before, so that
  // a page closed between the two still finds a checkpoint both sides know.
  let saved = null;
  async function checkpoint() {
    config.prev = saved;
    save();
    const doc = { pull: config.pull, push: config.push, at: Date.now() };
    if (checkpointRev) doc._rev = checkpointRev;
    checkpointRev = (await call(`/_local/recobra-${config.id}`, { method: 'PUT', body: doc })).rev;
    saved = { pull: config.pull, push: config.push };
  }

  // The checkpoint both sides agree on, or none (the sync starts over: what both sides have is
  // skipped, nothing is lost).
  async function resume() {
    const remote = await call(`/_local/recobra-${config.id}`, { absent: null });
    checkpointRev = remote ? remote._rev : null;
    const same = (a, b) => !!a && !!b && a.pull === b.pull && a.push === b.push;
    if (!same(remote, config) && !same(remote, config.prev)) {
      config.pull = 0;
      config.push = '';
    } else {
      config.pull = remote.pull;
      config.push = remote.push;
    }
    saved = remote ? { pull: config.pull, push: config.push } : null;
  }

  async function push() {
    for (;;) {
      const out = JSON.parse(Module.UTF8ToString(RecobraBridge.callText('rb_sync_outgoing', config.push || '', BATCH)));
      sync.up = out.waiting;
      if (!out.last) return; // (a batch of example data only holds no documents: passed over)
      sync.offered += out.count;
      sync.state = 'syncing';
      status();
      const revs = {};
      for (const doc of out.docs) revs[doc._id] = [doc._rev];
      const diff = out.count ? await call('/_revs_diff', { body: revs }) : {};
      const missing = out.docs.filter((doc) => diff[doc._id]);
      if (missing.length) {
        const results = await call('/_bulk_docs', { body: { new_edits: false, docs: missing } });
        // The server's design document refuses what is not an event (it should never see one
        // from here): said in Settings, the rest goes on.
        for (const r of Array.isArray(results) ? results : []) {
          if (r.error) sync.refusedUp.push([r.id, r.reason || r.error]);
        }
        sync.sent += missing.length;
      }
      config.push = out.last;
      await checkpoint();
    }
  }

  // Hands documents to the app; resolves once the events it added are stored.
  function store(lines) {
    return new Promise((resolve, reject) => {
      const request = ++lastRequest;
      pulls.set(request, { resolve, reject });
      const source = `${serverOrigin(config.url)}/${config.db}`;
      const refused = Module.UTF8ToString(RecobraBridge.callText('rb_sync_pull', `${source}\n${lines.join('\n')}`, request)).split('\n').filter(Boolean);
      sync.refusedDown = sync.refusedDown.concat(refused).slice(-3);
    });
  }
  sync.pulled = function (request, ok, error) {
    const pull = pulls.get(request);
    pulls.delete(request);
    if (pull) ok ? pull.resolve() : pull.reject(failure('store', error));
  };

  // One batch of changes; `wait`: a longpoll, answered when the server has something. True
  // when there is more to read at once.
  async function pull(wait) {
    let query = `/_changes?since=${encodeURIComponent(config.pull || 0)}&limit=${BATCH}`;
    let timer = 0;
    if (wait) {
      waiter = new AbortController();
      query += `&feed=longpoll&timeout=${LONGPOLL_MS}`;
      // A server that never answers (a network gone quiet) is asked again.
      timer = setTimeout(() => waiter && waiter.abort(), LONGPOLL_MS + 5000);
    }
    let changes;
    try {
      changes = await call(query, { signal: waiter ? waiter.signal : undefined });
    } finally {
      clearTimeout(timer);
      waiter = null;
    }
    const ids = changes.results.map((r) => r.id).filter((id) => !id.startsWith('_design/'));
    sync.down = typeof changes.pending === 'number' ? changes.pending : 0;
    if (ids.length) {
      const missing = Module.UTF8ToString(RecobraBridge.callText('rb_sync_missing', ids.join('\n'))).split('\n').filter(Boolean);
      if (missing.length) {
        sync.state = 'syncing';
        status();
        const got = await call('/_bulk_get?revs=false', { body: { docs: missing.map((id) => ({ id })) } });
        const lines = [];
        for (const result of got.results) {
          for (const doc of result.docs) if (doc.ok) lines.push(JSON.stringify(doc.ok));
        }
        await store(lines);
        sync.received += lines.length;
      }
    }
    if (changes.last_seq !== config.pull) {
      config.pull = changes.last_seq;
      await checkpoint();
    }
    return changes.results.length >= BATCH;
  }

  async function run() {
    let retry = RETRY_MS;
    let resumed = false;
    while (running) {
      try {
        if (!resumed) {
          await resume();
          resumed = true;
        }
        await push();
        if (await pull(false)) continue;
        await push(); // what was written here meanwhile
        sync.state = 'connected';
        sync.error = '';
        sync.last = Date.now();
        retry = RETRY_MS;
        status();
        await pull(true);
      } catch (error) {
        if (!running) break;
        if (error.kind === 'aborted') continue; // a change here: send it
        if (['unreachable', 'server', 'store'].includes(error.kind)) {
          sync.state = 'offline';
          sync.error = error.kind;
          sync.detail = error.detail;
          status();
          // The browser back online (a laptop opened again) ends the wait at once.
          await new Promise((resolve) => {
            const timer = setTimeout(resolve, retry);
            window.addEventListener('online', () => { clearTimeout(timer); resolve(); }, { once: true });
          });
          retry = Math.min(retry * 2, RETRY_MAX_MS);
          continue;
        }
        running = false;
        sync.state = error.kind === 'session' ? 'signed_out' : 'error';
        sync.error = error.kind;
        sync.detail = error.detail;
      }
    }
    if (sync.state !== 'signed_out' && sync.state !== 'error') sync.state = config ? 'paused' : 'off';
    status();
  }

  function start() {
    if (!config || config.paused || running || !RecobraStore.writer || RecobraStore.takingOver) return;
    running = true;
    sync.state = 'connecting';
    status();
    loop = run().catch((error) => {
      running = false;
      sync.state = 'error';
      sync.error = error.kind || 'server';
      sync.detail = error.detail || String(error);
      status();
    });
  }

  async function stop() {
    running = false;
    if (waiter) waiter.abort();
    if (loop) await loop;
    loop = null;
  }

  // A change was stored here: cut the wait short so that it goes up now.
  sync.kick = function () {
    if (waiter) waiter.abort();
  };
  // The log was replaced (a restore or merge): everything is offered to the server again
  // (_revs_diff skips what it has).
  sync.logReplaced = function () {
    if (!config) return;
    config.push = '';
    save();
    sync.kick();
  };

  async function connect({ url, db, user, password }) {
    const local = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/i.test(url);
    if (!/^https:\/\/[^/]/i.test(url) && !local) {
      sync.state = 'error';
      sync.error = 'url';
      return status();
    }
    await stop();
    const sameServer = config && serverOrigin(config.url) === serverOrigin(url);
    config = { url, db, user, paused: false, id: Math.random().toString(36).slice(2, 10), pull: 0, push: '' };
    save();
    if (!sameServer) {
      // This page may reach the old server only: the new one is allowed after a reload.
      try { sessionStorage.setItem(PASSWORD, password); } catch (e) { /* not kept: asked again */ }
      location.reload();
      return;
    }
    await signIn(password);
  }

  async function signIn(password) {
    sync.state = 'connecting';
    sync.error = '';
    status();
    try {
      await call('/_session', { root: true, body: { name: config.user, password } });
      // Signed in, yet refused the database: not one of its members (CouchDB answers 403,
      // some servers 401).
      await call('').catch((error) => { throw error.kind === 'session' ? failure('member', config.db) : error; });
      start();
    } catch (error) {
      sync.state = 'error';
      sync.error = error.kind;
      sync.detail = error.detail;
      status();
    }
  }

  sync.act = async function (action) {
    if (!RecobraStore.writer) return tabs({ act: action });
    if (action.connect) return connect(action.connect);
    if (!config) return;
    if ('pause' in action) {
      config.paused = !!action.pause;
      save();
      if (config.paused) await stop();
      else start();
    } else if (action.disconnect) {
      await stop();
      call('/_session', { root: true, method: 'DELETE' }).catch(() => {});
      config = null;
      try { localStorage.removeItem(KEY); } catch (e) { /* private mode */ }
      sync.state = 'off';
      status();
    }
  };

  // The app has loaded, or this tab took over from a closed writer: sign in with a password
  // handed over a reload, else go on with the session the server's cookie keeps, from the
  // settings and checkpoints as the last writer left them (a server other than the one this
  // page's policy allows needs a reload). A reader asks the writer how things are.
  sync.begin = function () {
    // Taken at once, whatever follows: a tab that reloaded to connect and found another tab
    // writing keeps no password (it signs in again from Settings).
    let password = null;
    try {
      password = sessionStorage.getItem(PASSWORD);
      sessionStorage.removeItem(PASSWORD);
    } catch (e) { password = null; }
    if (!RecobraStore.writer) return tabs({ ask: true });
    config = load();
    if (config && serverOrigin(config.url) !== allowed) return location.reload();
    status();
    if (config && password !== null) signIn(password);
    else start();
  };

  sync.status = () => JSON.parse(JSON.stringify({ ...sync, config }));

  window.RecobraSync = sync;
})();
