// The adapter registry: every adapter folder's one definition (system id, configuration schema,
// source factory, fake upstream) is listed once, keyed by its own id; every ADAPTER_<SYSTEM>
// setting is read in one loop and refused at boot when it is not JSON or not valid; each
// definition's fake, configured by what the fake says, answers its own source's health probe.
import { describe, expect, it } from 'vitest';
import { ADAPTERS, adapterConfigsFromEnv, adapterEnvName, isAdapterSystem, type AdapterSystem } from '../../adapters/registry.ts';

const SYSTEMS = Object.keys(ADAPTERS) as AdapterSystem[];

describe('adapter registry', () => {
  it('keys every definition by its own system id, with a zod schema, a factory and a fake', () => {
    expect(SYSTEMS).toEqual(['national-legal-db', 'gazette', 'national-service-portal', 'one-stop', 'agency-portals']);
    for (const system of SYSTEMS) {
      const adapter = ADAPTERS[system];
      expect(adapter.system).toBe(system);
      expect(isAdapterSystem(system)).toBe(true);
      expect(typeof adapter.configSchema.safeParse).toBe('function');
      expect(typeof adapter.create).toBe('function');
      expect(typeof adapter.fake).toBe('function');
    }
    expect(isAdapterSystem('toString')).toBe(false);
    expect(adapterEnvName('national-legal-db')).toBe('ADAPTER_NATIONAL_LEGAL_DB');
    expect(adapterEnvName('agency-portals')).toBe('ADAPTER_AGENCY_PORTALS');
  });

  it('reads every ADAPTER_<SYSTEM> in one loop: absent and empty settings are skipped, present ones validated', () => {
    const configs = adapterConfigsFromEnv({
      ADAPTER_GAZETTE: JSON.stringify({ documentsFeedUrl: 'https://congbao.example.vn/rss/vb', issuesFeedUrl: 'https://congbao.example.vn/rss/so' }),
      ADAPTER_ONE_STOP: '  ',
      UNRELATED: 'x',
    });
    expect(Object.keys(configs)).toEqual(['gazette']);
    expect(configs.gazette?.documentsFeedUrl).toBe('https://congbao.example.vn/rss/vb');
  });

  it('refuses a setting that is not JSON, naming the variable and not echoing its value', () => {
    expect(() => adapterConfigsFromEnv({ ADAPTER_NATIONAL_LEGAL_DB: '{kind: json, password: hunter2' })).toThrow(/ADAPTER_NATIONAL_LEGAL_DB is not JSON/);
    expect(() => adapterConfigsFromEnv({ ADAPTER_NATIONAL_LEGAL_DB: '{kind: json, password: hunter2' })).not.toThrow(/hunter2/);
  });

  it('refuses an invalid configuration (schema, URL guard) at boot', () => {
    expect(() => adapterConfigsFromEnv({ ADAPTER_NATIONAL_LEGAL_DB: JSON.stringify({ kind: 'ftp', endpoint: 'https://vbpl.example.vn' }) })).toThrow();
    // A private address not allowed by the configuration (SECURITY-MATRIX B1).
    expect(() => adapterConfigsFromEnv({ ADAPTER_ONE_STOP: JSON.stringify({ endpoint: 'http://10.0.0.5/motcua' }) })).toThrow();
  });

  it.each(SYSTEMS.filter((s) => s !== 'agency-portals'))('%s: the fake runs on 127.0.0.1 and the source configured for it is healthy', async (system) => {
    const adapter = ADAPTERS[system];
    const fake = await adapter.fake();
    try {
      expect(JSON.stringify(fake.config)).toContain('127.0.0.1');
      const configs = adapterConfigsFromEnv({ [adapterEnvName(system)]: JSON.stringify(fake.config) });
      const source = (adapter.create as (c: unknown) => { health(): Promise<{ ok: boolean; system: string }>; close(): Promise<void> })(configs[system]);
      try {
        const health = await source.health();
        expect(health).toMatchObject({ ok: true, system });
      } finally {
        await source.close();
      }
    } finally {
      await fake.close();
    }
  });

  it('agency-portals: ADAPTER_AGENCY_PORTALS is read in the same loop (defaults filled, bad values refused)', () => {
    const configs = adapterConfigsFromEnv({ ADAPTER_AGENCY_PORTALS: JSON.stringify({ timeoutMs: 3000, allowHosts: ['portal.internal'] }) });
    expect(configs['agency-portals']).toMatchObject({ timeoutMs: 3000, allowHosts: ['portal.internal'], maxItems: 500, maxRedirects: 3 });
    expect(() => adapterConfigsFromEnv({ ADAPTER_AGENCY_PORTALS: JSON.stringify({ maxRedirects: 50 }) })).toThrow();
    expect(() => adapterConfigsFromEnv({ ADAPTER_AGENCY_PORTALS: 'nope' })).toThrow(/ADAPTER_AGENCY_PORTALS is not JSON/);
  });

  it("agency-portals: the harvester built from the fake's configuration reads its feed and sitemap", async () => {
    const adapter = ADAPTERS['agency-portals'];
    const fake = await adapter.fake();
    // The fake's URLs: a second instance serves the same documents (its own port).
    const { startAgencyPortalFake } = await import('../../adapters/agency-portals/fake/server.ts');
    const portal = await startAgencyPortalFake();
    try {
      expect(JSON.stringify(fake.config)).toContain('127.0.0.1');
      const config = adapterConfigsFromEnv({ [adapterEnvName('agency-portals')]: JSON.stringify(fake.config) })['agency-portals']!;
      const harvester = adapter.create(config);
      try {
        const feed = await harvester.fetch('FEED', portal.rssUrl);
        expect(feed.entries.length).toBe(portal.items.length);
        const sitemap = await harvester.fetch('SITEMAP', portal.sitemapUrl);
        expect(sitemap.entries.length).toBeGreaterThan(0);
      } finally {
        await harvester.close();
      }
      // The default (strict) configuration refuses the loopback fake.
      const strict = adapter.create(adapterConfigsFromEnv({ ADAPTER_AGENCY_PORTALS: '{}' })['agency-portals']!);
      await expect(strict.fetch('FEED', portal.rssUrl)).rejects.toMatchObject({ extensions: { code: expect.stringMatching(/^UPSTREAM_/) } });
      await strict.close();
    } finally {
      await portal.close();
      await fake.close();
    }
  });
});
