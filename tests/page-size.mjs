// The shipped page (every file of the built dist: html, scripts, wasm, fonts, icons), sent
// gzip-compressed, must stay within 1 MiB (README.md, Tests). Prints each file's figure,
// largest first.
// Usage: node tests/page-size.mjs [DIST]   (default RECOBRA_DIST, else build/wasm/dist)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const LIMIT = 1024 * 1024;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.argv[2] || process.env.RECOBRA_DIST || path.join(root, 'build/wasm/dist'));

const files = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else files.push(full);
  }
};
walk(dist);
if (!files.some((file) => file.endsWith('.wasm'))) {
  console.error(`page size: no .wasm in ${dist}: build it first (make wasm)`);
  process.exit(2);
}

const sizes = files.map((file) => {
  const bytes = fs.readFileSync(file);
  return { file: path.relative(dist, file), bytes: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
});
sizes.sort((a, b) => b.gzip - a.gzip);
for (const { file, bytes, gzip } of sizes) console.log(`${String(gzip).padStart(9)} ${String(bytes).padStart(9)}  ${file}`);
const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
console.log(`page size: ${total} bytes gzip in ${sizes.length} files (limit ${LIMIT}, ${LIMIT - total} left)`);
if (total > LIMIT) {
  console.error(`page size: ${total} bytes gzip is over the limit of ${LIMIT}`);
  process.exit(1);
}
