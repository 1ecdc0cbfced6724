// The subgraph registry (configuration validated with zod), what of the caller's context each
// subgraph receives, and how /ready weighs core and partner subgraphs — pure, on injected clocks.
import { describe, expect, it } from 'vitest';
import { contextFilterFor } from '../../gateway/context-filter.ts';
import { createReadiness, statusOf, type ProbeResult } from '../../gateway/readiness.ts';
import {
  createRouting,
  entryOf,
  parseRegistry,
  readRegistry,
  readinessTargets,
  registryTimeouts,
  supergraphSubgraphs,
  UnregisteredSubgraphsError,
} from '../../gateway/subgraph-registry.ts';
import { readGatewayConfig } from '../../gateway/config.ts';
import { registryGaps } from '../../scripts/compose.ts';
import { readFileSync } from 'node:fs';
import { DEFAULT_SUPERGRAPH_PATH } from '../../gateway/supergraph.ts';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSubgraphFetcher, SubgraphFetchError } from '../../gateway/fetcher.ts';
import { AUDIENCE_HEADER } from '../../schema/security/gateway-signature.ts';
import { parsePrivateKey, DEV_SIGNING_KEY } from '../../schema/security/keys.ts';
import type { SignedContext } from '../../schema/security/signed-context.ts';

const OWN = '0193a4b2-0000-7000-8000-000000000001';
const OTHER = '0193a4b2-0000-7000-8000-000000000002';

const partner = (extra: Record<string, unknown> = {}) => ({
  trust: 'partner',
  url: 'http://127.0.0.1:4201/graphql',
  owner: { agencyCode: '000.02.00.H43', agencyId: OWN, name: 'Sở Tư pháp tỉnh Phú Thọ' },
  contact: 'cntt@stp.phutho.demo.invalid',
  timeoutMs: 1500,
  maxBytes: 200_000,
  context: ['locale', 'actor.roles', 'actor.agencyIds'],
  ...extra,
});

const FULL: SignedContext = {
  requestId: 'req-1',
  actor: { id: 'u-7', name: 'Nguyễn Văn A', roles: ['EDITOR', 'BOARD', 'ADMIN', 'PARTNER'], agencyIds: [OWN, OTHER] },
  locale: 'vi',
  publicBaseUrl: 'https://cong.phutho.gov.vn',
  clientKey: 'ck',
  idempotencyKey: 'idem-1',
};

describe('registry configuration', () => {
  it('reads the committed registry: every subgraph of the hub has its core entry, every partner SDL its partner entry', async () => {
    const registry = readRegistry(undefined);
    expect([...registry.keys()]).toEqual(expect.arrayContaining(['citizens', 'legal', 'portal', 'services']));
    expect(await registryGaps()).toEqual([]);
  });

  it('defaults: a core subgraph gets every context field, a partner none', () => {
    const r = parseRegistry({ subgraphs: { notaries: partner({ context: undefined }), portal: { ...partner(), trust: 'core', context: undefined } } });
    expect(r.get('notaries')!.context).toEqual([]);
    expect(r.get('portal')!.context).toContain('actor.roles');
  });

  it.each([
    ['an unknown trust class', { trust: 'friend' }, 'subgraphs.notaries.trust'],
    ['a URL that is not http(s)', { url: 'file:///etc/passwd' }, 'subgraphs.notaries.url'],
    ['a malformed agency code', { owner: { agencyCode: 'H43', name: 'x' } }, 'subgraphs.notaries.owner.agencyCode'],
    ['an unknown context field', { context: ['actor.password'] }, 'subgraphs.notaries.context.0'],
    ['a timeout of a minute and more', { timeoutMs: 120_000 }, 'subgraphs.notaries.timeoutMs'],
    ['an answer cap above 50 MB', { maxBytes: 60_000_000 }, 'subgraphs.notaries.maxBytes'],
    ['roles without the owner’s agency id', { owner: { agencyCode: '000.02.00.H43', name: 'x' } }, 'subgraphs.notaries.owner.agencyId'],
    ['an unknown key', { secret: 'x' }, 'subgraphs.notaries'],
  ])('refuses %s, naming where', (_what, change, where) => {
    expect(() => parseRegistry({ subgraphs: { notaries: partner(change) } })).toThrow(where);
  });

  it('refuses a bad subgraph name and a document that is not JSON', () => {
    expect(() => parseRegistry({ subgraphs: { 'Bad Name': partner() } })).toThrow(/subgraphs.Bad Name/);
    expect(() => readRegistry('{not json')).toThrow(/not JSON/);
    expect(() => readRegistry('/nonexistent/registry.json')).toThrow(/cannot read/);
  });

  it('the gateway takes URLs and timeouts from it; SUBGRAPH_URL_<NAME> overrides the URL; a bad registry stops the boot', () => {
    const doc = JSON.stringify({ subgraphs: { notaries: partner() } });
    const config = readGatewayConfig({ NODE_ENV: 'test', SUBGRAPH_REGISTRY: doc });
    expect(config.subgraphUrls.notaries).toBe('http://127.0.0.1:4201/graphql');
    expect(registryTimeouts(config.registry)).toEqual({ notaries: 1500 });
    const overridden = readGatewayConfig({ NODE_ENV: 'test', SUBGRAPH_REGISTRY: doc, SUBGRAPH_URL_NOTARIES: 'http://10.0.0.9/graphql' });
    expect(overridden.subgraphUrls.notaries).toBe('http://10.0.0.9/graphql');
    expect(() => readGatewayConfig({ NODE_ENV: 'test', SUBGRAPH_REGISTRY: '{"subgraphs":{"x1":{}}}' })).toThrow(/SUBGRAPH_REGISTRY/);
  });
});

