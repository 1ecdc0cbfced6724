// Publishing a supergraph under load drops nothing: clients keep querying (a query planned
// across two subgraphs, and one on the portal alone) while `npm run compose`'s atomic write
// replaces the file again and again, adding and removing a subgraph. Every request in flight
// or started during a reload must succeed, with no error in any answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAtomically } from '../../scripts/compose.ts';
import { startTestHub, type TestHub } from '../harness/hub.ts';
import { startExtras, EXTRAS_SDL, type ExtrasSubgraph } from './support/extras.ts';
import { gql, type HttpResult } from './support/http.ts';
import { composeSupergraph, extrasEntry, nextReload, registryWith, supergraphFile, type SupergraphFile } from './support/supergraph.ts';

let t: TestHub;
let extras: ExtrasSubgraph;
let file: SupergraphFile;
let base: string;
let withExtras: string;

const CROSS = '{ searchLegalDocuments(query: "quyet dinh", first: 3) { totalCount nodes { number { raw } issuingAgencies { slug } } } }';
const PORTAL = '{ agency(slug: "so-tu-phap-phu-tho") { slug children { slug } } }';
const WEATHER = '{ weather }';

beforeAll(async () => {
  extras = await startExtras();
  base = await composeSupergraph();
  withExtras = await composeSupergraph([{ name: 'extras', sdl: EXTRAS_SDL }]);
  file = await supergraphFile(base);
  t = await startTestHub({
    env: {
      SUPERGRAPH_PATH: file.path,
      SUBGRAPH_URL_EXTRAS: extras.url,
      SUBGRAPH_REGISTRY: registryWith({ extras: extrasEntry() }),
      RATE_LIMIT_PER_MINUTE: '1000000',
    },
  });
});

afterAll(async () => {
  await t?.stop();
  await extras?.close();
  await file?.remove();
});

/** Publish `sdl` and, once the gateway says it serves it (its reload event), check a query. */
async function publish(sdl: string, check: (res: HttpResult) => boolean): Promise<boolean> {
  const reloaded = nextReload(t.hub.gateway);
  await writeAtomically(file.path, sdl);
  return (await reloaded).supergraph === 'applied' && check(await gql(t.url, WEATHER));
}
const servesWeather = (res: HttpResult) => res.status === 200 && res.body.data?.weather === 'Trời nắng';
const refusesWeather = (res: HttpResult) => res.status === 400;

describe('hot reload under load', () => {
  it('answers every request while the supergraph is published six times', async () => {
    const failures: string[] = [];
    let answered = 0;
    let running = true;
    const client = async (query: string) => {
      while (running) {
        const res = await gql(t.url, query).catch((err: Error) => ({ status: 0, text: err.message, body: {} }) as HttpResult);
        if (res.status !== 200 || res.body.errors || !res.body.data) failures.push(`${res.status} ${res.text.slice(0, 200)}`);
        answered += 1;
      }
    };
    const clients = [CROSS, CROSS, PORTAL, PORTAL].map(client);
    const reloads: boolean[] = [];
    for (let i = 0; i < 3; i += 1) {
      reloads.push(await publish(withExtras, servesWeather));
      reloads.push(await publish(base, refusesWeather));
    }
    running = false;
    await Promise.all(clients);
    expect(reloads).toEqual([true, true, true, true, true, true]);
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(20);
  });
});
