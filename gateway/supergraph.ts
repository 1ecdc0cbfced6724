// The committed, composed supergraph (schema/supergraph.graphql), watched for changes: a new
// composition is picked up without a restart. Subgraph URLs in the file are placeholders; the
// gateway routes each subgraph name to its configured URL.
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from 'pino';

export const DEFAULT_SUPERGRAPH_PATH = path.resolve(import.meta.dirname, '../schema/supergraph.graphql');

export function watchedSupergraph(file: string, logger: Logger): SupergraphSdlHook & { stop(): void } {
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    clearTimeout(timer);
    watcher?.close();
  };
  const hook = async ({ update }: Parameters<SupergraphSdlHook>[0]) => {
    let last = await readFile(file, 'utf8');
    // Watch the folder, not the file: a deploy that writes a new file and renames it over the
    // old one (atomic replace) would leave a file watcher on the old, deleted inode.
    const base = path.basename(file);
    watcher = watch(path.dirname(file), (_event, name) => {
      if (name && name !== base) return;
      clearTimeout(timer);
      timer = setTimeout(async () => {
        try {
          const next = await readFile(file, 'utf8');
          if (next === last || !next.trim()) return;
          update(next);
          last = next;
          logger.info({ file: path.basename(file) }, 'supergraph reloaded');
        } catch (err) {
          // An invalid composition is refused by the gateway: keep serving the previous one.
          logger.error({ err }, 'supergraph reload refused');
        }
      }, 200);
    });
    return { supergraphSdl: last, cleanup: async () => stop() };
  };
  return Object.assign(hook, { stop });
}
