// The committed, composed supergraph (schema/supergraph.graphql), watched for changes: a new
// composition is picked up without a restart. Subgraph URLs in the file are placeholders; the
// gateway routes each subgraph name to its configured URL.
//
// A hot reload is one pass, whichever watched file changed (the supergraph, or the subgraph
// registry file `alsoWatch` names): `refresh` first (the gateway re-reads the registry and
// applies changed entries to the live subgraph clients), then, if the supergraph text changed,
// `check` (the gateway refuses a supergraph routing to a subgraph the registry does not list)
// and the gateway's own validation. Every pass ends in one `onEvent` (tests wait on it; the
// gateway keeps the last refusal for /ready).
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from 'pino';

export const DEFAULT_SUPERGRAPH_PATH = path.resolve(import.meta.dirname, '../schema/supergraph.graphql');

/** How long a burst of file events (write, rename, the registry then the supergraph) is gathered into one reload. */
export const RELOAD_DEBOUNCE_MS = 200;

/** What one hot-reload pass did. */
export interface ReloadEvent {
  /** The supergraph: `applied` (a new one is served), `unchanged`, or `refused` (the previous one keeps serving). */
  supergraph: 'applied' | 'unchanged' | 'refused';
  /** Why the supergraph was refused. */
  error?: Error;
}

export interface SupergraphWatchOptions {
  /** Further files whose change starts a reload (the registry file). */
  alsoWatch?: string[];
  /** Runs first on every reload (re-read the registry). */
  refresh?: () => void;
  /** Checks a supergraph before it is served, at boot too; throws to refuse it (at boot: the gateway does not start). */
  check?: (sdl: string) => void;
  onEvent?: (event: ReloadEvent) => void;
}

export function watchedSupergraph(file: string, logger: Logger, opts: SupergraphWatchOptions = {}): SupergraphSdlHook & { stop(): void; current(): string } {
  const watchers: FSWatcher[] = [];
  /** The supergraph served (empty before the gateway loads it). */
  let last = '';
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    clearTimeout(timer);
    for (const w of watchers) w.close();
  };
  const hook = async ({ update }: Parameters<SupergraphSdlHook>[0]) => {
    const first = await readFile(file, 'utf8');
    opts.check?.(first);
    last = first;
    const reload = async (): Promise<ReloadEvent> => {
      opts.refresh?.();
      let next: string;
      try {
        next = await readFile(file, 'utf8');
      } catch (err) {
        return { supergraph: 'refused', error: err as Error };
      }
      if (next === last || !next.trim()) return { supergraph: 'unchanged' };
      try {
        opts.check?.(next);
        update(next);
      } catch (err) {
        // An invalid composition is refused: keep serving the previous one.
        return { supergraph: 'refused', error: err as Error };
      }
      last = next;
      return { supergraph: 'applied' };
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void reload().then((event) => {
          if (event.supergraph === 'applied') logger.info({ file: path.basename(file) }, 'supergraph reloaded');
          if (event.error) logger.error({ err: event.error }, 'supergraph reload refused');
          opts.onEvent?.(event);
        });
      }, RELOAD_DEBOUNCE_MS);
    };
    // Watch the folders, not the files: a deploy that writes a new file and renames it over the
    // old one (atomic replace) would leave a file watcher on the old, deleted inode.
    const byDir = new Map<string, Set<string>>();
    for (const f of [file, ...(opts.alsoWatch ?? [])]) {
      const dir = path.dirname(path.resolve(f));
      byDir.set(dir, (byDir.get(dir) ?? new Set()).add(path.basename(f)));
    }
    for (const [dir, names] of byDir) {
      watchers.push(
        watch(dir, (_event, name) => {
          if (!name || names.has(name)) schedule();
        }),
      );
    }
    return { supergraphSdl: last, cleanup: async () => stop() };
  };
  return Object.assign(hook, { stop, current: () => last });
}
