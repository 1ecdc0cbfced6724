// `npm start` without configured upstreams: the bundled fake national public-service portal and
// one-stop system (the same servers the tests use) started in this process on 127.0.0.1, and a real source
// talking to it, so the demo runs the real sync — session login, HTTP, mapping, storage — at
// boot. Imported lazily: production never loads the fakes.
import type { ServicesSources } from './config.ts';

export interface DemoUpstreams {
  sources: ServicesSources;
  close(): Promise<void>;
}

export async function startDemoUpstreams(clock: () => Date): Promise<DemoUpstreams> {
  const { ADAPTERS } = await import('../../adapters/registry.ts');
  const portal = ADAPTERS['national-service-portal'];
  const oneStopAdapter = ADAPTERS['one-stop'];
  const [portalFake, oneStopFake] = await Promise.all([portal.fake(), oneStopAdapter.fake()]);
  const oneStop = oneStopAdapter.create(oneStopAdapter.parseConfig(oneStopFake.config), { now: clock });
  const sources: ServicesSources = {
    catalogue: portal.create(portal.parseConfig(portalFake.config), { now: clock }),
    dossiers: oneStop,
    usage: oneStop,
  };
  return {
    sources,
    async close() {
      await Promise.all([sources.catalogue?.close(), oneStop.close()]);
      await Promise.all([portalFake.close(), oneStopFake.close()]);
    },
  };
}
