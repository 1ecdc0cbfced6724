// Prints each subgraph's SDL into schema/subgraphs/<name>.graphql and composes them into
// schema/supergraph.graphql with @apollo/composition; writes the public GET routes each
// subgraph's definition declares into schema/public-routes.json, which the gateway forwards.
// All are reviewed, committed artifacts.
//   npm run compose           write them
//   npm run check:schema      fail when what is committed differs from what the code produces
// Each file is written beside itself and renamed over the old one: a gateway watching the
// supergraph (gateway/supergraph.ts) never reads a half-written file.
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { readRegistry } from '../gateway/subgraph-registry.ts';
import { policyViolations } from './subgraph-check.ts';

const SCHEMA_DIR = path.resolve(import.meta.dirname, '../schema');
const SUBGRAPH_DIR = path.join(SCHEMA_DIR, 'subgraphs');
const SUPERGRAPH = path.join(SCHEMA_DIR, 'supergraph.graphql');
const PUBLIC_ROUTES = path.join(SCHEMA_DIR, 'public-routes.json');

/** Subgraph name → its public route templates, from the definitions (gateway/public-routes.ts reads it). */
export function publicRoutesManifest(): string {
  const routes = Object.fromEntries(SUBGRAPHS.filter((sg) => sg.publicRoutes?.length).map((sg) => [sg.name, [...sg.publicRoutes!]]));
  return `${JSON.stringify(routes, null, 2)}\n`;
}

/** Routing URLs in the committed supergraph are placeholders: the gateway maps each name to its configured URL. */
const placeholderUrl = (name: string) => `http://${name}.subgraph.invalid/graphql`;

async function partnerSdls(): Promise<{ name: string; sdl: string }[]> {
  const dir = path.join(SUBGRAPH_DIR, 'partners');
  const files = await readdir(dir).catch(() => [] as string[]);
  return Promise.all(
    files
      .filter((f) => f.endsWith('.graphql'))
      .sort()
      .map(async (f) => ({ name: f.replace(/\.graphql$/, ''), sdl: await readFile(path.join(dir, f), 'utf8') })),
  );
}

/** The hub's own subgraphs' SDL, printed from their code. */
export async function subgraphSdls(): Promise<{ name: string; sdl: string }[]> {
  const out = [];
  for (const sg of SUBGRAPHS) out.push({ name: sg.name, sdl: (await sg.buildSchema()).sdl });
  return out;
}

/** Composes subgraphs into a supergraph whose routing URLs are placeholders. */
export function composeSupergraph(subgraphs: { name: string; sdl: string }[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: placeholderUrl(s.name), typeDefs: parse(s.sdl) })));
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

async function produce(own: { name: string; sdl: string }[]): Promise<Map<string, string>> {
  const out = new Map(own.map((s) => [path.join(SUBGRAPH_DIR, `${s.name}.graphql`), s.sdl]));
  out.set(SUPERGRAPH, `${composeSupergraph([...own, ...(await partnerSdls())]).trim()}\n`);
  out.set(PUBLIC_ROUTES, publicRoutesManifest());
  return out;
}

/** Write `content` to `file` atomically: a reader sees the old file or the new one, never a part. */
export async function writeAtomically(file: string, content: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, content);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Subgraphs the registry (schema/subgraphs/registry.json) does not describe right: each of the
 * hub's own needs a `core` entry (else the gateway treats it as unlisted: least context), each
 * partner SDL a `partner` entry (owner, contact, context) before it is routed to.
 */
export async function registryGaps(): Promise<string[]> {
  const registry = readRegistry(process.env.SUBGRAPH_REGISTRY);
  const own = SUBGRAPHS.filter((s) => registry.get(s.name)?.trust !== 'core').map((s) => `${s.name} (the hub's own: "trust": "core")`);
  const partners = (await partnerSdls()).filter((p) => registry.get(p.name)?.trust !== 'partner').map((p) => `${p.name} (a partner: "trust": "partner")`);
  return [...own, ...partners];
}

async function main() {
  const check = process.argv.includes('--check');
  const gaps = await registryGaps();
  if (gaps.length) {
    console.error(`schema/subgraphs/registry.json needs an entry (owner, contact, trust) for: ${gaps.join('; ')}`);
    process.exit(1);
  }
  // What subgraph:check refuses a partner is refused here too: publishing cannot skip the check.
  const registry = readRegistry(process.env.SUBGRAPH_REGISTRY);
  const partners = await partnerSdls();
  const own = await subgraphSdls();
  const everyone = [...own, ...partners];
  const refused = partners.flatMap((p) =>
    policyViolations(
      p,
      everyone.filter((o) => o.name !== p.name),
      registry,
    ).map((v) => `${p.name}: ${v}`),
  );
  if (refused.length) {
    console.error(`Partner subgraphs refused:\n${refused.map((r) => `- ${r}`).join('\n')}`);
    process.exit(1);
  }
  const files = await produce(own);
  const stale: string[] = [];
  for (const [file, content] of files) {
    const current = await readFile(file, 'utf8').catch(() => null);
    if (current === content) continue;
    if (check) stale.push(path.relative(process.cwd(), file));
    else await writeAtomically(file, content);
  }
  if (check && stale.length) {
    console.error(`Committed schema is stale (run npm run compose): ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log(check ? 'schema artifacts are current' : `wrote ${files.size} schema artifacts`);
  process.exit(0);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
