// One boot measured by scripts/bench/boot.ts, in a fresh process: `boot-child.ts <data dir> <hub module>`.
// Erasable TypeScript only: for the built hub it runs on plain Node (type stripping), as `npm start`
// runs the built JavaScript; for the TypeScript modes under tsx.
import { pathToFileURL } from 'node:url';
import type { startHub as StartHub } from '../hub.ts';

const [, , dataDir, hubModule] = process.argv;
// As scripts/run.mjs does for the built entry points.
if (hubModule!.endsWith('.js')) process.setSourceMapsEnabled(true);
const t0 = performance.now();
const { startHub } = (await import(pathToFileURL(hubModule!).href)) as { startHub: typeof StartHub };
const { pino } = await import('pino');
const { FRONT_PAGE, bodyOf } = await import('./queries.ts');
const loaded = performance.now();
const hub = await startHub({
  dataDir,
  databaseUrl: '',
  port: 0,
  logger: pino({ level: 'silent' }),
  env: { LOG_LEVEL: 'silent', HOST: '127.0.0.1' },
});
const booted = performance.now();
// Serving: the first `{ __typename }` answered and /ready 200 (the subgraphs' health checked).
const typename = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
if (!(await typename.text()).includes('Query')) throw new Error('{ __typename } not answered');
const ready = await fetch(hub.url.replace(/\/graphql$/, '/ready'));
if (ready.status !== 200) throw new Error(`/ready ${ready.status}`);
await ready.text();
const serving = performance.now();
const rssBoot = process.memoryUsage.rss();
const mem = process.memoryUsage();
const res = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyOf(FRONT_PAGE) });
await res.text();
const rssServed = process.memoryUsage.rss();
process.send?.({
  // performance.now() counts from the process's start (its time origin).
  toServingMs: Math.round(serving),
  beforeImportMs: Math.round(t0),
  importMs: Math.round(loaded - t0),
  bootMs: Math.round(booted - loaded),
  rssBootMb: Math.round(rssBoot / 1048576),
  rssServedMb: Math.round(rssServed / 1048576),
  // Where the RSS after boot goes: the JavaScript heap (used / reserved), memory outside it that
  // V8 knows of (external: buffers, PGlite's WASM memory among them) and array buffers.
  heapUsedMb: Math.round(mem.heapUsed / 1048576),
  heapTotalMb: Math.round(mem.heapTotal / 1048576),
  externalMb: Math.round(mem.external / 1048576),
  arrayBuffersMb: Math.round(mem.arrayBuffers / 1048576),
  phases: (hub as { bootPhases?: Record<string, number> }).bootPhases ?? null,
});
await hub.stop();
process.exit(0);
