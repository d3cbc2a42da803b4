'use strict';
// The page side of the app: it decides when a frame is drawn, sizes the canvas for the
// screen's pixel density, forwards typed text (dead keys, IME, paste) from a hidden
// textarea, bridges the clipboard and recovers a lost WebGL context. The C++ side reaches
// it through web/library.js.
(function () {
  const canvas = document.getElementById('canvas');
  const textInput = document.getElementById('text-input');

  const host = {
    module: null,
    framesDrawn: 0,
    scheduled: false,
    inputSinceLastFrame: false,
    contextLost: false,
    textInputActive: false,
    composing: false,
    dpr: 1,
    cursor: '',
    onFrame: [], // callbacks run after each drawn frame (boot waits for the first)
    frameTimes: [], // how long each of the last frames took to build and draw, in ms
  };

  // --- frames: drawn only after input, a data change or a timer the app asked for -------
  host.requestFrame = function (fromInput) {
    if (fromInput) host.inputSinceLastFrame = true;
    if (host.scheduled || !host.module) return;
    host.scheduled = true;
    requestAnimationFrame(tick);
  };

  function tick(now) {
    host.scheduled = false;
    if (host.contextLost || !host.module) return;
    const input = host.inputSinceLastFrame ? 1 : 0;
    host.inputSinceLastFrame = false;
    const started = performance.now();
    const more = host.module._rb_frame(input, now);
    host.frameTimes.push(performance.now() - started);
    if (host.frameTimes.length > 1000) host.frameTimes.splice(0, host.frameTimes.length - 1000);
    host.framesDrawn++;
    const callbacks = host.onFrame.splice(0);
    for (const cb of callbacks) cb();
    if (more) host.requestFrame(false);
  }

  // A frame later on (a tooltip's delay, a message that expires): drawn once, not as input.
  host.wakeAfter = function (ms) {
    setTimeout(() => host.requestFrame(false), Math.max(0, ms));
  };

  // Every kind of user input wakes the loop; GLFW (Emscripten) and the textarea below
  // deliver the input itself.
  const wakeEvents = ['pointerdown', 'pointerup', 'pointermove', 'wheel', 'keydown', 'keyup',
    'touchstart', 'touchmove', 'touchend', 'focus', 'blur', 'paste', 'drop', 'dragover'];
  for (const type of wakeEvents) {
    window.addEventListener(type, () => host.requestFrame(true), { capture: true, passive: true });
  }
  document.addEventListener('visibilitychange', () => host.requestFrame(true));

  // --- canvas size and pixel density ---------------------------------------------------
  let dprQuery = null;
  host.resize = function () {
    if (!host.module) return;
    const rect = canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(rect.width * dpr));
    const height = Math.max(1, Math.round(rect.height * dpr));
    if (canvas.width !== width || canvas.height !== height) host.module.setCanvasSize(width, height);
    if (dpr !== host.dpr) {
      host.dpr = dpr;
      host.module._rb_set_scale(dpr);
      watchDpr();
    }
    host.requestFrame(true);
  };

  function watchDpr() {
    // Fires when the window moves to a screen with another density, or on browser zoom.
    if (dprQuery) dprQuery.removeEventListener('change', host.resize);
    dprQuery = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    dprQuery.addEventListener('change', host.resize);
  }
  window.addEventListener('resize', () => host.resize());

  // --- typed text ------------------------------------------------------------------------
  // Emscripten's GLFW reads characters from keypress, which never sees dead keys or IME
  // composition. While an ImGui text field is active the hidden textarea has focus, the
  // browser composes "´ + e" into "é" there, and we forward what it commits.
  host.setTextInput = function (active, x, y, lineHeight) {
    host.textInputActive = active;
    const d = host.dpr || 1;
    textInput.style.left = `${Math.round(x / d)}px`;
    textInput.style.top = `${Math.round(y / d)}px`;
    textInput.style.height = `${Math.max(8, Math.round(lineHeight / d))}px`;
    if (active && document.activeElement !== textInput) {
      textInput.value = '';
      textInput.focus({ preventScroll: true });
    } else if (!active && document.activeElement === textInput) {
      textInput.blur();
    }
  };

  function flushText() {
    const value = textInput.value;
    if (!value) return;
    textInput.value = '';
    const text = value.replace(/[\r\n]+/g, '');
    if (text && host.module) {
      host.module.ccall('rb_text_input', null, ['string'], [text]);
      host.requestFrame(true);
    }
  }

  textInput.addEventListener('compositionstart', () => { host.composing = true; });
  textInput.addEventListener('compositionend', () => { host.composing = false; flushText(); });
  textInput.addEventListener('input', (event) => {
    if (host.composing || event.isComposing) return;
    flushText();
  });
  // Clicking the canvas moves focus away; the next frame gives it back if a field is active.
  // ImGui reports the text input only when it changes, so a click on the field that is already
  // active (one focused when a form opens) must give the focus back here.
  textInput.addEventListener('blur', () => {
    if (!host.textInputActive) return;
    setTimeout(() => {
      if (host.textInputActive && document.activeElement !== textInput) textInput.focus({ preventScroll: true });
    }, 0);
    host.requestFrame(true);
  });

  // Outside a text field a typed character still reaches the app: its one-key shortcuts read
  // "?" and "/" as characters, whatever the keyboard's layout (docs/accessibility.md).
  window.addEventListener('keydown', (event) => {
    if (host.textInputActive || event.ctrlKey || event.metaKey || event.altKey || !host.module) return;
    if (event.key && event.key.length === 1) host.module.ccall('rb_text_input', null, ['string'], [event.key]);
  });

  // --- clipboard ---------------------------------------------------------------------------
  // Emscripten's GLFW clipboard is an empty stub. Copy goes to the system clipboard here.
  // Paste arrives as the browser's `paste` event (no permission prompt): after Ctrl/Cmd+V
  // the text becomes what ImGui's own paste reads, so it replaces a selection as expected;
  // a paste from the browser's menu is typed into the field instead.
  let pasteShortcutAt = -Infinity;
  window.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key && event.key.toLowerCase() === 'v') {
      pasteShortcutAt = performance.now();
    }
  }, true);
  textInput.addEventListener('paste', (event) => {
    const text = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
    event.preventDefault();
    if (!text || !host.module) return;
    if (performance.now() - pasteShortcutAt < 1000) {
      host.module.ccall('rb_set_clipboard', null, ['string'], [text]);
    } else {
      host.module.ccall('rb_text_input', null, ['string'], [text.replace(/[\r\n]+/g, ' ')]);
    }
    host.requestFrame(true);
  });

  host.copy = function (text) {
    const fallback = () => {
      const scratch = document.createElement('textarea');
      scratch.value = text;
      scratch.style.position = 'fixed';
      scratch.style.opacity = '0';
      document.body.appendChild(scratch);
      scratch.select();
      try { document.execCommand('copy'); } catch (e) { /* nothing more to try */ }
      scratch.remove();
      if (host.textInputActive) textInput.focus({ preventScroll: true });
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).catch(fallback);
    } else {
      fallback();
    }
  };

  // Letters to print (the composer's "Print / PDF"): the document goes into a hidden frame of
  // this origin, kept so a test can read it, and only that frame prints, never the canvas.
  // A srcdoc frame inherits this page's Content-Security-Policy (style-src 'self'), which
  // refuses the document's own <style>: its rules are given as a constructed stylesheet
  // instead, which the policy does not govern.
  host.printHtml = function (html) {
    let frame = document.getElementById('print-frame');
    if (!frame) {
      frame = document.createElement('iframe');
      frame.id = 'print-frame';
      frame.title = 'print';
      frame.setAttribute('aria-hidden', 'true');
      frame.tabIndex = -1;
      document.body.appendChild(frame);
    }
    const css = [];
    frame.onload = () => {
      const win = frame.contentWindow;
      try {
        const sheet = new win.CSSStyleSheet();
        sheet.replaceSync(css.join('\n'));
        frame.contentDocument.adoptedStyleSheets = [sheet];
      } catch (e) {
        console.warn('Recobra: letter styles not applied', e);
      }
      host.printed = (host.printed || 0) + 1;
      win.focus();
      win.print();
      if (host.textInputActive) textInput.focus({ preventScroll: true });
    };
    frame.srcdoc = html.replace(/<style[^>]*>([\s\S]*?)<\/style>/gi, (all, rules) => {
      css.push(rules);
      return '';
    });
  };

  host.openUrl = function (url) {
    if (!/^mailto:/i.test(url)) return;
    const link = document.createElement('a');
    link.href = url;
    document.body.appendChild(link);
    link.click();
    link.remove();
  };

  host.setCursor = function (cursor) {
    if (cursor === host.cursor) return;
    host.cursor = cursor;
    canvas.style.cursor = cursor;
  };

  // --- a lost WebGL context (GPU reset, too many tabs) is rebuilt, not left dead ------------
  canvas.addEventListener('webglcontextlost', (event) => {
    event.preventDefault(); // tells the browser we will handle a restore
    host.contextLost = true;
    if (host.module) host.module._rb_context_lost();
  }, false);
  canvas.addEventListener('webglcontextrestored', () => {
    host.contextLost = false;
    if (host.module) host.module._rb_context_restored();
    host.requestFrame(true);
  }, false);

  host.attach = function (module) {
    host.module = module;
    host.dpr = 0; // forces _rb_set_scale on the first resize
    host.resize();
  };

  window.RecobraHost = host;
})();
