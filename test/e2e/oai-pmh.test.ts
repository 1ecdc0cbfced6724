// OAI-PMH 2.0 at /oai (R-4.16) through the real gateway and subgraphs: every verb and every
// protocol error validated against the official OAI-PMH, oai_dc and simple DC schemas (and the
// hub's vbpl.xsd), tombstones after unpublishing, archiving and a withdrawal at the source,
// and a large list resumed across three pages and a gateway restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../gateway/auth.ts';
import { readGatewayConfig } from '../../gateway/config.ts';
import { createTokenCodec } from '../../gateway/metadata/token.ts';
import { startGazetteFake, type GazetteFake } from '../../adapters/gazette/fake/server.ts';
import { startJsonLegalDbFake, type JsonLegalDbFake } from '../../adapters/national-legal-db/fake/json-server.ts';
import { BASE_ENV, startTestHub, TEST_JWT, type TestHub } from '../harness/hub.ts';
import { insertPublishedNews } from '../harness/harvest.ts';
import { oaiSchemaErrors, parseOai, type OaiTree } from './support/oai.ts';
import { gql } from './support/http.ts';

let t: TestHub;
let legalFake: JsonLegalDbFake;
let gazetteFake: GazetteFake;
const ENV_KEYS = ['ADAPTER_NATIONAL_LEGAL_DB', 'ADAPTER_GAZETTE', 'LEGAL_SYNC_AT_BOOT'] as const;
const BIG = 250;

beforeAll(async () => {
  legalFake = await startJsonLegalDbFake();
  gazetteFake = await startGazetteFake();
  Object.assign(process.env, {
    ADAPTER_NATIONAL_LEGAL_DB: JSON.stringify({ kind: 'json', endpoint: legalFake.endpoint, allowHosts: ['127.0.0.1'] }),
    ADAPTER_GAZETTE: JSON.stringify({ documentsFeedUrl: gazetteFake.documentsFeedUrl, issuesFeedUrl: gazetteFake.issuesFeedUrl, allowHosts: ['127.0.0.1'] }),
    LEGAL_SYNC_AT_BOOT: 'true',
  });
  t = await startTestHub();
  const agency = await t.hub.prisma.agency.findFirstOrThrow({ where: { code: '000.01.00.H43' } });
  await insertPublishedNews(t.hub.prisma, { count: BIG, agencyId: agency.id, start: new Date('2020-01-01T00:00:00Z'), prefix: 'tin-lon' });
});
afterAll(async () => {
  await t?.stop();
  await Promise.all([legalFake?.close(), gazetteFake?.close()]);
  for (const key of ENV_KEYS) delete process.env[key];
});

/** GET /oai with these arguments: the parsed response, after checking it against the schemas. */
async function oai(args: string, base = t.base): Promise<{ tree: OaiTree; xml: string }> {
  const res = await fetch(`${base}/oai?${args}`);
  expect(res.status, args).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
  const xml = await res.text();
  expect(await oaiSchemaErrors(xml), `${args}\n${xml.slice(0, 2000)}`).toEqual([]);
  return { tree: parseOai(xml), xml };
}

async function oaiError(args: string, code: string, echoes = true) {
  const { tree } = await oai(args);
  expect(
    tree.error.map((e: OaiTree) => e['@code']),
    args,
  ).toEqual([code]);
  // badVerb and badArgument echo no arguments (they may not be valid attribute values).
  if (!echoes) expect(Object.keys(tree.request).filter((k) => k.startsWith('@'))).toEqual([]);
  return tree;
}

const ids = (tree: OaiTree, verb: string): string[] =>
  (verb === 'ListRecords' ? tree[verb].record.map((r: OaiTree) => r.header[0]) : tree[verb].header).map((h: OaiTree) => h.identifier);

async function documentUrl(number: string): Promise<string> {
  const res = await gql(t.url, `query($n: String!) { legalDocumentByNumber(number: $n) { document { id } } }`, { variables: { n: number } });
  const id = (res.body.data as { legalDocumentByNumber: { document: { id: string } } }).legalDocumentByNumber.document.id;
  return `${t.base}/legal/print/document/${id}`;
}

