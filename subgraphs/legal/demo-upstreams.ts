// `npm start` without configured upstreams: the bundled fake upstreams (the same servers the
// tests use, adapters/*/fake) started in this process on 127.0.0.1, and real sources talking
// to them, so the demo runs the real sync — HTTP, mapping, legacy-encoding repair, merge,
// file mirroring — at boot. Imported lazily: production never loads the fakes.
import type { LegalSources } from './sync/syncer.ts';
import { createFileFetcher } from './files/file-fetcher.ts';

export interface DemoUpstreams {
  sources: LegalSources;
  close(): Promise<void>;
}

export async function startDemoUpstreams(clock: () => Date): Promise<DemoUpstreams> {
  const { ADAPTERS } = await import('../../adapters/registry.ts');
  const legalDb = ADAPTERS['national-legal-db'];
  const gazette = ADAPTERS.gazette;
  const [legalFake, gazetteFake] = await Promise.all([legalDb.fake(), gazette.fake()]);
  const legalConfig = legalDb.parseConfig(legalFake.config);
  const sources: LegalSources = {
    legal: legalDb.create(legalConfig, { now: clock }),
    gazette: gazette.create(gazette.parseConfig(gazetteFake.config), { now: clock }),
    files: createFileFetcher({ system: legalDb.system, timeoutMs: 5_000, maxBytes: 10 * 1024 * 1024, allowHosts: legalConfig.allowHosts }),
  };
  return {
    sources,
    async close() {
      await Promise.all([sources.legal?.close(), sources.gazette?.close(), sources.files?.close()]);
      await Promise.all([legalFake.close(), gazetteFake.close()]);
    },
  };
}
