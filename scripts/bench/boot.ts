// Start-up and memory of the one-process hub (`npm start` on embedded PGlite), cold (an empty data
// directory: migrations, seed, syncs) and warm (the same directory again), each in a fresh
// process: `tsx scripts/bench/boot.ts [data dir]`. Prints the time to a listening gateway, where
// it went (module loading vs the boot itself) and RSS after boot and after a front-page request.
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MALLOC_ENV, NODE_FLAGS } from '../runtime-settings.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

if (process.argv[2] === '--child') {
  const t0 = performance.now();
  const { startHub } = await import('../hub.ts');
  const { pino } = await import('pino');
  const { FRONT_PAGE, bodyOf } = await import('./queries.ts');
  const loaded = performance.now();
  const hub = await startHub({
    dataDir: process.argv[3],
    databaseUrl: '',
    port: 0,
    logger: pino({ level: 'silent' }),
    env: { LOG_LEVEL: 'silent', HOST: '127.0.0.1' },
  });
  const booted = performance.now();
  const rssBoot = process.memoryUsage.rss();
  const mem = process.memoryUsage();
  const res = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyOf(FRONT_PAGE) });
  await res.text();
  const rssServed = process.memoryUsage.rss();
  process.send?.({
    sinceProcessStartMs: Math.round(performance.timeOrigin + booted - (Date.now() - process.uptime() * 1000)),
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
  });
  await hub.stop();
  process.exit(0);
}

async function once(dataDir: string): Promise<Record<string, number>> {
  const started = Date.now();
  const child = fork(path.join(import.meta.dirname, 'boot.ts'), ['--child', dataDir], {
    cwd: ROOT,
    // As `npm start` runs it (package.json): the same Node flags and malloc setting.
    execArgv: [...NODE_FLAGS, '--import', 'tsx'],
    env: { ...process.env, ...MALLOC_ENV },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const result = await new Promise<Record<string, number>>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Record<string, number>));
    child.once('exit', (code) => reject(new Error(`boot child exited (${code})`)));
  });
  await new Promise((resolve) => child.once('exit', resolve));
  return { ...result, wallToServedMs: Date.now() - started };
}

const dir = process.argv[2] ?? (await mkdtemp(path.join(os.tmpdir(), 'cong-hub-boot-')));
try {
  console.log('cold', await once(dir));
  console.log('warm', await once(dir));
  console.log('warm', await once(dir));
} finally {
  if (!process.argv[2]) await rm(dir, { recursive: true, force: true });
}