describe('OAI-PMH verbs', () => {
  it('validates the schema check itself: a record with an unknown metadata element is refused', async () => {
    const { xml } = await oai('verb=ListRecords&metadataPrefix=oai_dc&set=kind:news');
    expect(await oaiSchemaErrors(xml.replace('<dc:title>', '<dc:headline>x</dc:headline><dc:title>'))).not.toEqual([]);
    expect(await oaiSchemaErrors(xml.replace('<responseDate>', '<responseDate>x'))).not.toEqual([]);
  });

  it('Identify: seconds granularity, persistent deleted records, the base URL', async () => {
    const { tree } = await oai('verb=Identify');
    expect(tree.Identify).toMatchObject({
      baseURL: `${t.base}/oai`,
      protocolVersion: 2,
      deletedRecord: 'persistent',
      granularity: 'YYYY-MM-DDThh:mm:ssZ',
    });
    expect(tree.Identify.earliestDatestamp).toBe('2020-01-01T00:00:01Z');
  });

  it('ListMetadataFormats: oai_dc and vbpl; per item, the formats of its kind', async () => {
    const all = (await oai('verb=ListMetadataFormats')).tree.ListMetadataFormats.metadataFormat.map((f: OaiTree) => f.metadataPrefix);
    expect(all).toEqual(['oai_dc', 'vbpl']);
    const doc = await documentUrl('26/2017/QĐ-UBND');
    const forDoc = (await oai(`verb=ListMetadataFormats&identifier=${encodeURIComponent(doc)}`)).tree.ListMetadataFormats.metadataFormat;
    expect(forDoc.map((f: OaiTree) => f.metadataPrefix)).toEqual(['oai_dc', 'vbpl']);
    const news = `${t.base}/portal/print/article/tin-lon-1`;
    const forNews = (await oai(`verb=ListMetadataFormats&identifier=${encodeURIComponent(news)}`)).tree.ListMetadataFormats.metadataFormat;
    expect(forNews.map((f: OaiTree) => f.metadataPrefix)).toEqual(['oai_dc']);
    const schema = await fetch(`${t.base}/oai/vbpl.xsd`);
    expect(schema.status).toBe(200);
    expect(await schema.text()).toContain('targetNamespace="urn:cong-hub:vbpl:1.0"');
  });

  it('ListSets: a set per kind and per agency', async () => {
    const specs = (await oai('verb=ListSets')).tree.ListSets.set.map((s: OaiTree) => s.setSpec[0]);
    expect(specs).toEqual(
      expect.arrayContaining(['kind:news', 'kind:legal-documents', 'kind:gazette-issues', 'kind:statistics-datasets', 'agency:000.01.00.H43']),
    );
  });

  it('GetRecord: oai_dc with the public URL as identifier, vbpl with the national database fields', async () => {
    const doc = await documentUrl('26/2017/QĐ-UBND');
    const dc = (await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(doc)}`)).tree.GetRecord.record[0];
    expect(dc.header[0]).toMatchObject({ identifier: doc, setSpec: expect.arrayContaining(['kind:legal-documents']) });
    expect(dc.header[0].datestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const meta = dc.metadata.dc;
    for (const element of ['title', 'creator', 'date', 'description', 'publisher', 'identifier']) expect(meta[element], element).toBeTruthy();
    expect([meta.identifier].flat()).toContain(doc);

    const { tree, xml } = await oai(`verb=GetRecord&metadataPrefix=vbpl&identifier=${encodeURIComponent(doc)}`);
    const v = tree.GetRecord.record[0].metadata.document;
    expect(v).toMatchObject({ identifier: doc, number: '26/2017/QĐ-UBND', issueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(v.validity['@code']).toMatch(/^(CHL|HHL|HHL1P|CCHL|TNHL|TNHL1P|KCPH)$/);
    expect(v.validity['@legalForce']).toMatch(/^(InForce|NotInForce|PartiallyInForce)$/);
    expect(xml).toContain('<vbpl:issuer');
  });

  it('ListIdentifiers and ListRecords by set, format and date range', async () => {
    const news = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=kind:news&from=2020-01-01T00:00:10Z&until=2020-01-01T00:00:19Z');
    expect(ids(news.tree, 'ListIdentifiers')).toEqual(Array.from({ length: 10 }, (_, i) => `${t.base}/portal/print/article/tin-lon-${i + 10}`));
    expect(news.tree.ListIdentifiers.resumptionToken).toBeUndefined();

    const day = await oai('verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2020-01-01&set=agency:000.01.00.H43');
    expect(day.tree.ListRecords.record).toHaveLength(100);
    for (const r of day.tree.ListRecords.record) {
      expect(r.metadata.dc.title).toMatch(/^Tin số \d+$/);
      expect(r.metadata.dc.identifier).toBe(r.header[0].identifier);
    }
    expect(day.tree.ListRecords.resumptionToken['@completeListSize']).toBe(String(BIG));

    const legal = await oai('verb=ListRecords&metadataPrefix=vbpl');
    const kinds = legal.tree.ListRecords.record.map((r: OaiTree) => r.header[0].setSpec[0]);
    expect(new Set(kinds)).toEqual(new Set(['kind:legal-documents']));
  });

  it('accepts the POST form encoding', async () => {
    const res = await fetch(`${t.base}/oai`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'verb=Identify' });
    const xml = await res.text();
    expect(await oaiSchemaErrors(xml)).toEqual([]);
    expect(parseOai(xml).Identify.repositoryName).toBeTruthy();
  });
});

describe('OAI-PMH errors', () => {
  it('badVerb: missing, unknown or repeated verb', async () => {
    await oaiError('', 'badVerb', false);
    await oaiError('verb=ListEverything', 'badVerb', false);
    await oaiError('verb=Identify&verb=Identify', 'badVerb', false);
  });

  it('badArgument: unknown, repeated, missing or malformed arguments', async () => {
    for (const args of [
      'verb=Identify&set=kind:news',
      'verb=ListRecords',
      'verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=vbpl',
      'verb=ListRecords&metadataPrefix=oai_dc&from=2020-13-01',
      'verb=ListRecords&metadataPrefix=oai_dc&from=yesterday',
      'verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2020-01-02T00:00:00Z',
      'verb=ListRecords&metadataPrefix=oai_dc&from=2021-01-01&until=2020-01-01',
      'verb=ListRecords&metadataPrefix=oai_dc&set=no%20spaces',
      'verb=ListIdentifiers&resumptionToken=x&metadataPrefix=oai_dc',
      'verb=GetRecord&metadataPrefix=oai_dc',
      'verb=GetRecord&identifier=x',
      'verb=ListRecords&metadataPrefix=bad%20prefix',
    ]) {
      await oaiError(args, 'badArgument', false);
    }
  });

  it('badResumptionToken: garbage, tampered, expired, from another verb, on ListSets', async () => {
    await oaiError('verb=ListRecords&resumptionToken=garbage', 'badResumptionToken');
    const first = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=kind:news');
    const token: string = first.tree.ListIdentifiers.resumptionToken['#text'];
    const [payload, sig] = token.split('.');
    const state = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const tampered = `${Buffer.from(JSON.stringify({ ...state, done: 0 })).toString('base64url')}.${sig}`;
    await oaiError(`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(tampered)}`, 'badResumptionToken');
    await oaiError(`verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`, 'badResumptionToken');
    const codec = createTokenCodec(readGatewayConfig({ ...BASE_ENV }).harvest.tokenSecret);
    const expired = codec.encode({ ...state, exp: Math.floor(Date.now() / 1000) - 1 });
    await oaiError(`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(expired)}`, 'badResumptionToken');
    const valid = codec.encode({ ...state, exp: Math.floor(Date.now() / 1000) + 60 });
    expect((await oai(`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(valid)}`)).tree.ListIdentifiers.header.length).toBeGreaterThan(0);
    await oaiError('verb=ListSets&resumptionToken=abc', 'badResumptionToken');
  });

  it('cannotDisseminateFormat, idDoesNotExist, noRecordsMatch', async () => {
    await oaiError('verb=ListRecords&metadataPrefix=marc21', 'cannotDisseminateFormat');
    const news = encodeURIComponent(`${t.base}/portal/print/article/tin-lon-1`);
    await oaiError(`verb=GetRecord&metadataPrefix=vbpl&identifier=${news}`, 'cannotDisseminateFormat');
    await oaiError(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(`${t.base}/portal/print/article/khong-co`)}`, 'idDoesNotExist');
    await oaiError('verb=GetRecord&metadataPrefix=oai_dc&identifier=urn:uuid:00000000-0000-0000-0000-000000000000', 'idDoesNotExist');
    await oaiError(`verb=ListMetadataFormats&identifier=${encodeURIComponent('https://example.invalid/x')}`, 'idDoesNotExist');
    await oaiError('verb=ListRecords&metadataPrefix=oai_dc&from=2100-01-01', 'noRecordsMatch');
    await oaiError('verb=ListRecords&metadataPrefix=oai_dc&set=kind:nothing', 'noRecordsMatch');
    await oaiError('verb=ListRecords&metadataPrefix=vbpl&set=kind:news', 'noRecordsMatch');
  });
});

