// Prints the team database's design document, `_design/recobra`, for `curl -X PUT` (docs/sync.md):
//   node sync/couchdb/design-doc.mjs > design.json
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export function designDoc() {
  const source = fs.readFileSync(path.join(here, 'validate_doc_update.js'), 'utf8');
  // CouchDB wants the function alone: the comment lines above it are left out.
  const fn = source.slice(source.search(/^function/m));
  return { _id: '_design/recobra', language: 'javascript', validate_doc_update: fn.trim() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(`${JSON.stringify(designDoc(), null, 2)}\n`);
