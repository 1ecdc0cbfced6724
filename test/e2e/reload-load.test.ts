// Publishing a supergraph under load drops nothing: clients keep querying (a query planned
// across two subgraphs, and one on the portal alone) while `npm run compose`'s atomic write
// replaces the file again and again, adding and removing a subgraph. Every request in flight
// or started during a reload must succeed, with no error in any answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAtomically } from '../../scripts/compose.ts';
import { startTestHub, type TestHub } from '../harness/hub.ts';
import { startExtras, EXTRAS_SDL, type ExtrasSubgraph } from './support/extras.ts';
import { gql, type HttpResult } from './support/http.ts';
import { composeSupergraph, supergraphFile, type SupergraphFile } from './support/supergraph.ts';

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
  t = await startTestHub({ env: { SUPERGRAPH_PATH: file.path, SUBGRAPH_URL_EXTRAS: extras.url, RATE_LIMIT_PER_MINUTE: '1000000' } });
});

afterAll(async () => {
  await t?.stop();
  await extras?.close();
  await file?.remove();
});

/** Query until `check` holds: the watcher picks a change up after its 200 ms debounce. */
async function until(check: (res: HttpResult) => boolean): Promise<boolean> {
  for (let i = 0; i < 100; i += 1) if (check(await gql(t.url, WEATHER))) return true;
  return false;
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
      await writeAtomically(file.path, withExtras);
      reloads.push(await until(servesWeather));
      await writeAtomically(file.path, base);
      reloads.push(await until(refusesWeather));
    }
    running = false;
    await Promise.all(clients);
    expect(reloads).toEqual([true, true, true, true, true, true]);
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(20);
  });
});
