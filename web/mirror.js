'use strict';
// The screen-reader mirror (docs/accessibility.md). The app draws into a canvas, which a screen
// reader cannot read; after each frame that changed what it shows, src/ui/mirror.cpp sends the
// difference here and this keeps an off-screen copy of it in the DOM, with ARIA roles, names
// and states. Only what changed is touched. The copy's focus follows Dear ImGui's keyboard
// focus; moving the focus in the copy (a screen reader's cursor, a script), or clicking a
// control of it (a screen reader's activation), moves or presses the same widget in the app.
//
// Each line is one change: "+key parent role state number error name value" (tab-separated)
// creates or updates a node, "-key" removes one, "=parent keys" orders a node's children,
// "!key" is the keyboard focus, "@p text" / "@a text" a message to announce (polite / urgent),
// "X" the mirror switched off. Keys are base 36.
(function () {
  // src/ui/mirror.cpp's one-letter roles.
  const ROLES = {
    t: '', h: 'heading', b: 'button', c: 'checkbox', r: 'radio', x: 'combobox', e: 'textbox',
    a: 'tab', B: 'tablist', o: 'option', O: 'listbox', T: 'table', R: 'row', C: 'cell',
    H: 'columnheader', L: 'list', I: 'listitem', g: '', D: 'dialog', A: 'alert',
    P: 'progressbar', M: 'main',
  };
  const CONTROLS = 'bcrxeao';
  const CHECKED = 1, CURRENT = 2, EXPANDED = 4, INVALID = 8, DISABLED = 16;
  const KEY = 'recobra-mirror';

  const root = document.createElement('div');
  root.id = 'mirror';
  const polite = document.createElement('div');
  polite.setAttribute('role', 'status');
  const urgent = document.createElement('div');
  urgent.setAttribute('role', 'alert');
  const nodes = new Map([['0', root]]);
  let focusKey = '0';

  const mirror = { root, nodes };

  function attr(el, name, value) {
    if (value === null || value === undefined || value === '') el.removeAttribute(name);
    else if (el.getAttribute(name) !== String(value)) el.setAttribute(name, value);
  }

  function upsert(f) {
    const [key, , role, stateText, numberText, error, name, value] = f;
    let el = nodes.get(key);
    if (!el || el.dataset.r !== role) {
      const fresh = document.createElement(role === 't' || role === 'g' ? 'span' : 'div');
      fresh.dataset.k = key;
      fresh.dataset.r = role;
      fresh.id = 'm' + key;
      if (ROLES[role]) fresh.setAttribute('role', ROLES[role]);
      if (CONTROLS.includes(role)) fresh.tabIndex = -1;
      if (el) { el.replaceWith(fresh); while (el.firstChild) fresh.appendChild(el.firstChild); }
      nodes.set(key, el = fresh);
    }
    const state = Number(stateText), number = Number(numberText);
    const control = CONTROLS.includes(role);
    // Names: a control's from aria-label, its value as its text; the rest read their text.
    if (control || 'DP'.includes(role)) attr(el, 'aria-label', name);
    const text = control ? value : 'thA'.includes(role) ? name : null;
    if (text !== null && text !== undefined && ownText(el) !== text) setOwnText(el, text);
    if (role === 'c' || role === 'r') attr(el, 'aria-checked', state & CHECKED ? 'true' : 'false');
    if (role === 'x') attr(el, 'aria-expanded', state & EXPANDED ? 'true' : 'false');
    if (role === 'a' || role === 'o') attr(el, 'aria-selected', state & CURRENT ? 'true' : 'false');
    if (role === 'b') attr(el, 'aria-current', state & CURRENT ? 'page' : null);
    if (control) {
      attr(el, 'aria-invalid', state & INVALID ? 'true' : null);
      attr(el, 'aria-describedby', error ? 'm' + error : null);
      attr(el, 'aria-disabled', state & DISABLED ? 'true' : null);
    }
    if (role === 'h') attr(el, 'aria-level', number || 2);
    if (role === 'T') attr(el, 'aria-rowcount', number || null);
    if (role === 'R') attr(el, 'aria-rowindex', number || null);
    if (role === 'D') attr(el, 'aria-modal', 'true');
    if (role === 'P') {
      attr(el, 'aria-valuenow', number);
      attr(el, 'aria-valuemin', 0);
      attr(el, 'aria-valuemax', 100);
    }
  }

  // A node's own text is its first child when that is a text node (containers hold elements).
  function ownText(el) {
    return el.firstChild && el.firstChild.nodeType === 3 ? el.firstChild.data : '';
  }
  function setOwnText(el, text) {
    if (el.firstChild && el.firstChild.nodeType === 3) el.firstChild.data = text;
    else el.insertBefore(document.createTextNode(text), el.firstChild);
  }

  function order(parentKey, keys) {
    const parent = nodes.get(parentKey);
    if (!parent) return;
    let at = parent.firstChild && parent.firstChild.nodeType === 3 ? parent.firstChild.nextSibling : parent.firstChild;
    for (const key of keys) {
      const el = nodes.get(key);
      if (!el) continue;
      if (el !== at) parent.insertBefore(el, at);
      else at = at.nextSibling;
    }
    while (at) { // what is no longer there
      const next = at.nextSibling;
      if (at.dataset && nodes.get(at.dataset.k) !== at) at.remove();
      at = next;
    }
  }

  function remove(key) {
    const el = nodes.get(key);
    if (!el) return;
    el.remove();
    nodes.delete(key);
  }

  // The copy's focus follows the app's, unless the focus is elsewhere on purpose (the text
  // field's textarea, another page element).
  function follow(key) {
    focusKey = key;
    const el = nodes.get(key);
    const active = document.activeElement;
    const free = !active || active === document.body || active.id === 'canvas' || root.contains(active);
    if (el && el.hasAttribute('tabindex') && free && active !== el) el.focus({ preventScroll: true });
  }

  function say(region, text) {
    // The same message twice is still read twice: emptied first, filled a moment later.
    region.textContent = '';
    setTimeout(() => { region.textContent = text; }, 50);
  }

  mirror.apply = function (changes) {
    let focused = null;
    for (const line of changes.split('\n')) {
      if (!line) continue;
      const op = line[0], f = line.slice(1).split('\t');
      if (op === '+') upsert(f);
      else if (op === '-') remove(f[0]);
      else if (op === '=') order(f[0], f[1] ? f[1].trim().split(' ') : []);
      else if (op === '!') focused = f[0];
      else if (op === '@') say(f[0] === 'a' ? urgent : polite, f[1] || '');
      else if (op === 'X') {
        for (const key of [...nodes.keys()]) if (key !== '0') remove(key);
        focusKey = '0';
      }
    }
    // Under a dialog, the rest of the app is out of reach, as it is on screen.
    const main = nodes.get('1');
    if (main) main.inert = [...root.children].some((el) => el.dataset.r === 'D');
    if (focused !== null) follow(focused);
  };

  function send(el, press) {
    const host = window.RecobraHost;
    if (!host || !host.module) return;
    host.module._rb_mirror_focus(parseInt(el.dataset.k, 36), press ? 1 : 0);
    host.requestFrame(true);
  }
  root.addEventListener('focusin', (event) => {
    const el = event.target.closest('[data-k]');
    if (el && el.dataset.k !== focusKey && el.hasAttribute('tabindex')) {
      focusKey = el.dataset.k;
      send(el, false);
    }
  });
  root.addEventListener('click', (event) => {
    const el = event.target.closest('[data-k]');
    if (el && el.hasAttribute('tabindex')) send(el, true);
  });

  // While a text field is typed into, its keys go to the hidden textarea (web/host.js), which
  // then speaks for the field: its name, not hidden.
  const textInput = document.getElementById('text-input');
  textInput.addEventListener('focus', () => {
    const el = nodes.get(focusKey);
    attr(textInput, 'aria-label', el ? el.getAttribute('aria-label') : null);
    textInput.removeAttribute('aria-hidden');
  });
  textInput.addEventListener('blur', () => {
    textInput.setAttribute('aria-hidden', 'true');
    setTimeout(() => follow(focusKey), 0);
  });

  // On unless switched off in this browser (Settings; the app saves it here).
  mirror.wanted = function () {
    try { return localStorage.getItem(KEY) !== 'off'; } catch (e) { return true; }
  };
  mirror.save = function (on) {
    try { localStorage.setItem(KEY, on ? 'on' : 'off'); } catch (e) { /* kept for this session */ }
  };

  document.body.append(root, polite, urgent);
  polite.className = urgent.className = 'mirror-live';
  window.RecobraMirror = mirror;
})();
