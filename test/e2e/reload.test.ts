// Supergraph hot reload: a new composition in the file SUPERGRAPH_PATH points to is served
// without a restart (written in place or renamed over the old file); an invalid one is refused
// and the previous schema keeps serving. The registry file is re-read on every reload: a changed
// entry (URL, context fields) takes effect on the live subgraph client, and a supergraph routing
// to a subgraph the registry does not list is refused (at boot too), with the reason on /ready.
// Every step waits for the gateway's reload event, never for a timer.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../gateway/auth.ts';
import { readGatewayConfig } from '../../gateway/config.ts';
import { startGateway } from '../../gateway/server.ts';
import { createLogger } from '../../schema/observability/logger.ts';
import { writeAtomically } from '../../scripts/compose.ts';
import { BASE_ENV, startTestHub, TEST_JWT, type TestHub } from '../harness/hub.ts';
import { startExtras, EXTRAS_SDL, type ExtrasSubgraph } from './support/extras.ts';
import { gql, send, type HttpResult } from './support/http.ts';
import { COMMITTED_REGISTRY, composeSupergraph, extrasEntry, nextReload, registryWith, supergraphFile, type SupergraphFile } from './support/supergraph.ts';

let t: TestHub;
let extras: ExtrasSubgraph;
let moved: ExtrasSubgraph;
let file: SupergraphFile;
let registryFile: string;
let base: string;
let withExtras: string;

const WEATHER = '{ weather }';
const PORTAL = '{ agency(slug: "so-tu-phap-phu-tho") { slug } }';

beforeAll(async () => {
  extras = await startExtras();
  moved = await startExtras();
  base = await composeSupergraph();
  withExtras = await composeSupergraph([{ name: 'extras', sdl: EXTRAS_SDL }]);
  file = await supergraphFile(base);
  registryFile = path.join(path.dirname(file.path), 'registry.json');
  await writeAtomically(registryFile, registryWith({ extras: extrasEntry({ url: extras.url, context: ['locale'] }) }));
  t = await startTestHub({ env: { SUPERGRAPH_PATH: file.path, SUBGRAPH_REGISTRY: registryFile } });
});

afterAll(async () => {
  await t?.stop();
  await Promise.all([extras?.close(), moved?.close()]);
  await file?.remove();
});

/** Write, then wait for the reload the write causes (subscribed first: no event is missed). */
async function publish(write: () => Promise<void>, supergraph?: 'applied' | 'unchanged' | 'refused') {
  const reloaded = nextReload(t.hub.gateway, (e) => supergraph === undefined || e.supergraph === supergraph);
  await write();
  return reloaded;
}

const servesWeather = (res: HttpResult) => res.status === 200 && res.body.data?.weather === 'Trời nắng';
const refusesWeather = (res: HttpResult) => res.status === 400 && res.body.errors?.[0]?.extensions?.code === 'GRAPHQL_VALIDATION_FAILED';

describe('supergraph hot reload', () => {
  it('does not know the second subgraph at boot', async () => {
    expect(refusesWeather(await gql(t.url, WEATHER))).toBe(true);
  });

  it('serves a new field after the file is replaced by rename, without a restart', async () => {
    expect(await publish(() => file.replace(withExtras))).toEqual({ supergraph: 'applied' });
    const res = await gql(t.url, WEATHER);
    expect(res.body).toEqual({ data: { weather: 'Trời nắng' } });
    const joined = await gql(t.url, '{ agency(slug: "so-tu-phap-phu-tho") { slug hotline } }');
    expect(joined.body).toEqual({ data: { agency: { slug: 'so-tu-phap-phu-tho', hotline: expect.stringMatching(/^1900 /) } } });
  });

  it('refuses an invalid file and keeps serving the previous schema', async () => {
    for (const [junk, outcome] of [
      ['this is not a supergraph {', 'refused'],
      ['type Query { hello: String }', 'refused'],
      ['', 'unchanged'],
    ] as const) {
      const event = await publish(() => writeFile(file.path, junk));
      expect(event.supergraph, `after writing ${JSON.stringify(junk)}`).toBe(outcome);
      const res = await gql(t.url, WEATHER);
      expect(res.body, `after writing ${JSON.stringify(junk)}`).toEqual({ data: { weather: 'Trời nắng' } });
      expect((await gql(t.url, PORTAL)).body).toEqual({ data: { agency: { slug: 'so-tu-phap-phu-tho' } } });
    }
    // Put the served text back (the refused writes left junk in the file).
    expect(await publish(() => file.replace(withExtras))).toEqual({ supergraph: 'unchanged' });
  });

  it('applies a changed registry entry to the live subgraph: its URL and the context fields it receives', async () => {
    const staff = `Bearer ${await issueToken(TEST_JWT, { id: 'staff-9', name: 'Cán bộ', roles: ['EDITOR'], agencyIds: [] })}`;
    await gql(t.url, WEATHER, { headers: { authorization: staff } });
    expect(extras.lastContext).toEqual({ requestId: expect.any(String), actor: { roles: [] }, locale: 'vi' });
    const before = { extras: extras.signed, moved: moved.signed };
    const entry = extrasEntry({ url: moved.url, context: ['locale', 'actor.id', 'actor.roles'] });
    expect(await publish(() => writeAtomically(registryFile, registryWith({ extras: entry })))).toEqual({ supergraph: 'unchanged' });
    expect((await gql(t.url, WEATHER, { headers: { authorization: staff } })).body).toEqual({ data: { weather: 'Trời nắng' } });
    expect({ extras: extras.signed, moved: moved.signed }).toEqual({ extras: before.extras, moved: before.moved + 1 });
    expect(moved.lastContext).toEqual({ requestId: expect.any(String), actor: { id: 'staff-9', roles: ['EDITOR'] }, locale: 'vi' });
  });

  it('signs calls to the hub’s own subgraphs with their shared key and a partner’s with Ed25519, by the registry as it is now', async () => {
    await gql(t.url, WEATHER);
    expect(moved.lastAlgorithm).toBe('hmac-sha256');
    const core = extrasEntry({ url: moved.url, context: ['locale', 'actor.id', 'actor.roles'] });
    const partner = { ...core, trust: 'partner', context: ['locale'] };
    expect(await publish(() => writeAtomically(registryFile, registryWith({ extras: partner })))).toEqual({ supergraph: 'unchanged' });
    expect((await gql(t.url, WEATHER)).body).toEqual({ data: { weather: 'Trời nắng' } });
    expect(moved.lastAlgorithm).toBe('ed25519');
    expect(await publish(() => writeAtomically(registryFile, registryWith({ extras: core })))).toEqual({ supergraph: 'unchanged' });
    expect((await gql(t.url, WEATHER)).body).toEqual({ data: { weather: 'Trời nắng' } });
    expect(moved.lastAlgorithm).toBe('hmac-sha256');
  });

  it('still watches after the rename: an in-place write removes the field again', async () => {
    expect(await publish(() => writeFile(file.path, base))).toEqual({ supergraph: 'applied' });
    expect(refusesWeather(await gql(t.url, WEATHER))).toBe(true);
    expect((await gql(t.url, PORTAL)).body).toEqual({ data: { agency: { slug: 'so-tu-phap-phu-tho' } } });
  });
});