describe('production', () => {
  const prod = {
    NODE_ENV: 'production',
    GATEWAY_SIGNING_KEYS: 'MC4CAQAwBQYDK2VwBCIEIFYdPnq7xQ6aey5JlThDot8eOV4tleq497l4EZCquP6P',
    JWT_SECRET: 'x'.repeat(40),
    CORS_ORIGINS: 'https://a.example',
  };
  it('a partner subgraph must be reached over https (the loopback aside)', () => {
    const doc = (url: string) => JSON.stringify({ subgraphs: { notaries: partner({ url }) } });
    expect(() => readGatewayConfig({ ...prod, SUBGRAPH_REGISTRY: doc('http://api.stp.example/graphql') })).toThrow(
      /partner subgraphs must be reached over https: notaries/,
    );
    expect(() =>
      readGatewayConfig({ ...prod, SUBGRAPH_REGISTRY: doc('https://api.stp.example/graphql'), SUBGRAPH_URL_NOTARIES: 'http://10.1.2.3/graphql' }),
    ).toThrow(/https: notaries/);
    expect(readGatewayConfig({ ...prod, SUBGRAPH_REGISTRY: doc('https://api.stp.example/graphql') }).subgraphUrls.notaries).toBe(
      'https://api.stp.example/graphql',
    );
    expect(readGatewayConfig({ ...prod, SUBGRAPH_REGISTRY: doc('http://127.0.0.1:4201/graphql') }).subgraphUrls.notaries).toBe('http://127.0.0.1:4201/graphql');
  });
});

