// Assembles the shipped page's scripts (run by the build, src/app/CMakeLists.txt). The sources
// in web/ stay one readable file per module; the page gets them as few, small files:
//
//   node scripts/build-page.mjs page --shell shell.html --web web --out DIST [--no-minify]
//       DIST/index.html: shell.html with its <script src> tags replaced by one, app.js
//       DIST/app.js:     those scripts, in the order shell.html loads them, as one file
//                        (gzip then sees them together: one dictionary, one request)
//       DIST/read-worker.js: the worker, its own file as before (web/files-in.js starts it)
//   node scripts/build-page.mjs minify FILE...   minifies each file in place (recobra.js,
//       the stamped sw.js)
//
// Minifying (terser, a devDependency in package.json) drops comments and white space and
// shortens local names only: global names (window.Module, RecobraBridge, the Emscripten
// glue's top-level functions) and every property name stay as written, and function names
// are kept so a stack trace still says where an error came from. --no-minify (CMake's
// -DRECOBRA_MINIFY_JS=OFF) ships the sources as written, still as one app.js.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUNDLE = 'app.js';
const WORKERS = ['read-worker.js'];

// The options every shipped script is minified with.
const TERSER = {
  ecma: 2020,
  module: false,
  toplevel: false, // top-level names are the page's globals: neither renamed nor dropped
  keep_fnames: true,
  keep_classnames: true,
  compress: {}, // terser's defaults: none of its 'unsafe' rewrites
  mangle: true,
  format: { comments: false },
};

async function minify(files) {
  let terser;
  try {
    terser = await import('terser');
  } catch (error) {
    throw new Error(`terser is not installed (${error.message}): run scripts/setup.sh (make does it for you)`);
  }
  const result = await terser.minify(files, TERSER);
  return result.code;
}

// The script tags of the page, in order: [{tag, src}].
export function pageScripts(html) {
  const scripts = [];
  for (const match of html.matchAll(/[ \t]*<script\b([^>]*)><\/script>[ \t]*\n?/g)) {
    const src = /\bsrc="([^"]+)"/.exec(match[1]);
    if (!src || /\b(async|defer|type)\b/.test(match[1])) throw new Error(`unexpected script tag: ${match[0].trim()}`);
    scripts.push({ tag: match[0], src: src[1] });
  }
  return scripts;
}

export async function buildPage({ shell, web, out, minified = true }) {
  const html = fs.readFileSync(shell, 'utf8');
  const scripts = pageScripts(html);
  if (!scripts.length) throw new Error(`${shell} loads no script`);
  const sources = {};
  for (const { src } of scripts) {
    if (src === BUNDLE || WORKERS.includes(src)) throw new Error(`${shell} loads ${src}, a name the build uses`);
    sources[src] = fs.readFileSync(path.join(web, src), 'utf8');
    if (!sources[src].startsWith("'use strict';")) throw new Error(`web/${src} must start with 'use strict'; (the page's scripts run as one file)`);
  }
  // Every module is an IIFE in strict mode with no top-level names of its own, so running
  // them as one script is running them one after the other, as the separate tags did.
  const bundle = minified
    ? await minify(sources)
    : Object.entries(sources).map(([name, code]) => `// ---- web/${name}\n${code.trimEnd()}\n`).join('\n');

  // The first script tag becomes the bundle's, the others go (with their line).
  let page = '';
  let rest = html;
  scripts.forEach(({ tag }, i) => {
    const at = rest.indexOf(tag);
    page += rest.slice(0, at);
    if (i === 0) page += tag.replace(/\bsrc="[^"]+"/, `src="${BUNDLE}"`);
    rest = rest.slice(at + tag.length);
  });
  page += rest;
  // Comments are for readers of shell.html, not for the browser.
  page = page.replace(/[ \t]*<!--[\s\S]*?-->[ \t]*\n?/g, '');

  fs.mkdirSync(out, { recursive: true });
  // The modules' own copies, left by a build from before they were bundled, would be shipped
  // (and cached by the service worker) for nothing.
  for (const { src } of scripts) fs.rmSync(path.join(out, src), { force: true });
  fs.writeFileSync(path.join(out, 'index.html'), page);
  fs.writeFileSync(path.join(out, BUNDLE), bundle);
  for (const worker of WORKERS) {
    const code = fs.readFileSync(path.join(web, worker), 'utf8');
    fs.writeFileSync(path.join(out, worker), minified ? await minify({ [worker]: code }) : code);
  }
}

export async function minifyInPlace(file) {
  fs.writeFileSync(file, await minify({ [path.basename(file)]: fs.readFileSync(file, 'utf8') }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, ...args] = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : null;
  };
  try {
    if (command === 'page' && option('--shell') && option('--web') && option('--out')) {
      await buildPage({ shell: option('--shell'), web: option('--web'), out: option('--out'),
        minified: !args.includes('--no-minify') });
    } else if (command === 'minify' && args.length) {
      for (const file of args) await minifyInPlace(file);
    } else {
      console.error('usage: node scripts/build-page.mjs page --shell shell.html --web web --out DIST [--no-minify]\n'
        + '       node scripts/build-page.mjs minify FILE...');
      process.exit(2);
    }
  } catch (error) {
    console.error(`build-page: ${error.message}`);
    process.exit(1);
  }
}
