// The registry of subgraphs the gateway routes to, as configuration: who owns each one, whom
// to call when it breaks, whether it is one of the hub's own (`core`) or a partner agency's
// (`partner`), its timeout, and which fields of the caller's context it may receive.
//
// Read at boot from a JSON file (SUBGRAPH_REGISTRY: a path, or the JSON itself; default
// schema/subgraphs/registry.json), validated with zod: a bad registry stops the gateway before
// it listens. Read again on every hot reload (Routing.reload; a bad one is refused, the current
// one kept). SUBGRAPH_URL_<NAME> still overrides an entry's URL (the launcher and deploys set it).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const DEFAULT_REGISTRY_PATH = path.resolve(import.meta.dirname, '../schema/subgraphs/registry.json');

/**
 * Fields of the caller's context a subgraph may be given (schema/security/signed-context.ts).
 * `requestId` always travels (logs are joined on it); everything else is opt-in per subgraph.
 * - `actor.roles` / `actor.agencyIds`: for a partner, only what the caller holds *for the
 *   partner's own agency* (context-filter.ts); hub-wide roles (BOARD, ADMIN) never leave the hub.
 */
export const CONTEXT_FIELDS = ['actor.id', 'actor.name', 'actor.roles', 'actor.agencyIds', 'locale', 'publicBaseUrl', 'clientKey', 'idempotencyKey'] as const;
export type ContextField = (typeof CONTEXT_FIELDS)[number];

export const TRUST_CLASSES = ['core', 'partner'] as const;
export type TrustClass = (typeof TRUST_CLASSES)[number];

const NAME = /^[a-z][a-z0-9-]{1,39}$/;
/** QCVN 102 electronic identifier of an agency, e.g. 000.02.00.H43. */
const AGENCY_CODE = /^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}$/;

const entrySchema = z
  .object({
    trust: z.enum(TRUST_CLASSES),
    /** Where the gateway calls it; SUBGRAPH_URL_<NAME> overrides. Absent = the launcher says. */
    url: z.url({ protocol: /^https?$/ }).optional(),
    owner: z.strictObject({
      /** The owning agency's QCVN 102 code. */
      agencyCode: z.string().regex(AGENCY_CODE, 'a QCVN 102 agency code, e.g. 000.02.00.H43'),
      /** Its id in the portal (Agency.id): needed to forward roles held for that agency. */
      agencyId: z.uuid().optional(),
      name: z.string().min(1).max(300),
    }),
    /** Who answers when it breaks (an address or a phone line the operators can reach). */
    contact: z.string().min(3).max(200),
    /** Per-call timeout (default: SUBGRAPH_TIMEOUT_MS). */
    timeoutMs: z.number().int().min(100).max(60_000).optional(),
    /** Largest answer accepted per call, in bytes (default: SUBGRAPH_MAX_BYTES). */
    maxBytes: z.number().int().min(1_000).max(50_000_000).optional(),
    /** Context fields it receives beside requestId. Default: all for core, none for a partner. */
    context: z.array(z.enum(CONTEXT_FIELDS)).max(CONTEXT_FIELDS.length).optional(),
    description: z.string().max(500).optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    const wantsRoles = e.context?.some((f) => f === 'actor.roles' || f === 'actor.agencyIds');
    if (e.trust === 'partner' && wantsRoles && !e.owner.agencyId) {
      ctx.addIssue({ code: 'custom', path: ['owner', 'agencyId'], message: 'a partner given actor.roles or actor.agencyIds needs owner.agencyId' });
    }
  });

const registrySchema = z.strictObject({
  $comment: z.string().optional(),
  subgraphs: z.record(z.string().regex(NAME, 'subgraph names are lower-case letters, digits and dashes'), entrySchema),
});

export type RegistryEntryInput = z.input<typeof entrySchema>;

export interface RegistryEntry {
  name: string;
  trust: TrustClass;
  url?: string;
  owner: { agencyCode: string; agencyId?: string; name: string };
  contact: string;
  timeoutMs?: number;
  maxBytes?: number;
  context: readonly ContextField[];
  description?: string;
}

export type SubgraphRegistry = ReadonlyMap<string, RegistryEntry>;

