// Builds the dashboard into one folder (argument 1): index.html, app.js (every module and
// npm package bundled), app.css and world.json (Natural Earth 1:110m countries from the
// world-atlas package). Run by crates/dyad-serve/build.rs; nothing is fetched at run time.

import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs OUT_DIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [join(here, 'src/main.js')],
  bundle: true,
  format: 'esm',
  target: ['es2020'],
  minify: true,
  legalComments: 'eof',
  outfile: join(out, 'app.js'),
  logLevel: 'warning',
});
await build({
  entryPoints: [join(here, 'src/style.css')],
  bundle: true,
  minify: true,
  outfile: join(out, 'app.css'),
  logLevel: 'warning',
});
copyFileSync(join(here, 'index.html'), join(out, 'index.html'));
const require = createRequire(import.meta.url);
copyFileSync(require.resolve('world-atlas/countries-110m.json'), join(out, 'world.json'));
