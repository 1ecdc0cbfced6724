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
  const [{ startServicePortalFake, FAKE_CREDENTIALS }, { startOneStopFake }, { ADAPTERS }] = await Promise.all([
    import('../../adapters/national-service-portal/fake/server.ts'),
    import('../../adapters/one-stop/fake/server.ts'),
    import('../../adapters/kit/registry.ts'),
  ]);
  const [portalFake, oneStopFake] = await Promise.all([startServicePortalFake(), startOneStopFake()]);
  const portal = ADAPTERS['national-service-portal'];
  const oneStop = ADAPTERS['one-stop'].create(ADAPTERS['one-stop'].parseConfig({ endpoint: oneStopFake.endpoint, allowHosts: ['127.0.0.1'] }), { now: clock });
  const sources: ServicesSources = {
    catalogue: portal.create(portal.parseConfig({ endpoint: portalFake.endpoint, ...FAKE_CREDENTIALS, allowHosts: ['127.0.0.1'] }), { now: clock }),
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