/** Validates a registry document (parsed JSON); throws with every problem named. */
export function parseRegistry(doc: unknown): SubgraphRegistry {
  const parsed = registrySchema.safeParse(doc);
  if (!parsed.success) {
    throw new Error(`invalid subgraph registry: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return new Map(
    Object.entries(parsed.data.subgraphs).map(([name, e]) => [
      name,
      {
        name,
        trust: e.trust,
        url: e.url,
        owner: e.owner,
        contact: e.contact,
        timeoutMs: e.timeoutMs,
        maxBytes: e.maxBytes,
        context: e.context ?? (e.trust === 'core' ? CONTEXT_FIELDS : []),
        description: e.description,
      },
    ]),
  );
}

/** SUBGRAPH_REGISTRY: a file path, or the JSON document itself (for containers); default the committed file. */
export function readRegistry(value: string | undefined): SubgraphRegistry {
  const source = value?.trim() || DEFAULT_REGISTRY_PATH;
  let text: string;
  if (source.startsWith('{')) text = source;
  else {
    try {
      text = readFileSync(source, 'utf8');
    } catch (err) {
      throw new Error(`invalid subgraph registry: cannot read ${source} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { cause: err });
    }
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error('invalid subgraph registry: not JSON');
  }
  return parseRegistry(doc);
}

/** A placeholder for reports about a name the registry does not list (never used to route: Routing.entry refuses). */
export function unlistedEntry(name: string): RegistryEntry {
  // Least context, and required for readiness: nothing says it may be missing.
  return { name, trust: 'core', owner: { agencyCode: '', name: 'unlisted' }, contact: 'unlisted', context: [] };
}

export const entryOf = (registry: SubgraphRegistry, name: string): RegistryEntry => registry.get(name) ?? unlistedEntry(name);

/** Per-subgraph call timeouts the registry sets (the fetcher's `timeouts`). */
export function registryTimeouts(registry: SubgraphRegistry): Record<string, number> {
  return Object.fromEntries([...registry.values()].filter((e) => e.timeoutMs !== undefined).map((e) => [e.name, e.timeoutMs!]));
}

/** Per-call answer caps the registry sets (the fetcher's `maxBytesBy`). */
export function registryMaxBytes(registry: SubgraphRegistry): Record<string, number> {
  return Object.fromEntries([...registry.values()].filter((e) => e.maxBytes !== undefined).map((e) => [e.name, e.maxBytes!]));
}

/** What /ready probes: every routed subgraph, with its trust class. */
export function readinessTargets(urls: Record<string, string>, registry: SubgraphRegistry): Record<string, { url: string; trust: TrustClass }> {
  return Object.fromEntries(Object.entries(urls).map(([name, url]) => [name, { url, trust: entryOf(registry, name).trust }]));
}

