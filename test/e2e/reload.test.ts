// Supergraph hot reload: a new composition in the file SUPERGRAPH_PATH points to is served
// without a restart (written in place or renamed over the old file); an invalid one is refused
// and the previous schema keeps serving.
import { writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../harness/hub.ts';
import { startExtras, EXTRAS_SDL, type ExtrasSubgraph } from './support/extras.ts';
import { gql, type HttpResult } from './support/http.ts';
import { composeSupergraph, supergraphFile, type SupergraphFile } from './support/supergraph.ts';

let t: TestHub;
let extras: ExtrasSubgraph;
let file: SupergraphFile;
let base: string;
let withExtras: string;

const WEATHER = '{ weather }';
const PORTAL = '{ agency(slug: "so-tu-phap-phu-tho") { slug } }';

beforeAll(async () => {
  extras = await startExtras();
  base = await composeSupergraph();
  withExtras = await composeSupergraph([{ name: 'extras', sdl: EXTRAS_SDL }]);
  file = await supergraphFile(base);
  t = await startTestHub({ env: { SUPERGRAPH_PATH: file.path, SUBGRAPH_URL_EXTRAS: extras.url } });
});

afterAll(async () => {
  await t?.stop();
  await extras?.close();
  await file?.remove();
});

/** Poll until `check` holds (the watcher debounces 200 ms), at most ~5 s. */
async function eventually(query: string, check: (res: HttpResult) => boolean): Promise<HttpResult> {
  let res = await gql(t.url, query);
  for (let i = 0; i < 50 && !check(res); i += 1) {
    await sleep(100);
    res = await gql(t.url, query);
  }
  return res;
}

const servesWeather = (res: HttpResult) => res.status === 200 && res.body.data?.weather === 'Trời nắng';
const refusesWeather = (res: HttpResult) => res.status === 400 && res.body.errors?.[0]?.extensions?.code === 'GRAPHQL_VALIDATION_FAILED';

describe('supergraph hot reload', () => {
  it('does not know the second subgraph at boot', async () => {
    expect(refusesWeather(await gql(t.url, WEATHER))).toBe(true);
  });

  it('serves a new field after the file is replaced by rename, without a restart', async () => {
    await file.replace(withExtras);
    const res = await eventually(WEATHER, servesWeather);
    expect(res.body).toEqual({ data: { weather: 'Trời nắng' } });
    const joined = await gql(t.url, '{ agency(slug: "so-tu-phap-phu-tho") { slug hotline } }');
    expect(joined.body).toEqual({ data: { agency: { slug: 'so-tu-phap-phu-tho', hotline: expect.stringMatching(/^1900 /) } } });
  });

  it('refuses an invalid file and keeps serving the previous schema', async () => {
    for (const junk of ['this is not a supergraph {', 'type Query { hello: String }', '']) {
      await writeFile(file.path, junk);
      await sleep(500);
      const res = await gql(t.url, WEATHER);
      expect(res.body, `after writing ${JSON.stringify(junk)}`).toEqual({ data: { weather: 'Trời nắng' } });
      expect((await gql(t.url, PORTAL)).body).toEqual({ data: { agency: { slug: 'so-tu-phap-phu-tho' } } });
    }
  });

  it('still watches after the rename: an in-place write removes the field again', async () => {
    await writeFile(file.path, base);
    const res = await eventually(WEATHER, refusesWeather);
    expect(refusesWeather(res)).toBe(true);
    expect((await gql(t.url, PORTAL)).body).toEqual({ data: { agency: { slug: 'so-tu-phap-phu-tho' } } });
  });
});
