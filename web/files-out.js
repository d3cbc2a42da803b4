'use strict';
// Files leaving the app: backups pulled out of it in chunks (never one huge string) and
// downloaded, streamed to disk through the service worker when it controls the page
// (offline.js), else built as a Blob; and the other files the app makes (the agency package).
(function () {
  const bridge = window.RecobraBridge;
  const EXPORT_CHUNK = 8 * 1024 * 1024;

  // Pulls the backup out of the app chunk by chunk. onChunk(Uint8Array) for each.
  async function exportChunks(onChunk) {
    const module = window.Module;
    const total = exportBegin(module);
    let done = 0;
    for (;;) {
      const length = module._rb_export_next(EXPORT_CHUNK);
      if (!length) break;
      const pointer = module._rb_export_data();
      onChunk(module.HEAPU8.slice(pointer, pointer + length));
      done = module._rb_export_progress();
      RecobraProgress.show('exporting', total ? done / total : 1);
      await bridge.nextTask();
    }
    RecobraProgress.hide();
  }

  // The number of events to export; throws while a restore has let go of the loaded data.
  function exportBegin(module) {
    const total = module._rb_export_begin();
    if (total < 0) throw new Error('a backup is being restored: export once it is done');
    return total;
  }

  // The same chunks, one per call, for a download streamed through the service worker.
  function exportPuller() {
    const module = window.Module;
    const total = exportBegin(module);
    return () => {
      const length = module._rb_export_next(EXPORT_CHUNK);
      if (!length) {
        RecobraProgress.hide();
        return null;
      }
      const pointer = module._rb_export_data();
      const bytes = module.HEAPU8.slice(pointer, pointer + length);
      RecobraProgress.show('exporting', total ? module._rb_export_progress() / total : 1);
      return bytes;
    };
  }

  // The file the browser downloads: recobra-backup-2026-11-23.json.
  bridge.downloadBackup = async function () {
    const name = window.Module.UTF8ToString(window.Module._rb_export_file_name());
    // Streamed to disk by the service worker when it controls the page (web/offline.js);
    // otherwise (the very first visit) built as a Blob, which Chromium caps near 500 MB.
    if (window.RecobraOffline && window.RecobraOffline.canStream()) {
      try {
        await window.RecobraOffline.streamDownload(name, 'application/json', exportPuller());
        window.Module._rb_export_finished(1);
        RecobraHost.requestFrame(false);
        return name;
      } catch (error) {
        RecobraProgress.hide();
        if (!error.beforeStart) {
          window.Module._rb_export_finished(0);
          throw error;
        }
      }
    }
    const parts = [];
    await exportChunks((bytes) => parts.push(bytes));
    downloadBlob(name, new Blob(parts, { type: 'application/json' }));
    window.Module._rb_export_finished(1);
    return name;
  };

  // The browser downloads `blob` as a file called `name`.
  function downloadBlob(name, blob) {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    RecobraHost.requestFrame(false);
  }

  // Any file the app made (the agency package's .zip), from a copy of its bytes.
  bridge.downloadBytes = function (name, mimeType, bytes) {
    downloadBlob(name, new Blob([bytes], { type: mimeType }));
  };

  // The backup as a string (window.recobra.exportBackup(); fine for ordinary sizes).
  bridge.exportBackupText = async function () {
    const decoder = new TextDecoder();
    let text = '';
    await exportChunks((bytes) => { text += decoder.decode(bytes, { stream: true }); });
    text += decoder.decode();
    window.Module._rb_export_finished(1);
    return text;
  };
})();