/** Subgraph names a composed supergraph routes to (its `join__Graph` values). */
export function supergraphSubgraphs(supergraphSdl: string): string[] {
  return [...new Set([...supergraphSdl.matchAll(/@join__graph\(\s*name:\s*"([^"]+)"/g)].map((m) => m[1]!))].sort();
}

/** Why the gateway refuses a supergraph: subgraphs it routes to that the registry does not describe. */
export class UnregisteredSubgraphsError extends Error {
  readonly code = 'UNREGISTERED_SUBGRAPH';
  constructor(readonly subgraphs: string[]) {
    super(
      `the supergraph routes to subgraphs the registry does not list: ${subgraphs.join(', ')} ` +
        '(add their entries to SUBGRAPH_REGISTRY / schema/subgraphs/registry.json — owner, contact, trust, context — then publish)',
    );
    this.name = 'UnregisteredSubgraphsError';
  }
}

/** The outcome of re-reading the registry. */
export type RegistryReload = { outcome: 'unchanged' } | { outcome: 'applied'; changed: string[] } | { outcome: 'refused'; error: Error };

/**
 * The gateway's live view of the registry. It is re-read on every hot reload (a change of the
 * supergraph or of the registry file, gateway/supergraph.ts), before a new supergraph is
 * checked: a published partner's entry, and a changed entry (URL, timeout, answer cap, context
 * fields), take effect without a restart. A subgraph the registry does not list is never routed
 * with a guessed entry: `entry()` throws, and the supergraph naming it is refused first.
 */
export interface Routing {
  /** A subgraph's entry; throws UnregisteredSubgraphsError for a name the registry does not list. */
  entry(name: string): RegistryEntry;
  /** A subgraph's entry as the registry holds it now, or a placeholder (reports only, never routing). */
  describe(name: string): RegistryEntry;
  /** A subgraph's entry as the registry holds it now, undefined when it does not list it. */
  listed(name: string): RegistryEntry | undefined;
  /** Where to call it: the launcher's or SUBGRAPH_URL_<NAME>'s URL, else the registry's. */
  url(name: string): string | undefined;
  /** Names of `names` the registry does not list. */
  missing(names: readonly string[]): string[];
  /** Every routed subgraph with its trust class (what /ready probes). */
  targets(): Record<string, { url: string; trust: TrustClass }>;
  /** Read the registry again; an invalid one, or one dropping a subgraph still served, is refused and the current one kept. */
  reload(): RegistryReload;
  /** Per-call timeouts by name, kept current in place (the fetcher reads it per call). */
  readonly timeouts: Record<string, number>;
  /** Per-call answer caps by name, kept current in place. */
  readonly maxBytes: Record<string, number>;
}

const replaceIn = (target: Record<string, number>, next: Record<string, number>) => {
  for (const k of Object.keys(target)) delete target[k];
  Object.assign(target, next);
};

export function createRouting(opts: {
  /** SUBGRAPH_REGISTRY as configured (path or JSON; undefined = the committed file). */
  source: string | undefined;
  registry: SubgraphRegistry;
  /** URLs that override the registry's: SUBGRAPH_URL_<NAME>, the launcher's. */
  urls: Record<string, string>;
  /** The subgraphs the served supergraph routes to: a registry dropping one of them is refused. */
  served?: () => readonly string[];
  /** Further checks of a new registry (production: partners over https); a message refuses it. */
  validate?: (registry: SubgraphRegistry) => string | null;
}): Routing {
  let registry = opts.registry;
  const timeouts: Record<string, number> = registryTimeouts(registry);
  const maxBytes: Record<string, number> = registryMaxBytes(registry);
  const url = (name: string) => opts.urls[name] ?? registry.get(name)?.url;
  const missingIn = (reg: SubgraphRegistry, names: readonly string[]) => names.filter((n) => !reg.has(n));
  return {
    timeouts,
    maxBytes,
    entry(name) {
      const entry = registry.get(name);
      if (!entry) throw new UnregisteredSubgraphsError([name]);
      return entry;
    },
    describe: (name) => entryOf(registry, name),
    listed: (name) => registry.get(name),
    url,
    missing: (names) => missingIn(registry, names),
    targets() {
      const names = new Set([...Object.keys(opts.urls), ...[...registry.values()].filter((e) => e.url).map((e) => e.name)]);
      return Object.fromEntries([...names].map((name) => [name, { url: url(name)!, trust: entryOf(registry, name).trust }]));
    },
    reload() {
      let next: SubgraphRegistry;
      try {
        next = readRegistry(opts.source);
        const dropped = missingIn(next, opts.served?.() ?? []);
        if (dropped.length) {
          throw new Error(
            `invalid subgraph registry: it drops subgraphs the served supergraph routes to: ${dropped.join(', ')} (publish a supergraph without them first)`,
          );
        }
        const problem = opts.validate?.(next);
        if (problem) throw new Error(`invalid subgraph registry: ${problem}`);
      } catch (err) {
        return { outcome: 'refused', error: err as Error };
      }
      const changed = [...new Set([...registry.keys(), ...next.keys()])].filter((n) => JSON.stringify(registry.get(n)) !== JSON.stringify(next.get(n))).sort();
      if (!changed.length) return { outcome: 'unchanged' };
      registry = next;
      replaceIn(timeouts, registryTimeouts(registry));
      replaceIn(maxBytes, registryMaxBytes(registry));
      return { outcome: 'applied', changed };
    },
  };
}
