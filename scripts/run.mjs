// Run a built entry point: `node scripts/run.mjs <start|gateway|subgraph> [args…]` (npm start,
// npm run start:gateway, npm run start:subgraph). Builds dist/ first when it is missing or older
// than its sources (scripts/build.mjs; a fresh check stats the bundled files, a few ms), then
// runs the JavaScript in this same process, with source maps for stack traces and Node's compile
// cache.
import module from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, ENTRIES, ensureBuilt } from './build.mjs';

const name = process.argv[2];
if (!name || !(name in ENTRIES)) {
  console.error(`usage: node scripts/run.mjs <${Object.keys(ENTRIES).join('|')}> [args…]`);
  process.exit(2);
}
if (await ensureBuilt()) console.error(`built dist/ (sources changed since the last build)`);
// The entry sees its own arguments where it would under tsx: argv[2] is its first.
process.argv.splice(2, 1);
process.setSourceMapsEnabled(true);
// V8's compiled code of the bundle and of the npm packages, kept on disk between starts (Node's
// compile cache, in the OS's temporary folder unless NODE_COMPILE_CACHE names one): ~25% less
// module-loading time on a warm start (BENCHMARKS.md). It never fails a start; a stale entry is
// recompiled.
module.enableCompileCache?.();
await import(pathToFileURL(path.join(DIST, `${name}.js`)).href);