describe('OAI-PMH resumption and tombstones', () => {
  it('pages a large set with completeListSize and cursor, and resumes on a restarted gateway', async () => {
    const seen: string[] = [];
    const page1 = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&until=2020-12-31');
    const rt1 = page1.tree.ListIdentifiers.resumptionToken;
    expect(rt1).toMatchObject({ '@completeListSize': String(BIG), '@cursor': '0', '@expirationDate': expect.stringMatching(/Z$/) });
    seen.push(...ids(page1.tree, 'ListIdentifiers'));
    const page2 = await oai(`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(rt1['#text'])}`);
    const rt2 = page2.tree.ListIdentifiers.resumptionToken;
    expect(rt2['@cursor']).toBe('100');
    seen.push(...ids(page2.tree, 'ListIdentifiers'));

    // Another gateway process state: nothing of the first one's memory, the same keys.
    const restarted = await t.startGateway();
    const page3 = await oai(`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(rt2['#text'])}`, restarted.base);
    const rt3 = page3.tree.ListIdentifiers.resumptionToken;
    // The last page carries an empty token.
    expect(rt3).toMatchObject({ '@cursor': '200', '@completeListSize': String(BIG) });
    expect(rt3['#text']).toBeUndefined();
    seen.push(...ids(page3.tree, 'ListIdentifiers').map((u) => u.replace(restarted.base, t.base)));
    expect(seen).toHaveLength(BIG);
    expect(new Set(seen).size).toBe(BIG);
  });

  it('keeps deleted records for unpublished and archived items and for withdrawn documents', async () => {
    const board = await issueToken(TEST_JWT, { id: 'board-1', roles: ['BOARD'] });
    const auth = { authorization: `Bearer ${board}` };
    const list = await gql(t.url, `{ articles(first: 2) { nodes { id slug version } } }`);
    const [a, b] = (list.body.data as { articles: { nodes: { id: string; slug: string; version: number }[] } }).articles.nodes;
    const before = new Date(Date.now() - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const un = await gql(t.url, `mutation($id: ID!) { unpublishContentItem(id: $id, reason: "Sai thông tin") { state } }`, {
      variables: { id: a!.id },
      headers: auth,
    });
    expect(un.body.errors).toBeUndefined();
    const ar = await gql(t.url, `mutation($id: ID!) { archiveContentItem(id: $id, reason: "Hết thời hạn") { state } }`, {
      variables: { id: b!.id },
      headers: auth,
    });
    expect(ar.body.errors).toBeUndefined();

    const doc = await documentUrl('39/2017/TT-BTTTT');
    legalFake.catalogue.withdraw('tt-39-2017-btttt');
    const legal = t.hub.subgraphs.find((s) => s.name === 'legal') as unknown as {
      state: { syncer: { run(system: string, trigger: string): Promise<{ status: string }> } };
    };
    expect((await legal.state.syncer.run('national-legal-db', 'MANUAL')).status).toBe('SUCCEEDED');

    for (const url of [`${t.base}/portal/print/article/${a!.slug}`, `${t.base}/portal/print/article/${b!.slug}`, doc]) {
      const { tree, xml } = await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(url)}`);
      expect(tree.GetRecord.record[0].header[0]['@status'], url).toBe('deleted');
      expect(xml).not.toContain('<metadata>');
    }
    const changed = await oai(`verb=ListIdentifiers&metadataPrefix=oai_dc&from=${before}`);
    const deleted = changed.tree.ListIdentifiers.header.filter((h: OaiTree) => h['@status'] === 'deleted').map((h: OaiTree) => h.identifier);
    expect(deleted).toEqual(expect.arrayContaining([`${t.base}/portal/print/article/${a!.slug}`, `${t.base}/portal/print/article/${b!.slug}`, doc]));
  });
});

describe('JSON-LD and Dublin Core on every public kind', () => {
  const jsonLdIn = (html: string) => JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!) as Record<string, unknown>;
  const dcMeta = (html: string, name: string) => [...html.matchAll(new RegExp(`<meta name="DC\\.${name}" content="([^"]*)">`, 'g'))].map((m) => m[1]);

  it('in the graph: Legislation for documents, PublicationIssue for gazette issues, NewsArticle and Dataset for content', async () => {
    const res = await gql(
      t.url,
      `{ legalDocumentByNumber(number: "26/2017/QĐ-UBND") { document { publicUrl jsonLd dublinCore { identifier title creator date description publisher } } }
         gazetteIssues(first: 1) { nodes { publicUrl jsonLd dublinCore { identifier title date publisher } } }
         articles(first: 1) { nodes { printUrl jsonLd dublinCore { identifier } } }
         statisticsDatasets(first: 1) { nodes { printUrl jsonLd } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data as Record<string, unknown>;
    const doc = (data.legalDocumentByNumber as { document: { publicUrl: string; jsonLd: string; dublinCore: Record<string, string[]> } }).document;
    expect(doc.publicUrl).toMatch(new RegExp(`^${t.base}/legal/print/document/[0-9a-f-]{36}$`));
    expect(doc.dublinCore.identifier![0]).toBe(doc.publicUrl);
    for (const element of ['title', 'creator', 'date', 'description', 'publisher']) expect(doc.dublinCore[element]!.length, element).toBeGreaterThan(0);
    expect(JSON.parse(doc.jsonLd)).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Legislation',
      '@id': doc.publicUrl,
      legislationIdentifier: '26/2017/QĐ-UBND',
      legislationDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      legislationLegalForce: expect.stringMatching(/^https:\/\/schema\.org\/(InForce|NotInForce|PartiallyInForce)$/),
      jurisdiction: expect.any(String),
      legislationPassedBy: expect.arrayContaining([expect.objectContaining({ '@type': 'GovernmentOrganization', name: expect.any(String) })]),
    });
    const issue = (data.gazetteIssues as { nodes: { publicUrl: string; jsonLd: string; dublinCore: Record<string, string[]> }[] }).nodes[0]!;
    expect(issue.dublinCore.identifier).toEqual([issue.publicUrl]);
    expect(JSON.parse(issue.jsonLd)).toMatchObject({ '@type': 'PublicationIssue', '@id': issue.publicUrl, issueNumber: expect.any(String) });
    const article = (data.articles as { nodes: { printUrl: string; jsonLd: string; dublinCore: { identifier: string } }[] }).nodes[0]!;
    expect(article.dublinCore.identifier).toBe(article.printUrl);
    expect(JSON.parse(article.jsonLd)).toMatchObject({
      '@type': 'NewsArticle',
      '@id': article.printUrl,
      headline: expect.any(String),
      datePublished: expect.any(String),
    });
    const dataset = (data.statisticsDatasets as { nodes: { printUrl: string; jsonLd: string }[] }).nodes[0]!;
    expect(JSON.parse(dataset.jsonLd)).toMatchObject({
      '@type': 'Dataset',
      '@id': dataset.printUrl,
      distribution: [
        expect.objectContaining({
          '@type': 'DataDownload',
          encodingFormat: 'text/csv',
          contentUrl: expect.stringMatching(/\/portal\/data\/statistics\/.+\.csv$/),
        }),
      ],
    });
  });

  it('embedded in the public pages the identifiers point at, with Dublin Core <meta> elements', async () => {
    const doc = await documentUrl('26/2017/QĐ-UBND');
    const page = await fetch(doc);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(dcMeta(html, 'identifier')).toContain(doc);
    expect(dcMeta(html, 'title').length).toBe(1);
    expect(jsonLdIn(html)).toMatchObject({ '@type': 'Legislation', '@id': doc, legislationIdentifier: '26/2017/QĐ-UBND' });

    const listed = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=kind:gazette-issues');
    const issueUrl: string = listed.tree.ListIdentifiers.header[0].identifier;
    const issuePage = await (await fetch(issueUrl)).text();
    expect(jsonLdIn(issuePage)).toMatchObject({ '@type': 'PublicationIssue', '@id': issueUrl });
    expect(dcMeta(issuePage, 'identifier')).toEqual([issueUrl]);

    const news = `${t.base}/portal/print/article/tin-lon-1`;
    const newsPage = await (await fetch(news)).text();
    expect(dcMeta(newsPage, 'identifier')).toEqual([news]);
    expect(jsonLdIn(newsPage)).toMatchObject({ '@type': 'NewsArticle', '@id': news, name: 'Tin số 1' });
    expect((await fetch(`${t.base}/legal/print/document/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
  });
});

describe('incremental harvesting over GraphQL', () => {
  it('lists take changedSince; removed content and withdrawn documents come back as tombstones on request', async () => {
    const board = await issueToken(TEST_JWT, { id: 'board-1', roles: ['BOARD'] });
    const since = new Date(Date.now() - 1000).toISOString();
    const fresh = await gql(t.url, `{ articles(first: 1) { nodes { id slug } } }`);
    const item = (fresh.body.data as { articles: { nodes: { id: string; slug: string }[] } }).articles.nodes[0]!;
    const un = await gql(t.url, `mutation($id: ID!) { unpublishContentItem(id: $id, reason: "Thu hồi") { state } }`, {
      variables: { id: item.id },
      headers: { authorization: `Bearer ${board}` },
    });
    expect(un.body.errors).toBeUndefined();

    const res = await gql(
      t.url,
      `query($since: DateTimeISO!) {
        changed: contentItems(filter: { changedSince: $since }, first: 100) { totalCount nodes { id } }
        old: contentItems(filter: { changedSince: "2000-01-01T00:00:00Z" }, first: 1) { totalCount }
        removed: removedContentItems(since: $since, first: 10) { totalCount nodes { id kind slug url removedAt state } }
        none: removedContentItems(since: "2100-01-01T00:00:00Z") { totalCount }
        docs: searchLegalDocuments(filter: { changedSince: "2000-01-01T00:00:00Z", includeWithdrawn: true }, first: 100) { nodes { withdrawn } }
        recent: searchLegalDocuments(filter: { changedSince: "2100-01-01T00:00:00Z" }) { totalCount }
        issues: gazetteIssues(changedSince: "2100-01-01T00:00:00Z") { totalCount }
      }`,
      { variables: { since } },
    );
    expect(res.body.errors).toBeUndefined();
    const d = res.body.data as Record<string, { totalCount: number; nodes: Record<string, unknown>[] }>;
    expect(d.changed!.nodes.map((n) => n.id)).not.toContain(item.id);
    expect(d.old!.totalCount).toBeGreaterThan(BIG);
    expect(d.removed!.nodes).toContainEqual({
      id: item.id,
      kind: 'ARTICLE',
      slug: item.slug,
      url: `${t.base}/portal/print/article/${item.slug}`,
      removedAt: expect.any(String),
      state: 'UNPUBLISHED',
    });
    for (const n of d.removed!.nodes) expect(n.state).not.toBe('PUBLISHED');
    expect(d.none!.totalCount).toBe(0);
    // The document withdrawn earlier in this file is there, flagged.
    expect(d.docs!.nodes.some((n) => n.withdrawn === true)).toBe(true);
    expect(d.recent!.totalCount).toBe(0);
    expect(d.issues!.totalCount).toBe(0);
  });
});

describe('more kinds and catalogues', () => {
  it('procedures are one more harvest kind: OAI-PMH, their page with GovernmentService JSON-LD, a tombstone once withdrawn', async () => {
    const now = new Date();
    const row = await t.hub.prisma.servicesProcedure.create({
      data: {
        code: '9.999999',
        name: 'Cấp Phiếu lý lịch tư pháp (thử)',
        sectorName: 'Lý lịch tư pháp',
        fieldCodes: [],
        agencyCodes: ['000.02.00.H43'],
        legalBasisKeys: [],
        tiers: [],
        details: {},
        searchFolded: 'cap phieu ly lich tu phap',
        firstPublishedAt: now,
        system: 'test',
        sourceId: 'test-9.999999',
        fetchedAt: now,
        contentHash: '0'.repeat(64),
      },
    });
    const url = `${t.base}/services/print/procedure/9.999999`;
    const sets = (await oai('verb=ListSets')).tree.ListSets.set.map((s: OaiTree) => s.setSpec[0]);
    expect(sets).toContain('kind:procedures');
    const rec = (await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(url)}`)).tree.GetRecord.record[0];
    expect(rec.header[0].setSpec).toEqual(['kind:procedures', 'agency:000.02.00.H43']);
    expect(rec.metadata.dc.title).toBe('Cấp Phiếu lý lịch tư pháp (thử)');
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    const ld = JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)![1]!);
    expect(ld).toMatchObject({
      '@type': 'GovernmentService',
      '@id': url,
      identifier: '9.999999',
      provider: [{ '@type': 'GovernmentOrganization', identifier: '000.02.00.H43' }],
    });
    const feed = await (await fetch(`${t.base}/feeds/procedures.atom`)).text();
    expect(feed).toContain(url);

    await t.hub.prisma.servicesProcedure.update({ where: { id: row.id }, data: { withdrawn: true } });
    const gone = (await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(url)}`)).tree.GetRecord.record[0];
    expect(gone.header[0]['@status']).toBe('deleted');
    expect((await fetch(url)).status).toBe(404);
    // Its made-up details would not pass the procedure schema of the graph's lists.
    await t.hub.prisma.servicesProcedure.delete({ where: { id: row.id } });
  });

  it('agencies carry GovernmentOrganization JSON-LD; the statistics datasets have a DCAT catalogue', async () => {
    const res = await gql(t.url, `{ agencies(first: 1) { nodes { code jsonLd } } }`);
    const agency = (res.body.data as { agencies: { nodes: { code: string; jsonLd: string }[] } }).agencies.nodes[0]!;
    expect(JSON.parse(agency.jsonLd)).toMatchObject({ '@type': 'GovernmentOrganization', identifier: agency.code, name: expect.any(String) });

    const catalog = await fetch(`${t.base}/portal/data/catalog.jsonld`);
    expect(catalog.status).toBe(200);
    expect(catalog.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    const body = (await catalog.json()) as { '@type': string; 'dcat:dataset': Record<string, unknown>[] };
    expect(body['@type']).toBe('dcat:Catalog');
    expect(body['dcat:dataset'].length).toBeGreaterThan(0);
    const ds = body['dcat:dataset'][0]!;
    expect(ds).toMatchObject({
      '@type': 'dcat:Dataset',
      'dct:title': expect.any(String),
      'dcat:distribution': [expect.objectContaining({ '@type': 'dcat:Distribution', 'dcat:mediaType': 'text/csv' })],
    });
    const csv = (ds['dcat:distribution'] as { 'dcat:downloadURL': { '@id': string } }[])[0]!['dcat:downloadURL']['@id'];
    expect(csv).toMatch(new RegExp(`^${t.base}/portal/data/statistics/.+\\.csv$`));
    expect((await fetch(csv)).status).toBe(200);
  });
});

describe('citizens kinds', () => {
  it('published questions and consultations: OAI-PMH records, public pages with QAPage / DigitalDocument JSON-LD, no asker data', async () => {
    const now = new Date();
    const agency = await t.hub.prisma.agency.findFirstOrThrow({ where: { code: '000.02.00.H43' } });
    const q = await t.hub.prisma.citizenRequest.create({
      data: {
        kind: 'QUESTION',
        trackingCode: 'HD-TEST-0001',
        secretHash: '0'.repeat(64),
        state: 'ANSWERED',
        askerName: 'Nguyễn Văn Bí Mật',
        askerEmail: 'bimat@example.org',
        contactKey: '1'.repeat(64),
        title: 'Câu hỏi riêng',
        body: 'Nội dung riêng của người hỏi',
        receivedOn: now,
        answerText: 'Trả lời công khai của Sở Tư pháp.',
        answeredOn: now,
        publishedAt: now,
        publicTitle: 'Thủ tục cấp phiếu lý lịch tư pháp',
        publicBody: 'Xin hỏi thủ tục cấp phiếu lý lịch tư pháp?',
        fieldName: 'Lý lịch tư pháp',
      },
    });
    await t.hub.prisma.consultation.create({
      data: {
        slug: 'du-thao-quy-dinh-thu',
        kind: 'LEGAL_DOCUMENT',
        title: 'Dự thảo Quyết định quy định thử',
        summary: 'Lấy ý kiến nhân dân.',
        body: 'Toàn văn dự thảo.',
        draftingAgencyId: agency.id,
        receivingName: 'Sở Tư pháp',
        receivingAddress: 'Việt Trì',
        receivingEmail: 'stp@example.org',
        opensOn: now,
        closesOn: now,
        opensAt: now,
        closesAt: new Date(now.getTime() + 86_400_000),
        publishedAt: now,
      },
    });
    const sets = (await oai('verb=ListSets')).tree.ListSets.set.map((s: OaiTree) => s.setSpec[0]);
    expect(sets).toEqual(expect.arrayContaining(['kind:questions', 'kind:consultations']));
    const qUrl = `${t.base}/citizens/print/question/${q.id}`;
    const listed = await oai('verb=ListRecords&metadataPrefix=oai_dc&set=kind:questions');
    expect(listed.tree.ListRecords.record[0].header[0].identifier).toBe(qUrl);
    expect(listed.xml).not.toMatch(/Bí Mật|bimat|Nội dung riêng/);
    const page = await (await fetch(qUrl)).text();
    expect(page).not.toMatch(/Bí Mật|bimat|Nội dung riêng/);
    expect(JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(page)![1]!)).toMatchObject({
      '@type': 'QAPage',
      mainEntity: {
        '@type': 'Question',
        name: 'Thủ tục cấp phiếu lý lịch tư pháp',
        acceptedAnswer: { '@type': 'Answer', text: 'Trả lời công khai của Sở Tư pháp.' },
      },
    });
    const cUrl = `${t.base}/citizens/print/consultation/du-thao-quy-dinh-thu`;
    const c = (await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(cUrl)}`)).tree.GetRecord.record[0];
    expect(c.metadata.dc.title).toBe('Dự thảo Quyết định quy định thử');
    const cPage = await (await fetch(cUrl)).text();
    expect(JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(cPage)![1]!)).toMatchObject({ '@type': 'DigitalDocument', '@id': cUrl });

    await t.hub.prisma.citizenRequest.update({ where: { id: q.id }, data: { publishedAt: null } });
    const gone = (await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(qUrl)}`)).tree.GetRecord.record[0];
    expect(gone.header[0]['@status']).toBe('deleted');
    expect((await fetch(qUrl)).status).toBe(404);
  });
});

