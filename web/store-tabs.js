'use strict';
// The tabs of this profile: one tab writes (it holds a Web Lock); the others hand it their
// commands and hear of every committed event over a BroadcastChannel, so no tab ever
// overwrites another. What the store does with what it hears is set by bridge.js (loadData).
(function () {
  const store = window.RecobraStore;
  const LOCK_NAME = 'recobra-writer';
  const CHANNEL_NAME = 'recobra';
  const FORWARD_TIMEOUT_MS = 15000;

  // Resolves once this tab knows whether it writes now. If not, it queues for the lock and
  // becomes the writer when the current one closes (after catching up on the log).
  store.coordinate = function () {
    if ('BroadcastChannel' in window) {
      store.channel = new BroadcastChannel(CHANNEL_NAME);
      store.channel.onmessage = (event) => onMessage(event.data);
    }
    if (!navigator.locks) {
      store.writer = true; // no Web Locks: a single-tab browser
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      navigator.locks.request(LOCK_NAME, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(false);
          waitForWriterLock();
          return undefined;
        }
        store.writer = true;
        resolve(true);
        return new Promise(() => {}); // held for the life of the tab
      });
    });
  };

  function waitForWriterLock() {
    navigator.locks.request(LOCK_NAME, async () => {
      // Writing from now on, but the app only once it has caught up (takingOver until then):
      // storage().writer says so only after that, so nothing is sent in the gap.
      store.writer = true;
      store.takingOver = true;
      const loaded = !!store.onBecameWriter; // else the app is still loading, as a writer
      try {
        if (loaded) await store.onBecameWriter();
      } finally {
        store.takingOver = false;
      }
      if (loaded) RecobraSync.begin(); // team sync is this tab's now (else boot.js starts it)
      return new Promise(() => {});
    });
  }

  function onMessage(message) {
    if (!message || typeof message !== 'object') return;
    switch (message.kind) {
      case 'events':
        if (store.onRemoteEvents) store.onRemoteEvents(message.text);
        break;
      case 'reload':
        // Another tab took events out (example data): start again from storage.
        location.reload();
        break;
      case 'sync':
        RecobraSync.heard(message);
        break;
      case 'settings':
        if (store.onRemoteSettings) store.onRemoteSettings(message.json);
        break;
      case 'command':
        if (store.writer && store.onForwarded) store.onForwarded(message.from, message.request, message.command);
        break;
      case 'reply':
        if (message.to === store.tabId) {
          const timer = store.forwards.get(message.request);
          if (timer === undefined) return;
          clearTimeout(timer);
          store.forwards.delete(message.request);
          if (store.onReply) store.onReply(message.request, message.outcome);
        }
        break;
      default:
        break;
    }
  }

  // A reader tab's command goes to the writer; no answer in time fails it (the user retries).
  store.forward = function (request, command) {
    const timer = setTimeout(() => {
      store.forwards.delete(request);
      if (store.onReply) store.onReply(request, null);
    }, FORWARD_TIMEOUT_MS);
    store.forwards.set(request, timer);
    store.channel.postMessage({ kind: 'command', from: store.tabId, request, command });
  };

  store.reply = function (tab, request, outcome) {
    if (store.channel) store.channel.postMessage({ kind: 'reply', to: tab, request, outcome });
  };
})();