describe('routing', () => {
  it('never guesses an entry: a subgraph the registry does not list is refused by name', () => {
    const routing = createRouting({ source: '{"subgraphs":{}}', registry: parseRegistry({ subgraphs: {} }), urls: { portal: 'http://p/graphql' } });
    expect(() => routing.entry('notaries')).toThrow(UnregisteredSubgraphsError);
    expect(() => routing.entry('notaries')).toThrow(/registry does not list: notaries/);
    expect(routing.missing(['portal', 'notaries'])).toEqual(['portal', 'notaries']);
    expect(routing.url('portal')).toBe('http://p/graphql');
    const live = createRouting({ source: undefined, registry: parseRegistry({ subgraphs: {} }), urls: {} });
    expect(live.reload()).toMatchObject({ outcome: 'applied', changed: expect.arrayContaining(['portal', 'legal']) }); // the committed file
    expect(live.entry('portal').trust).toBe('core');
  });

  it('a re-read registry applies changed entries (URL, timeout, cap, context) and reports which', () => {
    let doc = { subgraphs: { notaries: partner() } };
    const routing = createRouting({ source: undefined, registry: parseRegistry(doc), urls: {} });
    // `source` is read on each reload: point it at a document that changes.
    const changing = createRouting({
      get source() {
        return JSON.stringify(doc);
      },
      registry: parseRegistry(doc),
      urls: {},
    });
    expect(routing.timeouts).toEqual({ notaries: 1500 });
    expect(changing.reload()).toEqual({ outcome: 'unchanged' });
    doc = { subgraphs: { notaries: partner({ url: 'http://127.0.0.1:4301/graphql', timeoutMs: 800, maxBytes: undefined, context: ['locale', 'actor.id'] }) } };
    expect(changing.reload()).toEqual({ outcome: 'applied', changed: ['notaries'] });
    expect(changing.url('notaries')).toBe('http://127.0.0.1:4301/graphql');
    expect(changing.timeouts).toEqual({ notaries: 800 });
    expect(changing.maxBytes).toEqual({}); // a removed cap is gone, not kept from before
    expect(changing.entry('notaries').context).toEqual(['locale', 'actor.id']);
    expect(changing.targets()).toEqual({ notaries: { url: 'http://127.0.0.1:4301/graphql', trust: 'partner' } });
  });

  it('a URL override (SUBGRAPH_URL_<NAME>, the launcher) wins over the registry', () => {
    const routing = createRouting({
      source: undefined,
      registry: parseRegistry({ subgraphs: { notaries: partner() } }),
      urls: { notaries: 'http://10.0.0.9/graphql' },
    });
    expect(routing.url('notaries')).toBe('http://10.0.0.9/graphql');
  });

  it('refuses an invalid registry, one dropping a served subgraph, or one failing the gateway’s checks, and keeps the current one', () => {
    let source = '{"subgraphs":{"x1":{}}}';
    const routing = createRouting({
      get source() {
        return source;
      },
      registry: parseRegistry({ subgraphs: { notaries: partner() } }),
      urls: {},
      served: () => ['notaries'],
      validate: (next) => (next.get('notaries')?.url?.startsWith('http://10.') ? 'partner subgraphs must be reached over https: notaries' : null),
    });
    expect(routing.reload()).toMatchObject({ outcome: 'refused', error: { message: expect.stringMatching(/invalid subgraph registry/) } });
    source = '{"subgraphs":{}}';
    expect(routing.reload()).toMatchObject({
      outcome: 'refused',
      error: { message: expect.stringMatching(/drops subgraphs the served supergraph routes to: notaries/) },
    });
    source = JSON.stringify({ subgraphs: { notaries: partner({ url: 'http://10.1.2.3/graphql' }) } });
    expect(routing.reload()).toMatchObject({ outcome: 'refused', error: { message: expect.stringMatching(/over https: notaries/) } });
    expect(routing.entry('notaries').trust).toBe('partner');
    expect(routing.url('notaries')).toBe('http://127.0.0.1:4201/graphql');
  });

  it('names the subgraphs a supergraph routes to', () => {
    const sdl = readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8');
    expect(supergraphSubgraphs(sdl)).toEqual(['citizens', 'legal', 'portal', 'search', 'services']);
  });
});