describe('changedSince on the services and citizens lists', () => {
  it('procedures, online services, published questions and consultations take changedSince', async () => {
    const q = (since: string) =>
      gql(
        t.url,
        `query($s: DateTimeISO!) {
          procedures(filter: { changedSince: $s, includeWithdrawn: true }) { totalCount }
          onlineServices(filter: { changedSince: $s }) { totalCount }
          publishedQuestions(changedSince: $s) { totalCount }
          consultations(changedSince: $s) { totalCount }
        }`,
        { variables: { s: since } },
      );
    const future = await q('2100-01-01T00:00:00Z');
    expect(future.body.errors).toBeUndefined();
    expect(future.body.data).toEqual({
      procedures: { totalCount: 0 },
      onlineServices: { totalCount: 0 },
      publishedQuestions: { totalCount: 0 },
      consultations: { totalCount: 0 },
    });
    const past = await q('2000-01-01T00:00:00Z');
    expect(past.body.errors).toBeUndefined();
    const d = past.body.data as { procedures: { totalCount: number }; consultations: { totalCount: number } };
    expect(d.procedures.totalCount).toBe(await t.hub.prisma.servicesProcedure.count());
    expect(d.consultations.totalCount).toBe(await t.hub.prisma.consultation.count({ where: { publishedAt: { not: null } } }));
    expect(d.consultations.totalCount).toBeGreaterThan(0);
  });
});

