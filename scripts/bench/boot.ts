// Start-up and memory of the one-process hub (`npm start` on embedded PGlite), cold (an empty data
// directory: migrations, seed, syncs) and warm (the same directory again), each boot in a fresh
// process: `tsx scripts/bench/boot.ts [--rounds N] [--before <other checkout>] [--no-tsx] [data dir]`.
//
// Two ways of running this checkout, interleaved round by round: `dist` (what `npm start` runs:
// the JavaScript built by scripts/build.mjs, built first when stale) and `tsx` (the TypeScript
// transpiled at run time, as `npm start` did before the build step; `--no-tsx` leaves it out).
// `--before <dir>` adds another checkout (e.g. a worktree of main) as its `npm start` runs it:
// its own dist/ (built first when stale) when it has the build step, else under tsx — a
// before/after in one run, on the same machine at the same moment.
//
// Per boot: the time from process start to a gateway that answers `{ __typename }` and /ready
// 200, split into loading modules and the boot itself (and the boot into its phases, when the
// hub reports them), RSS after boot and after a front-page request, and the load average of the
// moment; at the end the medians of the warm boots per mode, and the ratio of each round.
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MALLOC_ENV, NODE_FLAGS } from '../runtime-settings.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Mode {
  name: string;
  cwd: string;
  hubModule: string;
  execArgv: string[];
}

async function once(mode: Mode, dataDir: string): Promise<Record<string, unknown>> {
  const started = Date.now();
  const child = fork(path.join(import.meta.dirname, 'boot-child.ts'), [dataDir, mode.hubModule], {
    cwd: mode.cwd,
    // As `npm start` runs it (package.json): the same Node flags and malloc setting.
    execArgv: [...NODE_FLAGS, ...mode.execArgv],
    env: { ...process.env, ...MALLOC_ENV },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const result = await new Promise<Record<string, unknown>>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Record<string, unknown>));
    child.once('exit', (code) => reject(new Error(`boot child exited (${code})`)));
  });
  await new Promise((resolve) => child.once('exit', resolve));
  return { ...result, wallToServedMs: Date.now() - started, load1: Number(os.loadavg()[0]!.toFixed(2)) };
}

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const rounds = Number(flag('--rounds') ?? 2);
const before = flag('--before');
const noTsx = args.includes('--no-tsx');
if (noTsx) args.splice(args.indexOf('--no-tsx'), 1);

// The child (boot-child.ts, erasable TypeScript) runs on plain Node for a built hub, as
// `npm start` does, and under tsx for the TypeScript modes.
const tsx = ['--import', 'tsx'];
interface BuildModule {
  ensureBuilt(): Promise<boolean>;
  DIST: string;
}
const buildOf = async (root: string) => (await import(pathToFileURL(path.join(root, 'scripts/build.mjs')).href)) as BuildModule;
const { ensureBuilt, DIST } = await buildOf(ROOT);
if (await ensureBuilt()) console.log('built dist/');
const beforeMode = async (dir: string): Promise<Mode> => {
  const root = path.resolve(dir);
  if (!existsSync(path.join(root, 'scripts/build.mjs'))) {
    return { name: `before (${dir}, tsx)`, cwd: root, hubModule: path.join(root, 'scripts/hub.ts'), execArgv: tsx };
  }
  const other = await buildOf(root);
  if (await other.ensureBuilt()) console.log(`built ${path.relative(process.cwd(), other.DIST) || other.DIST}`);
  return { name: `before (${dir})`, cwd: root, hubModule: path.join(other.DIST, 'hub.js'), execArgv: [] };
};
const modes: Mode[] = [
  { name: 'dist', cwd: ROOT, hubModule: path.join(DIST, 'hub.js'), execArgv: [] },
  ...(noTsx ? [] : [{ name: 'tsx', cwd: ROOT, hubModule: path.join(ROOT, 'scripts/hub.ts'), execArgv: tsx }]),
  ...(before ? [await beforeMode(before)] : []),
];

const warm = new Map<string, Record<string, unknown>[]>(modes.map((m) => [m.name, []]));
const base = await mkdtemp(path.join(os.tmpdir(), 'cong-hub-boot-'));
try {
  const dirs = new Map(modes.map((m, i) => [m.name, args[0] ? `${args[0]}-${i}` : path.join(base, String(i))]));
  for (const mode of modes) console.log(mode.name, 'cold', await once(mode, dirs.get(mode.name)!));
  for (let r = 0; r < rounds; r += 1) {
    for (const mode of modes) {
      const result = await once(mode, dirs.get(mode.name)!);
      warm.get(mode.name)!.push(result);
      console.log(mode.name, 'warm', result);
    }
  }
} finally {
  await rm(base, { recursive: true, force: true });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : Math.round((s[m - 1]! + s[m]!) / 2);
};
const col = (runs: Record<string, unknown>[], key: string) => runs.map((r) => Number(r[key]));
console.log(`\nwarm boots, medians of ${rounds} round(s) (min–max):`);
for (const [name, runs] of warm) {
  const line = ['toServingMs', 'cpuToServingMs', 'importMs', 'bootMs', 'rssBootMb', 'load1']
    .map((k) => `${k} ${median(col(runs, k))} (${Math.min(...col(runs, k))}–${Math.max(...col(runs, k))})`)
    .join(', ');
  console.log(`  ${name}: ${line}`);
  const phases = runs.map((r) => (r.phases ?? {}) as Record<string, number>);
  const keys = [...new Set(phases.flatMap((p) => Object.keys(p)))];
  if (keys.length) console.log(`    phases (ms): ${keys.map((k) => `${k} ${median(phases.map((p) => p[k] ?? 0))}`).join(', ')}`);
}
if (modes.length > 1) {
  const [first, ...others] = [...warm.values()];
  for (const [i, other] of others.entries()) {
    const ratios = first!.map((r, k) => Number(r.toServingMs) / Number(other[k]!.toServingMs));
    console.log(
      `  time to serving, ${modes[0]!.name} ÷ ${modes[i + 1]!.name} per round: ${ratios.map((x) => x.toFixed(2)).join(' ')} (median ${median(ratios.map((x) => Math.round(x * 100))) / 100})`,
    );
  }
}
