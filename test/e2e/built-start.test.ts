// `npm start` runs the hub built to JavaScript (scripts/build.mjs → dist/, scripts/run.mjs), not
// TypeScript through tsx. Here the build goes to a scratch folder inside the checkout and its
// start.js boots on plain Node, on an embedded PGlite data directory of its own: migrated, seeded,
// the gateway answering, /ready 200, the IDE and the supergraph found through the rewritten
// import.meta paths, and a clean exit on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, ROOT } from '../../scripts/build.mjs';
import { BASE_ENV } from '../harness/hub.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';
import { printed } from './support/child.ts';
import { freePort } from './support/http.ts';

let outdir: string;
let dataDir: string;
let child: ChildProcess | undefined;

beforeAll(async () => {
  outdir = path.join(ROOT, 'test-artifacts', `build-${process.pid}-${Date.now()}`);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'built-start-'));
  await build({ quiet: true, outdir });
}, 120_000);
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await rm(outdir, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

describe('the built start (dist/start.js on Node)', () => {
  it('boots the whole hub on embedded PGlite, serves, and stops on SIGTERM', { timeout: 180_000 }, async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...BASE_ENV,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      ...Object.fromEntries(
        await Promise.all(SUBGRAPHS.map(async (s) => [`SUBGRAPH_PORT_${s.name.toUpperCase().replace(/-/g, '_')}`, String(await freePort())])),
      ),
    };
    delete env.REDIS_URL;
    // No tsx anywhere: the project's Node runs the bundle.
    const proc = spawn(path.join(ROOT, 'node_modules/.bin/node'), [path.join(outdir, 'start.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let out = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    // The launcher's banner, as it prints it (rejects with the output if the process exits first).
    const url = (await printed(proc, /GraphQL endpoint:\s+(\S+)/, () => out))[1];
    expect(url, `the built hub did not start:\n${out}`).toBeDefined();
    const base = url!.replace(/\/graphql$/, '');

    const res = await fetch(url!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename agencies(first: 1) { totalCount } }' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data?: { __typename: string; agencies: { totalCount: number } } };
    expect(body.data?.__typename).toBe('Query');
    expect(body.data?.agencies.totalCount).toBeGreaterThan(0);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    // Files found next to their source modules (gateway/ide/index.ts: import.meta.dirname).
    expect((await fetch(`${base}/ide/`)).status).toBe(200);

    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
