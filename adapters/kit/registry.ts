// The adapter registry: one line per external system. A host (a subgraph, a sync job, `npm
// start`) looks an adapter up here by its system id, validates its configuration with
// `parseConfig` at boot and builds the source with `create`. Adding a system = one folder under
// adapters/ and one line below (see README.md).
import { gazette } from '../gazette/source.ts';
import { nationalLegalDb } from '../national-legal-db/source.ts';
import { nationalServicePortal } from '../national-service-portal/source.ts';
import { oneStop } from '../one-stop/source.ts';

export const ADAPTERS = {
  'national-legal-db': nationalLegalDb,
  gazette: gazette,
  'national-service-portal': nationalServicePortal,
  'one-stop': oneStop,
} as const;

export type AdapterSystem = keyof typeof ADAPTERS;

// A registry key that differs from the adapter's own id would mislabel errors and provenance.
for (const [key, adapter] of Object.entries(ADAPTERS)) {
  if (adapter.system !== key) throw new Error(`adapter registered as ${key} calls itself ${adapter.system}`);
}

export const isAdapterSystem = (value: string): value is AdapterSystem => Object.hasOwn(ADAPTERS, value);
