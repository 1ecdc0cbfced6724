// The adapter registry: one line per external system. Each adapter folder exports one
// definition (adapters/kit/types.ts `AdapterDefinition`: system id, zod configuration schema,
// source factory, fake upstream); a host (a subgraph, a sync job, `npm start`) reads every
// `ADAPTER_<SYSTEM>` setting through `adapterConfigsFromEnv` (one loop, invalid configuration
// fails at boot) and builds the sources it consumes with `create`. Adding a system = one folder
// under adapters/ and one line below (see kit/README.md).
import { agencyPortals } from './agency-portals/source.ts';
import { gazette } from './gazette/source.ts';
import type { AdapterDefinition } from './kit/types.ts';
import { nationalLegalDb } from './national-legal-db/source.ts';
import { nationalServicePortal } from './national-service-portal/source.ts';
import { oneStop } from './one-stop/source.ts';

const LIST = [nationalLegalDb, gazette, nationalServicePortal, oneStop, agencyPortals] as const;

type Adapter = (typeof LIST)[number];
export type AdapterSystem = Adapter['system'];

/** The adapters by system id. */
export const ADAPTERS = Object.freeze(Object.fromEntries(LIST.map((a) => [a.system, a]))) as { readonly [A in Adapter as A['system']]: A };

/** Validated configuration of one system's adapter. */
export type AdapterConfig<S extends AdapterSystem> = (typeof ADAPTERS)[S] extends AdapterDefinition<S, infer C, infer _> ? C : never;

export const isAdapterSystem = (value: string): value is AdapterSystem => Object.hasOwn(ADAPTERS, value);

/** The environment variable holding a system's configuration as JSON: ADAPTER_NATIONAL_LEGAL_DB … */
export const adapterEnvName = (system: string): string => `ADAPTER_${system.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;

/**
 * Every `ADAPTER_<SYSTEM>` setting present in `env`, parsed (JSON) and validated by its adapter,
 * in one loop: a system without a setting is absent; an unparsable or invalid one throws (boot fails).
 */
export function adapterConfigsFromEnv(env: Readonly<Record<string, unknown>>): { [S in AdapterSystem]?: AdapterConfig<S> } {
  const configs: Record<string, unknown> = {};
  for (const adapter of LIST) {
    const name = adapterEnvName(adapter.system);
    const raw = env[name];
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new Error(`${name} is not JSON (the ${adapter.system} adapter's configuration, see adapters/${adapter.system}/source.ts)`);
    }
    configs[adapter.system] = adapter.parseConfig(json);
  }
  return configs as { [S in AdapterSystem]?: AdapterConfig<S> };
}
