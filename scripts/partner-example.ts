// The example partner subgraph (subgraphs/partners/notaries) against a running hub, as README
// "Federating your agency's subgraph" runs it:
//   npm run partner:example               start it in its own process (`node server.ts`, PORT,
//                                         default 4201), trusting the keys the hub publishes at
//                                         HUB_URL/.well-known/jwks.json (HUB_URL default
//                                         http://127.0.0.1:4000, the `npm start` hub)
//   npm run partner:example -- publish    steps 5–6 on this checkout, for a local trial: the
//                                         example's registry entry into schema/subgraphs/registry.json
//                                         (URL = the local process), its SDL beside the hub's,
//                                         `npm run compose`; the running hub picks both up
//   npm run partner:example -- unpublish  the reverse (entry, SDL, compose)
import { spawn } from 'node:child_process';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';
import { writeAtomically } from './compose.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const PARTNER_DIR = path.join(ROOT, 'subgraphs/partners/notaries');
const NAME = 'notaries';
const REGISTRY = path.join(ROOT, 'schema/subgraphs/registry.json');
const PUBLISHED_SDL = path.join(ROOT, `schema/subgraphs/partners/${NAME}.graphql`);

const hubUrl = (process.env.HUB_URL ?? 'http://127.0.0.1:4000').replace(/\/(graphql)?$/, '');
const port = process.env.PORT ?? '4201';

async function start(): Promise<number> {
  const jwksUrl = `${hubUrl}/.well-known/jwks.json`;
  const reachable = await fetch(jwksUrl, { signal: AbortSignal.timeout(5_000) }).then(
    (r) => r.ok,
    () => false,
  );
  if (!reachable) {
    console.error(`No hub answers at ${hubUrl} (${jwksUrl}): start one first (npm start), or set HUB_URL.`);
    return 1;
  }
  // The partner's own process, as its agency runs it: plain `node server.ts` (type stripping).
  const child = spawn(process.execPath, [path.join(PARTNER_DIR, 'server.ts')], {
    cwd: PARTNER_DIR,
    env: { ...process.env, PORT: port, GATEWAY_JWKS_URL: jwksUrl },
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  console.log(`notaries: trusting the gateway keys of ${hubUrl}; publish it to that hub with: npm run partner:example -- publish`);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 0 : 1))));
}

async function writeRegistry(edit: (subgraphs: Record<string, unknown>) => void): Promise<void> {
  const doc = JSON.parse(await readFile(REGISTRY, 'utf8')) as { subgraphs: Record<string, unknown> };
  edit(doc.subgraphs);
  const options = (await prettier.resolveConfig(REGISTRY)) ?? {};
  await writeAtomically(REGISTRY, await prettier.format(JSON.stringify(doc), { ...options, filepath: REGISTRY }));
}

function compose(): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/compose.ts')], { cwd: ROOT, stdio: 'inherit' });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

async function publish(): Promise<number> {
  const entry = JSON.parse(await readFile(path.join(PARTNER_DIR, 'registry-entry.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  // The registry first (the gateway must know the subgraph before a supergraph names it), then the SDL and the composition.
  await writeRegistry((subgraphs) => (subgraphs[NAME] = { ...entry[NAME], url: `http://127.0.0.1:${port}/graphql` }));
  await mkdir(path.dirname(PUBLISHED_SDL), { recursive: true });
  await copyFile(path.join(PARTNER_DIR, 'schema.graphql'), PUBLISHED_SDL);
  const code = await compose();
  if (code === 0) {
    console.log(`published ${NAME}: a running hub reloads it. Try:
  curl -s ${hubUrl}/graphql -H 'content-type: application/json' -d '{"query":"{ agency(slug: \\"so-tu-phap-phu-tho\\") { code notaryOffices { name } } }"}'
Undo with: npm run partner:example -- unpublish`);
  }
  return code;
}

async function unpublish(): Promise<number> {
  // The supergraph without it first (a registry dropping a served subgraph is refused until then).
  await rm(PUBLISHED_SDL, { force: true });
  const code = await compose();
  await writeRegistry((subgraphs) => delete subgraphs[NAME]);
  return code;
}

const command = process.argv[2] ?? 'start';
const commands: Record<string, () => Promise<number>> = { start, publish, unpublish };
if (!commands[command]) {
  console.error('usage: npm run partner:example [-- start|publish|unpublish]');
  process.exit(2);
}
process.exitCode = await commands[command]!();
