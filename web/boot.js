'use strict';
// Starts Recobra: checks the browser can run it, downloads the wasm and the fonts with a
// progress bar, starts the C++ app, and shows a readable message (Spanish and English)
// when something stands in the way.
(function () {
  const canvas = document.getElementById('canvas');
  const loading = document.getElementById('loading');
  const progressBar = document.getElementById('loading-progress');
  const progressText = document.getElementById('loading-text');

  const MESSAGES = {
    noWasm: {
      es: 'Este navegador no puede ejecutar WebAssembly, que Recobra necesita. Ábrelo con una versión reciente de Firefox, Chrome, Edge o Safari.',
      en: 'This browser cannot run WebAssembly, which Recobra needs. Open it with a recent Firefox, Chrome, Edge or Safari.',
    },
    noWebGL: {
      es: 'Recobra dibuja su interfaz con WebGL 2 y este navegador no lo ofrece (quizá la aceleración gráfica está desactivada). Actívala o prueba con otro navegador.',
      en: 'Recobra draws its interface with WebGL 2 and this browser does not offer it (hardware acceleration may be turned off). Turn it on or try another browser.',
    },
    loadFailed: {
      es: 'No se pudo descargar Recobra. Comprueba la conexión y recarga la página.',
      en: 'Recobra could not be downloaded. Check the connection and reload the page.',
    },
    storage: {
      es: 'Recobra no puede abrir su almacenamiento en este navegador (IndexedDB). Si estás en una ventana privada, ábrelo en una normal; si no, revisa que el sitio pueda guardar datos.',
      en: 'Recobra cannot open its storage in this browser (IndexedDB). In a private window, open it in a normal one; otherwise check that the site may store data.',
    },
    crashed: {
      es: 'Recobra se ha detenido por un error inesperado. Lo que ya estaba guardado está a salvo: recarga la página para seguir.',
      en: 'Recobra stopped after an unexpected error. Everything already saved is safe: reload the page to continue.',
    },
  };

  const boot = { started: false, failed: false };
  window.RecobraBoot = boot;

  function showFatal(kind, detail) {
    if (boot.failed) return;
    boot.failed = true;
    const message = MESSAGES[kind] || MESSAGES.crashed;
    document.getElementById('fatal-es').textContent = message.es;
    document.getElementById('fatal-en').textContent = message.en;
    document.getElementById('fatal-detail').textContent = detail ? String(detail) : '';
    document.getElementById('fatal').hidden = false;
    loading.hidden = true;
    canvas.hidden = true;
    if (window.RecobraApi) window.RecobraApi.rejectReady(new Error(`${kind}: ${detail || message.en}`));
  }
  boot.showFatal = showFatal;

  window.addEventListener('error', (event) => {
    if (!boot.started) showFatal('crashed', event.message);
  });
  window.addEventListener('unhandledrejection', (event) => {
    if (!boot.started) showFatal('crashed', event.reason && event.reason.message ? event.reason.message : event.reason);
  });

  // --- can this browser run the app at all? -----------------------------------------------
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    showFatal('noWasm');
    return;
  }
  {
    const probe = document.createElement('canvas').getContext('webgl2');
    if (!probe) {
      showFatal('noWebGL');
      return;
    }
    const lose = probe.getExtension('WEBGL_lose_context');
    if (lose) lose.loseContext(); // release the probe's context right away
  }

  // --- language: a saved choice, else the browser's preference, else Spanish ------------------
  function chooseLanguage() {
    const fromUrl = new URLSearchParams(location.search).get('lang');
    if (fromUrl === 'es' || fromUrl === 'en') return fromUrl;
    for (const tag of navigator.languages || [navigator.language || '']) {
      const code = String(tag).toLowerCase();
      if (code.startsWith('es')) return 'es';
      if (code.startsWith('en')) return 'en';
    }
    return 'es';
  }
  boot.language = chooseLanguage();
  boot.languageFromUrl = ['es', 'en'].includes(new URLSearchParams(location.search).get('lang'));
  document.documentElement.lang = boot.language;

  // --- downloads with progress ------------------------------------------------------------------
  const ASSETS = ['recobra.wasm', 'fonts/Roboto-Regular.ttf', 'fonts/Roboto-Bold.ttf'];
  const received = new Map();
  const expected = new Map();

  function updateProgress() {
    let got = 0;
    let total = 0;
    for (const url of ASSETS) {
      got += received.get(url) || 0;
      total += expected.get(url) || 0;
    }
    const fraction = total > 0 ? Math.min(1, got / total) : 0;
    progressBar.style.width = `${Math.round(fraction * 100)}%`;
    const mb = (n) => (n / 1048576).toFixed(1);
    progressText.textContent = total > 0
      ? `Cargando… / Loading… ${mb(got)} / ${mb(total)} MB`
      : 'Cargando… / Loading…';
  }

  async function download(url) {
    const response = await fetch(url, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const length = Number(response.headers.get('content-length')) || 0;
    expected.set(url, length);
    if (!response.body || !length) {
      const buffer = await response.arrayBuffer();
      received.set(url, buffer.byteLength);
      expected.set(url, buffer.byteLength);
      updateProgress();
      return buffer;
    }
    const reader = response.body.getReader();
    const bytes = new Uint8Array(length);
    let offset = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (offset + value.length > bytes.length) throw new Error(`${url}: longer than announced`);
      bytes.set(value, offset);
      offset += value.length;
      received.set(url, offset);
      updateProgress();
    }
    return bytes.buffer.slice(0, offset);
  }

  const downloads = Promise.all(ASSETS.map(download));
  downloads.catch((error) => showFatal('loadFailed', error && error.message));

  // --- the Emscripten module ---------------------------------------------------------------------
  window.Module = {
    canvas,
    instantiateWasm(imports, receiveInstance) {
      downloads
        .then(([wasm]) => WebAssembly.instantiate(wasm, imports))
        .then(({ instance, module }) => {
          // Kept for the worker that reads part of a large backup (read-worker.js): it runs
          // this module too, without compiling it again.
          window.Module.recobraWasm = module;
          receiveInstance(instance, module);
        })
        .catch((error) => showFatal('loadFailed', error && error.message));
      return {};
    },
    onRuntimeInitialized() {
      downloads.then(start).catch((error) => showFatal('crashed', error && error.stack ? error.stack : error));
    },
    onAbort(what) {
      showFatal('crashed', what);
    },
    print(text) {
      console.log(text);
    },
    printErr(text) {
      console.warn(text);
    },
  };

  function copyIntoHeap(buffer) {
    const bytes = new Uint8Array(buffer);
    const pointer = Module._malloc(bytes.length);
    Module.HEAPU8.set(bytes, pointer);
    return pointer;
  }

  function start([, regular, bold]) {
    const rect = canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const ok = Module.ccall('rb_start', 'number',
      ['string', 'number', 'number', 'number', 'number', 'number', 'number', 'number'],
      [boot.language, Math.round(rect.width * dpr), Math.round(rect.height * dpr), dpr,
        copyIntoHeap(regular), regular.byteLength, copyIntoHeap(bold), bold.byteLength]);
    if (!ok) {
      showFatal('noWebGL');
      return;
    }
    boot.started = true;
    progressBar.style.width = '100%';
    progressText.textContent = 'Abriendo tus datos… / Opening your data…';
    RecobraBridge.loadData((count) => {
      progressText.textContent = `Cargando datos… / Loading data… ${count.toLocaleString()}`;
    }).then(() => {
      // A language in the URL wins for this visit without becoming the saved choice.
      if (boot.languageFromUrl) Module.ccall('rb_set_language', 'number', ['string', 'number'], [boot.language, 0]);
      RecobraHost.onFrame.push(() => {
        loading.hidden = true;
        window.RecobraApi.resolveReady();
      });
      RecobraHost.attach(Module);
      RecobraSync.begin();
    }).catch((error) => showFatal('storage', error && error.message ? error.message : error));
  }

  const script = document.createElement('script');
  script.src = 'recobra.js';
  script.onerror = () => showFatal('loadFailed', 'recobra.js');
  document.body.appendChild(script);
})();
