// Prints each subgraph's SDL into schema/subgraphs/<name>.graphql and composes them into
// schema/supergraph.graphql with @apollo/composition. Both are reviewed, committed artifacts.
//   npm run compose           write them
//   npm run check:schema      fail when what is committed differs from what the code produces
import { readFile, writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS } from '../subgraphs/registry.ts';

const SCHEMA_DIR = path.resolve(import.meta.dirname, '../schema');
const SUBGRAPH_DIR = path.join(SCHEMA_DIR, 'subgraphs');
const SUPERGRAPH = path.join(SCHEMA_DIR, 'supergraph.graphql');

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

export async function produce(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const services = [];
  for (const sg of SUBGRAPHS) {
    const { sdl } = await sg.buildSchema();
    out.set(path.join(SUBGRAPH_DIR, `${sg.name}.graphql`), sdl);
    services.push({ name: sg.name, url: placeholderUrl(sg.name), typeDefs: parse(sdl) });
  }
  for (const p of await partnerSdls()) services.push({ name: p.name, url: placeholderUrl(p.name), typeDefs: parse(p.sdl) });
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  out.set(SUPERGRAPH, `${result.supergraphSdl.trim()}\n`);
  return out;
}

async function main() {
  const check = process.argv.includes('--check');
  const files = await produce();
  const stale: string[] = [];
  for (const [file, content] of files) {
    const current = await readFile(file, 'utf8').catch(() => null);
    if (current === content) continue;
    if (check) stale.push(path.relative(process.cwd(), file));
    else await writeFile(file, content);
  }
  if (check && stale.length) {
    console.error(`Committed schema is stale (run npm run compose): ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log(check ? 'schema artifacts are current' : `wrote ${files.size} schema artifacts`);
  process.exit(0);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
