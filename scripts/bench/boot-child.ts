// One boot measured by scripts/bench/boot.ts, in a fresh process: `boot-child.ts <data dir> <hub module>`.
// Erasable TypeScript only: for the built hub it runs on plain Node (type stripping), as `npm start`
// runs the built JavaScript; for the TypeScript modes under tsx.
import { createServer } from 'node:http';
import module from 'node:module';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { startHub as StartHub } from '../hub.ts';

const [, , dataDir, hubModule] = process.argv;
// As scripts/run.mjs does for the built entry points.
if (hubModule!.endsWith('.js')) {
  process.setSourceMapsEnabled(true);
  module.enableCompileCache?.();
}
const t0 = performance.now();
const { startHub } = (await import(pathToFileURL(hubModule!).href)) as { startHub: typeof StartHub };
const { pino } = await import('pino');
const { FRONT_PAGE, bodyOf } = await import('./queries.ts');
const loaded = performance.now();
// A free port given to the gateway, so the gateway is probed from the start: serving is the first
// moment it answers `{ __typename }` and /ready 200 (the subgraphs' health checked), which may
// come before startHub returns (the job runner starts after the gateway listens).
const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as AddressInfo;
    probe.close(() => resolve(port));
  });
});
const base = `http://127.0.0.1:${port}`;
const answers = async () => {
  try {
    const ready = await fetch(`${base}/ready`);
    await ready.text();
    if (ready.status !== 200) return false;
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    return (await res.text()).includes('"Query"');
  } catch {
    return false;
  }
};
let serving = 0;
// CPU time (user + system) spent up to serving: less swayed by other processes than wall time.
let servingCpu = 0;
let booting = true;
const probing = (async () => {
  while (booting || !serving) {
    if (await answers()) {
      serving = performance.now();
      const cpu = process.cpuUsage();
      servingCpu = (cpu.user + cpu.system) / 1000;
      return;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
})();
const hub = await startHub({
  dataDir,
  databaseUrl: '',
  port,
  subgraphPorts: 'random',
  logger: pino({ level: 'silent' }),
  env: { LOG_LEVEL: 'silent', HOST: '127.0.0.1' },
});
const booted = performance.now();
booting = false;
await probing;
const rssBoot = process.memoryUsage.rss();
const mem = process.memoryUsage();
const res = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyOf(FRONT_PAGE) });
await res.text();
const rssServed = process.memoryUsage.rss();
const report = {
  // performance.now() counts from the process's start (its time origin).
  toServingMs: Math.round(serving),
  cpuToServingMs: Math.round(servingCpu),
  // startHub returned (the banner of `npm start`): after the job runner's start.
  toStartedMs: Math.round(booted),
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
};
// Run alone (e.g. with --cpu-prof), it prints what it would send to boot.ts.
if (process.send) process.send(report);
else console.log(JSON.stringify(report));
await hub.stop();
process.exit(0);
