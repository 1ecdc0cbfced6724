// `npm start` without configured upstreams: the bundled fake national public-service portal
// (the same server the tests use) started in this process on 127.0.0.1, and a real source
// talking to it, so the demo runs the real sync — session login, HTTP, mapping, storage — at
// boot. Imported lazily: production never loads the fakes.
import type { ServicesSources } from './config.ts';

export interface DemoUpstreams {
  sources: ServicesSources;
  close(): Promise<void>;
}

export async function startDemoUpstreams(clock: () => Date): Promise<DemoUpstreams> {
  const [{ startServicePortalFake, FAKE_CREDENTIALS }, { ADAPTERS }] = await Promise.all([
    import('../../adapters/national-service-portal/fake/server.ts'),
    import('../../adapters/kit/registry.ts'),
  ]);
  const portalFake = await startServicePortalFake();
  const portal = ADAPTERS['national-service-portal'];
  const sources: ServicesSources = {
    catalogue: portal.create(portal.parseConfig({ endpoint: portalFake.endpoint, ...FAKE_CREDENTIALS, allowHosts: ['127.0.0.1'] }), { now: clock }),
  };
  return {
    sources,
    async close() {
      await sources.catalogue?.close();
      await portalFake.close();
    },
  };
}
