'use strict';
// A thin progress bar over the top of the page for long operations (reading a file,
// exporting, saving a restored log), in the app's language.
window.RecobraProgress = (function () {
  const WORDS = {
    reading: { es: 'Leyendo el archivo…', en: 'Reading the file…' },
    checking: { es: 'Comprobando el archivo…', en: 'Checking the file…' },
    reloading: { es: 'Volviendo a cargar tus datos…', en: 'Loading your data again…' },
    exporting: { es: 'Preparando la copia…', en: 'Preparing the backup…' },
    saving: { es: 'Guardando…', en: 'Saving…' },
  };
  let box = null;
  // What the bar shows: the page is only touched when that changes, the fill at most every
  // 100 ms (a restore reports its progress some 300 times; each change costs the page a
  // frame of style, layout and paint while it has two million events to check).
  const shown = { kind: null, lang: null, percent: -1, at: 0 };
  function element() {
    if (box) return box;
    box = document.createElement('div');
    box.id = 'progress';
    box.setAttribute('role', 'progressbar');
    box.innerHTML = '<span class="label"></span><div class="track"><div class="fill"></div></div>';
    document.body.appendChild(box);
    return box;
  }
  return {
    show(kind, fraction) {
      const el = element();
      let lang = 'es';
      try { lang = window.recobra.language(); } catch (e) { /* not started yet */ }
      const percent = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
      const now = performance.now();
      const relabel = kind !== shown.kind || lang !== shown.lang || el.hidden;
      if (relabel) {
        el.querySelector('.label').textContent = (WORDS[kind] || WORDS.saving)[lang];
        shown.kind = kind;
        shown.lang = lang;
      }
      if (percent !== shown.percent && (relabel || percent === 100 || now - shown.at >= 100)) {
        el.querySelector('.fill').style.width = `${percent}%`;
        el.setAttribute('aria-valuenow', String(percent));
        shown.percent = percent;
        shown.at = now;
      }
      if (el.hidden) el.hidden = false;
    },
    hide() {
      if (box) box.hidden = true;
    },
  };
})();
