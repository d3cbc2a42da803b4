// Writes the service worker of a built page: web/sw.js with the build's version (a hash of
// every file in the dist folder) and the list of files to cache, each with its SHA-256.
// Run by the build after the page is assembled; the offline tests run it again on a
// modified copy of the page to publish "a new version".
//
//   node scripts/stamp-sw.mjs --dist build/wasm/dist [--template web/sw.js]
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const WORKER = 'sw.js';

function listFiles(dir, prefix = '') {
  const out = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, name));
    else if (entry.isFile() && name !== WORKER) out.push(name);
  }
  return out;
}

// Returns the version written.
export function stampServiceWorker({ dist, template = path.join(here, '../web/sw.js') }) {
  const files = listFiles(dist).sort();
  if (!files.includes('index.html')) throw new Error(`${dist}/index.html not found`);
  const entries = files.map((name) => [name, crypto.createHash('sha256').update(fs.readFileSync(path.join(dist, name))).digest('hex')]);
  const version = crypto.createHash('sha256')
    .update(entries.map(([name, sha]) => `${name} ${sha}\n`).join(''))
    .digest('hex').slice(0, 16);
  const source = fs.readFileSync(template, 'utf8');
  if (!source.includes('@VERSION@') || !source.includes('/* @FILES@ */ []')) {
    throw new Error(`${template} has no @VERSION@ or /* @FILES@ */ [] to fill in`);
  }
  const stamped = source
    .replace('@VERSION@', version)
    .replace('/* @FILES@ */ []', JSON.stringify(entries));
  const out = path.join(dist, WORKER);
  fs.writeFileSync(out, stamped); // the same bytes for the same files: browsers see no update
  return version;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const dist = option('--dist', null);
  if (!dist) {
    console.error('usage: node scripts/stamp-sw.mjs --dist DIR [--template web/sw.js]');
    process.exit(2);
  }
  try {
    const version = stampServiceWorker({ dist, template: option('--template', undefined) });
    console.log(`Service worker for build ${version}`);
  } catch (error) {
    console.error(`stamp-sw: ${error.message}`);
    process.exit(1);
  }
}
