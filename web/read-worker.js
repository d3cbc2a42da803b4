'use strict';
// Reads the second part of a large backup while the page reads the first (web/files-in.js
// readFile), on the other core. It runs the page's own recobra.wasm (compiled once by the
// page and sent here) without starting the app: the part's events are decoded here
// (rb_part_*), and go back to the page a piece at a time as the image of their log
// (EventLog::Image), which the page takes in without decoding anything (rb_import_part_*) and
// checks while this reads on. When the file may be restored, the part's lines are staged as
// the page stages its own: where each block's lines lie goes to the page, which writes that
// slice of the file aside.
//
// Messages in:
//   {kind: 'read', wasm, file, start, stage, chunkBytes, pieceChunks}  the part from byte
//                                             `start` to the end, read `chunkBytes` at a time,
//                                             a piece of events sent every `pieceChunks`;
//   {kind: 'written'}                         the page has handed one block on.
// Messages out:
//   {kind: 'progress', bytes}                 bytes of the part read so far;
//   {kind: 'block', begin, end, count, first}  a block to stage: the part's bytes
//                                             [begin, end) from `start`;
//   {kind: 'piece', pieces, lines, bytes}     the events read since the last piece (the
//                                             image's pieces transferred);
//   {kind: 'done', ok: true, pieces, tail, lines, bytes, staged, memory}  (pieces transferred);
//   {kind: 'done', ok: false, why}            the part cannot be handed over as read here
//                                             (a problem in it, or no worker): the page
//                                             reads those bytes itself and says what is wrong.
// Blocks sent that the page has not handed on yet, at most. A block is a few numbers (the
// page slices the file), so this only keeps the staging's writes from falling far behind.
const BLOCKS_AHEAD = 8;
let ahead = 0;
let wake = null;

function loadModule(wasm) {
  return new Promise((resolve, reject) => {
    self.Module = {
      instantiateWasm(imports, receiveInstance) {
        WebAssembly.instantiate(wasm, imports).then((instance) => receiveInstance(instance, wasm), reject);
        return {};
      },
      onRuntimeInitialized: () => resolve(self.Module),
      onAbort: (what) => reject(new Error(String(what))),
      print: (text) => console.log(text),
      printErr: (text) => console.warn(text),
    };
    // Emscripten's glue lists the page's `document` and `window` once as it loads (its table
    // of HTML targets, used only by the app's input and canvas code, which never runs here).
    self.document = undefined;
    self.window = undefined;
    importScripts('recobra.js');
  });
}

// Copies `bytes` into wasm memory for fn(pointer, length).
function withBytes(module, bytes, fn) {
  const pointer = module._malloc(bytes.length + 1);
  try {
    module.HEAPU8.set(bytes, pointer);
    return fn(pointer, bytes.length);
  } finally {
    module._free(pointer);
  }
}

// Sends the blocks packed so far (`last`: the part is read, the partial one too).
async function sendBlocks(module, last) {
  for (;;) {
    const ready = module._rb_stage_next(last ? 1 : 0);
    if (ready <= 0) return; // none ready, or not in id order (rb_part_staged then says so)
    const block = {
      kind: 'block',
      begin: module._rb_stage_begin(),
      end: module._rb_stage_end(),
      count: module._rb_stage_count(),
      first: module.UTF8ToString(module._rb_stage_first()),
    };
    while (ahead >= BLOCKS_AHEAD) await new Promise((resolve) => { wake = resolve; });
    ++ahead;
    self.postMessage(block);
  }
}

// The image of what rb_part_take or rb_part_end made (`count` pieces), copied out of wasm memory.
function imagePieces(module, count) {
  const pieces = [];
  for (let i = 0; i < count; ++i) {
    const pointer = module._rb_part_piece(i);
    pieces.push(module.HEAPU8.slice(pointer, pointer + module._rb_part_piece_size(i)).buffer);
  }
  return pieces;
}

async function read({ wasm, file, start, stage, chunkBytes, pieceChunks }) {
  const module = await loadModule(wasm);
  withBytes(module, new TextEncoder().encode(file.name), (pointer, length) =>
    module._rb_part_begin(stage ? 1 : 0, pointer, length));
  const piece = (at) => (at < file.size ? file.slice(at, at + chunkBytes).arrayBuffer() : null);
  let at = start;
  let chunks = 0;
  let next = piece(at);
  while (at < file.size) {
    const bytes = new Uint8Array(await next);
    at += bytes.length;
    next = piece(at);
    if (!withBytes(module, bytes, (pointer, length) => module._rb_part_chunk(pointer, length))) {
      if (next) next.catch(() => {});
      return { ok: false, why: 'the part has a problem' };
    }
    self.postMessage({ kind: 'progress', bytes: at - start });
    if (stage) await sendBlocks(module, false);
    const count = ++chunks % pieceChunks === 0 ? module._rb_part_take() : 0;
    if (count) {
      const pieces = imagePieces(module, count);
      self.postMessage({ kind: 'piece', pieces, lines: module._rb_part_lines(), bytes: module._rb_part_bytes() }, pieces);
    }
  }
  if (stage) await sendBlocks(module, true);
  const count = module._rb_part_end();
  if (!count) return { ok: false, why: 'the part has a problem' };
  return {
    ok: true,
    pieces: imagePieces(module, count),
    tail: module.UTF8ToString(module._rb_part_tail()),
    lines: module._rb_part_lines(),
    bytes: module._rb_part_bytes(),
    staged: stage ? module._rb_part_staged() : 0,
    memory: module.HEAPU8.length, // this worker's wasm memory, which never shrinks: its peak
  };
}

self.onmessage = ({ data }) => {
  if (data.kind === 'written') {
    --ahead;
    if (wake) {
      const resolve = wake;
      wake = null;
      resolve();
    }
    return;
  }
  if (data.kind !== 'read') return;
  read(data).then(
    (result) => self.postMessage({ kind: 'done', ...result }, result.ok ? result.pieces : []),
    (error) => self.postMessage({ kind: 'done', ok: false, why: String((error && error.message) || error) }));
};
