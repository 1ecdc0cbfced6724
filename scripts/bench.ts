// npm run bench [-- --fetcher-compare]: the hub's gateway against calling the portal subgraph
// directly, side by side in one run. Prints a table with the ratios and writes
// bench-results/latest.json. Environment: BENCH_SECONDS (per scenario, default 10),
// BENCH_CONNECTIONS (10), BENCH_SLICE_SECONDS (2), BENCH_WARMUP_SECONDS (2), DATABASE_URL.
import path from 'node:path';
import { formatReport, writeResult } from './bench/report.ts';
import { runBench, type BenchOptions } from './bench/run.ts';
import { peerMarkdown, runPeerBench } from './bench/peers.ts';
import { mkdir, writeFile } from 'node:fs/promises';

function int(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min} (got "${raw}")`);
  return n;
}

const known = new Set(['--fetcher-compare', '--peers']);
const unknown = process.argv.slice(2).filter((a) => !known.has(a));
if (unknown.length) {
  console.error(`Unknown argument(s): ${unknown.join(' ')}\nUsage: npm run bench [-- --fetcher-compare | --peers]`);
  process.exit(2);
}

// Ctrl-C: finish the current slice, then stop the hub. The signal can arrive twice at once (the
// process group, and tsx relaying it): repeats within 2 s are ignored, a later one exits at once,
// and so does a shutdown that takes longer than 30 s.
const abort = new AbortController();
let interruptedAt = 0;
process.on('SIGINT', () => {
  if (!interruptedAt) {
    interruptedAt = Date.now();
    console.error('\nSIGINT: stopping after the current slice…');
    abort.abort();
    setTimeout(() => {
      console.error('The hub did not stop within 30 s: exiting.');
      process.exit(130);
    }, 30_000).unref();
  } else if (Date.now() - interruptedAt > 2_000) process.exit(130);
});

if (process.argv.includes('--peers')) {
  // Our gateway against stock Apollo Gateway and Hive Gateway, every process apart (bench/peers.ts).
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error('--peers runs the subgraphs in their own processes: it needs DATABASE_URL (a PostgreSQL server).');
    process.exit(2);
  }
  try {
    const result = await runPeerBench({
      databaseUrl,
      rounds: int('BENCH_ROUNDS', 5, 1),
      sliceSeconds: int('BENCH_SLICE_SECONDS', 3, 1),
      warmupSeconds: int('BENCH_WARMUP_SECONDS', 2, 0),
      connections: int('BENCH_CONNECTIONS', 50, 1),
      gateways: process.env.BENCH_GATEWAYS ? process.env.BENCH_GATEWAYS.split(',') : undefined,
      scenarios: process.env.BENCH_SCENARIOS ? process.env.BENCH_SCENARIOS.split(',') : undefined,
      log: (line) => console.error(`[bench] ${line}`),
      signal: abort.signal,
    });
    const file = path.resolve(import.meta.dirname, '../bench-results/peers.json');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\n${peerMarkdown(result)}\n\nWritten ${path.relative(process.cwd(), file)}.`);
  } catch (err) {
    console.error(abort.signal.aborted ? 'Bench interrupted.' : err);
    process.exitCode = abort.signal.aborted ? 130 : 1;
  }
  setTimeout(() => process.exit(), 5_000).unref();
} else {
  await classic();
}

async function classic() {
  const options: BenchOptions = {
    seconds: int('BENCH_SECONDS', 10, 1),
    sliceSeconds: int('BENCH_SLICE_SECONDS', 2, 1),
    warmupSeconds: int('BENCH_WARMUP_SECONDS', 2, 0),
    connections: int('BENCH_CONNECTIONS', 10, 1),
    fetcherCompare: process.argv.includes('--fetcher-compare'),
    log: (line) => console.error(`[bench] ${line}`),
    signal: abort.signal,
  };

  try {
    const result = await runBench(options);
    console.log(`\n${formatReport(result)}\n`);
    const file = path.resolve(import.meta.dirname, '../bench-results/latest.json');
    await writeResult(result, file);
    console.log(`Written ${path.relative(process.cwd(), file)} (${result.durationSeconds} s in all).`);
  } catch (err) {
    console.error(abort.signal.aborted ? 'Bench interrupted; the hub was stopped.' : err);
    process.exitCode = abort.signal.aborted ? 130 : 1;
  }
  // Everything was stopped; if a stray handle still holds the loop, do not hang.
  setTimeout(() => process.exit(), 5_000).unref();
}