describe('context filtering', () => {
  it('a core subgraph receives the whole context', () => {
    const core = parseRegistry({ subgraphs: { portal: { ...partner(), trust: 'core', context: undefined } } }).get('portal')!;
    expect(contextFilterFor(core)(FULL)).toEqual(FULL);
  });

  it('a partner learns only the roles held for its own agency, never BOARD or ADMIN, and only listed fields', () => {
    const entry = parseRegistry({ subgraphs: { notaries: partner() } }).get('notaries')!;
    expect(contextFilterFor(entry)(FULL)).toEqual({ requestId: 'req-1', actor: { roles: ['EDITOR', 'PARTNER'], agencyIds: [OWN] }, locale: 'vi' });
  });

  it('staff of another agency reach a partner as nobody in particular', () => {
    const entry = parseRegistry({ subgraphs: { notaries: partner({ context: ['actor.id', 'actor.roles', 'actor.agencyIds'] }) } }).get('notaries')!;
    const other = { ...FULL, actor: { id: 'u-8', roles: ['EDITOR', 'ADMIN'], agencyIds: [OTHER] } };
    expect(contextFilterFor(entry)(other)).toEqual({ requestId: 'req-1', actor: { id: 'u-8', roles: [] } });
  });

  it('a partner with no context fields gets the request id and an anonymous actor', () => {
    const entry = parseRegistry({ subgraphs: { notaries: partner({ context: [] }) } }).get('notaries')!;
    expect(contextFilterFor(entry)(FULL)).toEqual({ requestId: 'req-1', actor: { roles: [] } });
  });

  it('an unlisted subgraph is described (reports) with no context at all', () => {
    expect(contextFilterFor(entryOf(new Map(), 'extras'))(FULL)).toEqual({ requestId: 'req-1', actor: { roles: [] } });
  });
});

describe('readiness', () => {
  it('core down is not-ready, only partners down is degraded', () => {
    expect(statusOf({ a: { ok: true, trust: 'core' }, b: { ok: true, trust: 'partner' } })).toBe('ready');
    expect(statusOf({ a: { ok: true, trust: 'core' }, b: { ok: false, trust: 'partner' } })).toBe('degraded');
    expect(statusOf({ a: { ok: false, trust: 'core' }, b: { ok: false, trust: 'partner' } })).toBe('not-ready');
  });

  it('reports each subgraph with its latency and keeps the last error after recovery', async () => {
    const clock = { at: Date.parse('2026-03-01T08:00:00Z') };
    const answers: Record<string, ProbeResult[]> = {
      'http://p/graphql': [{ ok: true }, { ok: true }],
      'http://n/graphql': [{ ok: false, reason: 'TIMEOUT' }, { ok: true }],
    };
    const registry = parseRegistry({ subgraphs: { notaries: partner() } });
    const readiness = createReadiness(readinessTargets({ portal: 'http://p/graphql', notaries: 'http://n/graphql' }, registry), {
      now: () => clock.at,
      probe: async (url) => answers[url]!.shift()!,
    });
    const first = await readiness();
    expect(first.status).toBe('degraded');
    expect(first.subgraphs).toEqual({ portal: true, notaries: false });
    expect(first.checks.notaries).toMatchObject({ ok: false, trust: 'partner', lastError: { reason: 'TIMEOUT', at: '2026-03-01T08:00:00.000Z' } });
    expect(first.checks.portal).toEqual({ ok: true, trust: 'core', latencyMs: expect.any(Number) });
    expect(await readiness()).toBe(first); // cached for a second
    clock.at += 1_000;
    const second = await readiness();
    expect(second.status).toBe('ready');
    expect(second.checks.notaries).toMatchObject({ ok: true, lastError: { reason: 'TIMEOUT' } });
  });
});

describe('per-subgraph limits in the fetcher', () => {
  it('applies the registry’s answer cap and timeout to the subgraph named, the defaults to the rest', async () => {
    const server = http.createServer((req, res) => {
      if (req.headers[AUDIENCE_HEADER] === 'slow') return; // never answers
      res.end(JSON.stringify({ data: { text: 'x'.repeat(5_000) } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const fetcher = createSubgraphFetcher({
      signer: () => parsePrivateKey(DEV_SIGNING_KEY),
      timeoutMs: 5_000,
      maxBytes: 1_000_000,
      timeouts: { slow: 150 },
      maxBytesBy: { small: 1_000 },
    });
    const call = (audience: string) => fetcher(url, { method: 'POST', body: '{}', headers: { [AUDIENCE_HEADER]: audience } });
    try {
      expect((await call('portal')).status).toBe(200);
      await expect(call('small')).rejects.toMatchObject({ kind: 'TOO_LARGE' });
      await expect(call('slow')).rejects.toBeInstanceOf(SubgraphFetchError);
      await expect(call('slow')).rejects.toMatchObject({ kind: 'TIMEOUT' });
    } finally {
      await fetcher.close();
      server.closeAllConnections();
      server.close();
    }
  });
});