describe('agencies known by name', () => {
  it('a document whose issuer the source names (not codes) is in its agency set and feed', async () => {
    const doc = await documentUrl('26/2017/QĐ-UBND');
    const rec = (await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(doc)}`)).tree.GetRecord.record[0];
    expect(rec.header[0].setSpec).toContain('agency:000.00.00.H61');
    const listed = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=agency:000.00.00.H61');
    expect(ids(listed.tree, 'ListIdentifiers')).toContain(doc);
    const feed = await (await fetch(`${t.base}/feeds/agency/000.00.00.H61.atom`)).text();
    expect(feed).toContain(doc);
  });
});

describe('online services', () => {
  it('are a harvest kind with a page carrying GovernmentService JSON-LD, and a tombstone once withdrawn', async () => {
    const row = await t.hub.prisma.servicesOnlineService.create({
      data: {
        code: 'DVC-TEST-1',
        procedureCode: '1.001612',
        name: 'Cấp Phiếu lý lịch tư pháp trực tuyến (thử)',
        sectorName: 'Lý lịch tư pháp',
        agencyCodes: ['000.02.00.H43'],
        level: 4,
        scope: 'FULL',
        portalUrl: 'https://dichvucong.example.invalid/dvc/1',
        searchFolded: 'cap phieu',
        system: 'test',
        fetchedAt: new Date(),
        contentHash: '0'.repeat(64),
      },
    });
    const url = `${t.base}/services/print/online-service/DVC-TEST-1`;
    const rec = (await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(url)}`)).tree.GetRecord.record[0];
    expect(rec.header[0].setSpec).toEqual(['kind:online-services', 'agency:000.02.00.H43']);
    const html = await (await fetch(url)).text();
    expect(JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)![1]!)).toMatchObject({
      '@type': 'GovernmentService',
      '@id': url,
      identifier: 'DVC-TEST-1',
      availableChannel: { '@type': 'ServiceChannel', serviceUrl: 'https://dichvucong.example.invalid/dvc/1' },
    });
    await t.hub.prisma.servicesOnlineService.update({ where: { id: row.id }, data: { withdrawn: true, fetchedAt: new Date() } });
    const gone = (await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(url)}`)).tree.GetRecord.record[0];
    expect(gone.header[0]['@status']).toBe('deleted');
  });
});
