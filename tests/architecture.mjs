// The core's layout is its architecture (docs/architecture.md): its folders are stacked, each
// including only itself and those below it, and none of it reaches the outside world (no
// Emscripten, ImGui, platform, files, streams or clock). This check keeps it so: it lists
// every include that breaks the order and fails if there is any.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'core');
// Bottom first: a folder may include those before it in this list, never those after.
const layers = ['values', 'i18n', 'model', 'codec', 'log', 'state', 'law', 'letters', 'rules', 'reports', 'workspace', 'exchange', 'sample'];
const forbidden = [/^emscripten/, /^GLFW\//, /^imgui/, /^(platform|session|ui|app|cli)\//, /^(fstream|iostream|filesystem|thread|chrono|ctime)$/];

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(hpp|cpp|def)$/.test(name)) yield path;
  }
}

const problems = [];
for (const path of files(root)) {
  const [layer, ...rest] = relative(root, path).split(sep);
  if (rest.length === 0) {
    problems.push(`${relative(root, path)}: every file of the core belongs in one of its folders`);
    continue;
  }
  if (!layers.includes(layer)) problems.push(`${layer}/: not a known layer (tests/architecture.mjs lists them)`);
  readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
    const m = /^\s*#\s*include\s*[<"]([^">]+)[">]/.exec(line);
    if (!m) return;
    const where = `src/core/${relative(root, path)}:${i + 1}`;
    const included = m[1];
    if (forbidden.some((re) => re.test(included))) problems.push(`${where}: the core includes ${included}`);
    const [, below] = /^core\/([^/]+)\//.exec(included) ?? [];
    if (below && layers.indexOf(below) > layers.indexOf(layer))
      problems.push(`${where}: ${layer}/ includes ${included}, from a layer above it`);
  });
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`src/core: ${layers.join(' < ')}, no include out of order`);
