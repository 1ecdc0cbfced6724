// Supergraphs composed for a test: the hub's own subgraphs (from their code, as
// `npm run compose` does) plus test subgraphs, written to a temp file for SUPERGRAPH_PATH.
import { readFileSync } from 'node:fs';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { composeSupergraph as compose, subgraphSdls } from '../../../scripts/compose.ts';
import type { RunningGateway } from '../../../gateway/server.ts';
import { DEFAULT_REGISTRY_PATH } from '../../../gateway/subgraph-registry.ts';
import type { ReloadEvent } from '../../../gateway/supergraph.ts';

export async function composeSupergraph(extra: { name: string; sdl: string }[] = []): Promise<string> {
  return compose([...(await subgraphSdls()), ...extra]);
}

export interface SupergraphFile {
  path: string;
  /** Replace the file the way a careful deploy does: write beside it, rename over it. */
  replace(sdl: string): Promise<void>;
  remove(): Promise<void>;
}

export async function supergraphFile(sdl: string): Promise<SupergraphFile> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cong-hub-supergraph-'));
  const file = path.join(dir, 'supergraph.graphql');
  await writeFile(file, sdl);
  return {
    path: file,
    async replace(next) {
      const tmp = path.join(dir, `.next-${process.pid}-${Date.now()}`);
      await writeFile(tmp, next);
      await rename(tmp, file);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The committed subgraph registry (schema/subgraphs/registry.json) as a document. */
export const COMMITTED_REGISTRY = JSON.parse(readFileSync(DEFAULT_REGISTRY_PATH, 'utf8')) as { subgraphs: Record<string, unknown> };

/** The registry entry of the test subgraph `extras` (the hub's own, by default: its fields are the hub's). */
export const extrasEntry = (extra: Record<string, unknown> = {}) => ({
  trust: 'core',
  owner: { agencyCode: '000.01.00.H43', name: 'Văn phòng UBND tỉnh Phú Thọ' },
  contact: 'tests@phutho.demo.invalid',
  ...extra,
});

/** SUBGRAPH_REGISTRY (the JSON itself) for a hub whose supergraph routes to test subgraphs too. */
export const registryWith = (entries: Record<string, unknown>): string => JSON.stringify({ subgraphs: { ...COMMITTED_REGISTRY.subgraphs, ...entries } });

/**
 * The gateway's next finished hot reload that `match`es (gateway/supergraph.ts `ReloadEvent`):
 * what a test awaits after writing the supergraph or registry, instead of polling on a timer.
 * Subscribe before writing.
 */
export function nextReload(gateway: RunningGateway, match: (event: ReloadEvent) => boolean = () => true): Promise<ReloadEvent> {
  return new Promise((resolve) => {
    const off = gateway.onReload((event) => {
      if (!match(event)) return;
      off();
      resolve(event);
    });
  });
}
