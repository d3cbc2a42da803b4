'use strict';
// Files coming into the app: backups and CSV files picked or dropped on the window, read into
// the app's reader a few megabytes at a time (a large backup in two parts at once, the second
// by read-worker.js); a backup that may be restored is staged as it is read (store-staging.js).
(function () {
  const bridge = window.RecobraBridge;
  const READ_CHUNK = 4 * 1024 * 1024;

  // Feeds a file (or text) into the app's reader. purpose: 'merge' (the app then says what it
  // adds), 'restore-confirmed' (the dialog's restore), 'csv', 'apply-restore'/'apply-merge'
  // (automation: no question).
  bridge.reading = false;
  bridge.readFileInto = async function (file, purpose) {
    bridge.reading = true;
    try {
      return await readFile(file, purpose);
    } finally {
      bridge.reading = false;
    }
  };
  // A backup this large is read in two parts at once: the page reads (and, for a restore,
  // checks) the first while a worker (read-worker.js) reads the rest on the other core, and
  // hands its events over a piece at a time; the page takes each in without decoding it again
  // (rb_import_part_*) and checks it while the worker reads on. The page's part is small, as it
  // has all the checking to do (the share was measured: bench/README.md). Smaller files are not
  // worth starting a worker for (tests lower the size to read small files in two parts).
  bridge.splitAtLeast = 32 * 1024 * 1024;
  bridge.splitFraction = 0.10;
  // The worker reads 16 MB of the file at a time (each read of a slice has a cost beside its
  // bytes: bench/README.md), and hands its events over after each (some 45,000 events), for the
  // page to check while it reads on. The page reads 4 MB at a time: each is decoded on its
  // thread. (Tests make both small.)
  bridge.partChunkBytes = 16 * 1024 * 1024;
  bridge.partPieceChunks = 1;
  // How the last backup was read (tests, benchmark): {split, part ('taken' or why not), pieces
  // taken in before the last, partMemory (the worker's wasm memory), when each part was read}.
  bridge.lastRead = null;

  // Where the worker's part starts (the start of a line past splitFraction), or 0 to read whole.
  async function splitPoint(file) {
    if (file.size < bridge.splitAtLeast || typeof Worker !== 'function' || !window.Module.recobraWasm) return 0;
    try {
      const middle = Math.floor(file.size * bridge.splitFraction);
      const around = new Uint8Array(await file.slice(middle, Math.min(file.size, middle + 1024 * 1024)).arrayBuffer());
      const newline = around.indexOf(10);
      return newline < 0 || middle + newline + 1 >= file.size ? 0 : middle + newline + 1;
    } catch (error) {
      return 0; // the file cannot be read: reading it whole says so
    }
  }

  // Starts a worker reading `file` from `start` on; its blocks to stage go to staging().
  // part.next(): the worker's next piece of events, or its answer once done ('piece' or
  // 'done' of read-worker.js; a worker that fails answers {kind: 'done', ok: false}).
  function readPart(file, start, staging, progress) {
    const part = { worker: null, read: 0, sent: 0, queue: [], waiting: null };
    const arrive = (message) => {
      if (message.kind === 'done') part.doneAt = performance.now();
      part.queue.push(message);
      if (part.waiting) {
        const resolve = part.waiting;
        part.waiting = null;
        resolve();
      }
    };
    part.next = async () => {
      while (!part.queue.length) await new Promise((resolve) => { part.waiting = resolve; });
      return part.queue.shift();
    };
    try {
      part.worker = new Worker('read-worker.js');
    } catch (error) {
      arrive({ kind: 'done', ok: false, why: String(error) });
      return part;
    }
    part.worker.onmessage = ({ data }) => {
      if (data.kind === 'progress') {
        part.read = data.bytes;
        progress();
      } else if (data.kind === 'block') {
        ++part.sent;
        const staged = staging();
        const block = { blob: file.slice(start + data.begin, start + data.end), count: data.count, first: data.first };
        const written = staged ? RecobraStore.stageWrite(staged, block) : Promise.resolve();
        written.finally(() => part.worker && part.worker.postMessage({ kind: 'written' }));
      } else {
        arrive(data);
      }
    };
    part.worker.onerror = (event) => {
      event.preventDefault();
      arrive({ kind: 'done', ok: false, why: event.message || 'the worker failed' });
    };
    part.worker.postMessage({ kind: 'read', wasm: window.Module.recobraWasm, file, start, stage: !!staging(),
      chunkBytes: bridge.partChunkBytes, pieceChunks: bridge.partPieceChunks });
    part.stop = () => {
      if (part.worker) part.worker.terminate();
      part.worker = null;
    };
    return part;
  }

  // Hands a piece of the worker's part to the app's reader: true if it took it (else nothing
  // changed).
  function takePiece(message) {
    const module = window.Module;
    const pieces = bridge.withBytes(message.pieces[0], (pointer, length) => module._rb_import_part_begin(pointer, length));
    if (pieces !== message.pieces.length) return false;
    for (let k = 1; k < pieces; ++k) {
      const bytes = new Uint8Array(message.pieces[k]);
      const pointer = module._rb_import_part_buffer(bytes.length);
      if (!pointer) return false;
      module.HEAPU8.set(bytes, pointer);
      if (!module._rb_import_part_piece_done()) return false;
    }
    const last = message.kind === 'done' ? 1 : 0;
    return bridge.callText('rb_import_part_end', message.tail || '', last, message.lines, message.bytes, message.staged || 0) === 1;
  }

  // Takes in the worker's part a piece at a time, checking each (for a restore) until the next
  // comes. Returns how it went ('taken', or why not) and the bytes of the part taken in.
  async function takePart(part) {
    const module = window.Module;
    let adopted = 0;
    bridge.lastRead.pieces = 0;
    for (;;) {
      // What was read or taken in is checked until the next piece comes.
      while (!part.queue.length && module._rb_import_check_step()) await bridge.nextTask();
      const message = await part.next();
      if (message.kind === 'done' && !message.ok) return { outcome: 'failed: ' + message.why, adopted };
      if (!takePiece(message)) return { outcome: 'refused', adopted };
      if (message.kind === 'done') return { outcome: 'taken', adopted: adopted + message.bytes, message };
      adopted += message.bytes;
      ++bridge.lastRead.pieces;
    }
  }

  async function readFile(file, purpose) {
    const module = window.Module;
    bridge.callText('rb_import_begin', file.name, purposeCode(purpose), file.size);
    // A file that may be restored is written aside while it is read (store-staging.js stageBegin).
    const token = module._rb_stage_token();
    let staging = token ? await RecobraStore.stageBegin(token) : null;
    const dropStaging = () => {
      if (staging) RecobraStore.stageDrop(staging);
      staging = null;
    };
    // Each block staged is a slice of the file itself: IndexedDB copies it from the disk
    // without this page copying a byte.
    const stage = async (last) => {
      while (staging) {
        const ready = module._rb_stage_next(last ? 1 : 0);
        if (ready < 0) dropStaging(); // not in id order: the restore will write the log itself
        if (ready <= 0) return;
        await RecobraStore.stageWrite(staging, {
          blob: file.slice(module._rb_stage_begin(), module._rb_stage_end()),
          count: module._rb_stage_count(),
          first: module.UTF8ToString(module._rb_stage_first()),
        });
      }
    };
    const split = purpose === 'csv' ? 0 : await splitPoint(file);
    let offset = 0;
    const progress = () => RecobraProgress.show('reading', (offset + (part ? part.read : 0)) / file.size);
    const part = split ? readPart(file, split, () => staging, progress) : null;
    // A restore checks the first part as it reads it, then the worker's pieces as they come.
    if (part) module._rb_import_check_while_reading();
    bridge.lastRead = { split, part: null };
    let more = 1;
    let next = null;
    // Feeds the file's bytes up to `end`; the next piece is read from disk while this one is decoded.
    const feed = async (end) => {
      const piece = (at) => (at < end ? file.slice(at, Math.min(end, at + READ_CHUNK)).arrayBuffer() : null);
      next = piece(offset);
      while (offset < end) {
        const bytes = new Uint8Array(await next);
        offset += bytes.length;
        next = piece(offset);
        more = bridge.withBytes(bytes, (pointer, length) => module._rb_import_chunk(pointer, length));
        progress();
        if (!more) break;
        await stage(false);
        await bridge.nextTask();
      }
    };
    const began = performance.now();
    try {
      await feed(split || file.size);
      bridge.lastRead.firstPartMs = Math.round(performance.now() - began);
      if (more && part) {
        const { outcome, adopted, message } = await takePart(part);
        part.stop();
        bridge.lastRead.secondPartMs = part.doneAt ? Math.round(part.doneAt - began) : null;
        bridge.lastRead.takenMs = Math.round(performance.now() - began);
        bridge.lastRead.part = outcome;
        if (outcome === 'taken') {
          bridge.lastRead.partMemory = message.memory;
          offset = file.size;
          if (message.staged < 0) dropStaging(); // the worker could not stage its part
        } else {
          // The rest is read here, from the end of what was taken in: the blocks the worker
          // staged would not match these.
          if (part.sent) dropStaging();
          part.read = 0;
          offset = split + adopted;
          await feed(file.size);
        }
      }
      if (more) await stage(true);
    } catch (error) {
      // The file changed or went away on disk: what was read goes (and a restore that let go
      // of the loaded data loads it again). Told as any refused file.
      console.warn('Recobra: file not read', error);
      if (next) next.catch(() => {});
      if (part) part.stop();
      dropStaging();
      RecobraProgress.hide();
      RecobraHost.requestFrame(true);
      const why = String((error && (error.name || error.message)) || error);
      return JSON.parse(module.UTF8ToString(bridge.callText('rb_import_abort', why)));
    }
    if (part) part.stop();
    if (staging) {
      if (more) RecobraStore.stageEnd(staging);
      else dropStaging();
    }
    // Checking every event of a large file takes a moment: say so, and let that be drawn first.
    if (file.size > READ_CHUNK) {
      RecobraProgress.show('checking', 1);
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
    const summary = JSON.parse(module.UTF8ToString(module._rb_import_end()));
    if (staging && !summary.staged) dropStaging(); // refused, or not all in order
    RecobraProgress.hide();
    RecobraHost.requestFrame(true);
    return summary;
  }

  // What a file is read for: the values of FilePurpose (src/ui/host.hpp), by name.
  bridge.purposes = { restore: 0, merge: 1, ask: 2, 'apply-restore': 3, 'apply-merge': 4, csv: 5, 'restore-confirmed': 6 };
  bridge.purposeName = (code) => Object.keys(bridge.purposes).find((name) => bridge.purposes[name] === code) ?? 'ask';
  function purposeCode(purpose) {
    return bridge.purposes[purpose] ?? bridge.purposes.ask;
  }

  // A backup to restore (or dropped: restore or merge) is offered to the app unread; the app
  // asks, then has it read (readOffered) or forgets it.
  bridge.offered = null;
  function offer(file, purpose) {
    bridge.offered = file;
    bridge.callText('rb_file_offered', file.name, purposeCode(purpose), file.size, file.lastModified || 0);
    RecobraHost.requestFrame(true);
  }
  bridge.readOffered = function (purpose) {
    const file = bridge.offered;
    bridge.offered = null;
    if (file) bridge.readFileInto(file, purpose).catch((e) => console.warn('Recobra: file not read', e));
  };
  // A file picked (or dropped): a backup to restore or one dropped is offered first; a file to
  // merge or a CSV is read at once (the app then says what it holds).
  function fileChosen(file, purpose) {
    if (bridge.reading) return; // one file at a time: another is being read in
    if (purpose === 'restore' || purpose === 'ask') offer(file, purpose);
    else bridge.readFileInto(file, purpose).catch((e) => console.warn('Recobra: file not read', e));
  }

  // A hidden file input for the app's "choose a file" buttons.
  const picker = document.createElement('input');
  picker.type = 'file';
  picker.hidden = true;
  document.body.appendChild(picker);
  bridge.pickFile = function (purpose) {
    picker.accept = purpose === 'csv' ? '.csv,text/csv,text/plain' : '.json,application/json';
    picker.value = '';
    picker.onchange = () => {
      const file = picker.files && picker.files[0];
      if (file) fileChosen(file, purpose);
    };
    picker.click();
  };

  // Dropping a file on the window: a backup (the app asks restore or merge) or a CSV.
  window.addEventListener('dragover', (event) => {
    if (event.dataTransfer && [...event.dataTransfer.types].includes('Files')) event.preventDefault();
  });
  window.addEventListener('drop', (event) => {
    const file = event.dataTransfer && event.dataTransfer.files && event.dataTransfer.files[0];
    if (!file || !window.RecobraBoot || !window.RecobraBoot.started) return;
    event.preventDefault();
    const csv = /\.(csv|txt)$/i.test(file.name);
    fileChosen(file, csv ? 'csv' : 'ask');
  });
})();
