// Supergraphs composed for a test: the hub's own subgraphs (from their code, as
// `npm run compose` does) plus test subgraphs, written to a temp file for SUPERGRAPH_PATH.
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { composeSupergraph as compose, subgraphSdls } from '../../../scripts/compose.ts';

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
