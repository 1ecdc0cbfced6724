// Start-up and memory of the one-process hub (`npm start` on embedded PGlite), cold (an empty data
// directory: migrations, seed, syncs) and warm (the same directory again), each boot in a fresh
// process: `tsx scripts/bench/boot.ts [--rounds N] [--before <other checkout>] [data dir]`.
//
// Two ways of running this checkout, interleaved round by round: `dist` (what `npm start` runs:
// the JavaScript built by scripts/build.mjs, built first when stale) and `tsx` (the TypeScript
// transpiled at run time, as `npm start` did before the build step). `--before <dir>` adds a
// third, another checkout (e.g. /work/main) under tsx, for a before/after in one run.
//
// Per boot: the time from process start to a gateway that answers `{ __typename }` and /ready
// 200, split into loading modules and the boot itself (and the boot into its phases, when the
// hub reports them), and RSS after boot and after a front-page request.
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
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
  return { ...result, wallToServedMs: Date.now() - started };
}

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const rounds = Number(flag('--rounds') ?? 2);
const before = flag('--before');

// The child (boot-child.ts, erasable TypeScript) runs on plain Node for the built hub, as
// `npm start` does, and under tsx for the TypeScript modes.
const tsx = ['--import', 'tsx'];
const { ensureBuilt, DIST } = (await import(pathToFileURL(path.join(ROOT, 'scripts/build.mjs')).href)) as {
  ensureBuilt(): Promise<boolean>;
  DIST: string;
};
if (await ensureBuilt()) console.log('built dist/');
const modes: Mode[] = [
  { name: 'dist', cwd: ROOT, hubModule: path.join(DIST, 'hub.js'), execArgv: [] },
  { name: 'tsx', cwd: ROOT, hubModule: path.join(ROOT, 'scripts/hub.ts'), execArgv: tsx },
  ...(before ? [{ name: `before (${before})`, cwd: before, hubModule: path.join(before, 'scripts/hub.ts'), execArgv: tsx }] : []),
];

const base = await mkdtemp(path.join(os.tmpdir(), 'cong-hub-boot-'));
try {
  const dirs = new Map(modes.map((m, i) => [m.name, args[0] ? `${args[0]}-${i}` : path.join(base, String(i))]));
  for (const mode of modes) console.log(mode.name, 'cold', await once(mode, dirs.get(mode.name)!));
  for (let r = 0; r < rounds; r += 1) {
    for (const mode of modes) console.log(mode.name, 'warm', await once(mode, dirs.get(mode.name)!));
  }
} finally {
  await rm(base, { recursive: true, force: true });
}
