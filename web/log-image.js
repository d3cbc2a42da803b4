'use strict';
// The image of the log as the app holds it in memory (EventLog::Image) and of the state
// folded from it, kept in IndexedDB (store-image.js): installed at a start (bridge.js
// readStored) instead of decoding the JSON and folding it, and taken a while after a start or
// a replacement that read or wrote many events.
(function () {
  const bridge = window.RecobraBridge;
  const withBytes = bridge.withBytes;
  // How many events read as JSON at a start (or written by a restore or merge) make it worth
  // keeping an image of the log for the next start: below that, the JSON reads quickly.
  // `?image-after=N` changes it (tests use 0).
  const imageParam = new URLSearchParams(location.search).get('image-after');
  bridge.imageAfter = imageParam !== null && imageParam !== '' ? Number(imageParam) : 20000;
  const IMAGE_DELAY_MS = 2000;    // after a start or a replacement, before the image is taken
  bridge.imageWrites = 0;

  // Installs the stored image (plan from store.imagePlan()) piece by piece, the log's then the
  // state's: 0 when it is not one this build can use (nothing has changed then), 1 when the
  // log is installed (its state still to fold), 2 when the state is too.
  async function installImage(plan, deviceId, writer, progress, timed) {
    const module = window.Module;
    const all = plan.pieces + plan.statePieces;
    let done = 0;
    let ok = false;
    try {
      // The two parts are read side by side: one's pieces are installed while the other's
      // are being read.
      const log = RecobraStore.readImage(0, plan.pieces, async (index, bytes) => {
        const view = new Uint8Array(bytes);
        let fits = false;
        timed(() => {
          if (index === 0) {
            fits = withBytes(view, (pointer, length) => module._rb_image_begin(pointer, length)) === plan.pieces;
            return;
          }
          const pointer = module._rb_image_buffer(view.length);
          if (!pointer) return;
          module.HEAPU8.set(view, pointer);
          fits = module._rb_image_piece_done() === 1;
        });
        if (++done % 32 === 0) progress(Math.round(plan.events * done / all));
        return fits;
      });
      // A state image that does not fit leaves the log's: the log is folded instead.
      timed(() => module._rb_state_begin(plan.events));
      const state = RecobraStore.readImage(1, plan.statePieces, async (index, bytes) => {
        let fits = false;
        timed(() => { fits = withBytes(bytes, (pointer, length) => module._rb_state_add(pointer, length)) === 1; });
        if (++done % 32 === 0) progress(Math.round(plan.events * done / all));
        return fits;
      });
      state.catch(() => {});
      ok = await log;
      await state;
    } catch (error) {
      console.warn('Recobra: image of the log not read', error);
    }
    let installed = 0;
    timed(() => { installed = module._rb_image_install(deviceId >>> 0, writer ? 1 : 0); });
    if (ok && !installed) console.warn('Recobra: the image of the log was refused; reading the log itself');
    return ok ? installed : 0;
  }
  bridge.installImage = installImage;

  // Writes an image of the log and its state as the app holds them, when no write is in
  // flight and nothing changes while the state is written out; else it tries again later,
  // waiting twice as long each time (up to a minute) while the user keeps working.
  let imageTimer = 0;
  let imageRetryMs = IMAGE_DELAY_MS;
  bridge.scheduleImage = function (retry = false) {
    imageRetryMs = retry ? Math.min(imageRetryMs * 2, 60000) : IMAGE_DELAY_MS;
    clearTimeout(imageTimer);
    imageTimer = setTimeout(() => bridge.writeImage().catch((error) => {
      console.warn('Recobra: image of the log not kept', error);
    }), imageRetryMs);
  };
  bridge.writeImage = async function () {
    const module = window.Module;
    const store = RecobraStore;
    if (!store.writer) return false;
    let busy = false;
    try {
      const written = await store.writeImage(() => {
        const pieces = module._rb_image_take();
        busy = pieces < 0;
        if (pieces <= 0) return null;
        return {
          pieces,
          events: module._rb_image_events(),
          bytes: module._rb_image_bytes(),
          lastId: module.UTF8ToString(module._rb_image_last_id()),
          statePiece: () => {
            const length = module._rb_state_piece();
            if (length < 0) {
              busy = true; // changed meanwhile: another try later
              throw new Error('the state changed while its image was written');
            }
            if (length === 0) return null;
            const pointer = module._rb_state_piece_data();
            return module.HEAPU8.slice(pointer, pointer + length).buffer;
          },
          logPiece: (i) => {
            if (!module._rb_image_events()) return null; // given up: a file is coming in
            const pointer = module._rb_image_piece(i);
            return module.HEAPU8.slice(pointer, pointer + module._rb_image_piece_size(i)).buffer;
          },
        };
      });
      if (written) bridge.imageWrites++;
      return written;
    } finally {
      module._rb_image_release();
      if (busy) bridge.scheduleImage(true);
    }
  };
})();