describe('a subgraph the registry does not list', () => {
  it('is refused on hot reload, with the reason on /ready, and served once its entry is published', async () => {
    // The entry goes (nothing routes to extras now), then a supergraph naming it comes.
    expect(await publish(() => writeAtomically(registryFile, JSON.stringify(COMMITTED_REGISTRY)))).toEqual({ supergraph: 'unchanged' });
    const refused = await publish(() => writeAtomically(file.path, withExtras));
    expect(refused.supergraph).toBe('refused');
    expect(refused.error?.message).toMatch(/routes to subgraphs the registry does not list: extras/);
    expect(refusesWeather(await gql(t.url, WEATHER))).toBe(true);
    const ready = await send(`${t.base}/ready`);
    expect(ready.status).toBe(200); // the previous supergraph keeps serving: still ready
    expect(ready.body).toMatchObject({ status: 'ready', reload: { lastRefused: { code: 'UNREGISTERED_SUBGRAPH', subgraphs: ['extras'] } } });
    // Publishing the entry reloads again: now the waiting supergraph is served.
    const served = await publish(() => writeAtomically(registryFile, registryWith({ extras: extrasEntry({ url: extras.url }) })));
    expect(served).toEqual({ supergraph: 'applied' });
    expect(servesWeather(await gql(t.url, WEATHER))).toBe(true);
    expect((await send(`${t.base}/ready`)).body).not.toHaveProperty('reload');
  });

  it('refuses a registry that drops a subgraph the served supergraph routes to, and keeps routing it', async () => {
    expect(await publish(() => writeAtomically(registryFile, JSON.stringify(COMMITTED_REGISTRY)))).toEqual({ supergraph: 'unchanged' });
    expect(servesWeather(await gql(t.url, WEATHER))).toBe(true);
    expect((await send(`${t.base}/ready`)).body).toMatchObject({ reload: { lastRefused: { code: 'INVALID_REGISTRY' } } });
  });

  it('stops a gateway from starting', async () => {
    const config = readGatewayConfig(
      { ...BASE_ENV, PORT: '0', SUPERGRAPH_PATH: file.path, SUBGRAPH_REGISTRY: JSON.stringify(COMMITTED_REGISTRY) },
      { subgraphUrls: { extras: extras.url } },
    );
    await expect(startGateway(config, createLogger('silent'))).rejects.toThrow(/registry does not list: extras/);
  });
});

describe('a subgraph removed: its entry and the supergraph without it published together', () => {
  it('serves the new supergraph, then takes the registry refused a moment before', async () => {
    // Served: the supergraph with extras. The registry file lacks extras (refused above: still routed).
    expect(await publish(() => writeAtomically(file.path, base), 'applied')).toEqual({ supergraph: 'applied' });
    expect((await send(`${t.base}/ready`)).body).not.toHaveProperty('reload');
    // The registry without extras is the one now in force: a supergraph naming extras is refused.
    const refused = await publish(() => writeAtomically(file.path, withExtras));
    expect(refused.error?.message).toMatch(/registry does not list: extras/);
  });
});
