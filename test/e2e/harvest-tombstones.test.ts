// Incremental harvesting over GraphQL: every public list takes `changedSince`, and the
// kinds that can leave public view answer tombstones on request (removedLegalDocuments,
// removedProcedures, removedOnlineServices, removedPublishedQuestions), one shape throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../harness/hub.ts';
import { gql } from './support/http.ts';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.stop();
});

interface TombstonePage {
  totalCount: number;
  nodes: { id: string; kind: string; url: string; removedAt: string; reason: string }[];
}

async function removed(field: string, since: Date, extra = '') {
  const res = await gql(t.url, `query($since: DateTimeISO!) { r: ${field}(since: $since${extra}) { totalCount nodes { id kind url removedAt reason } } }`, {
    variables: { since: since.toISOString() },
  });
  expect(res.body.errors).toBeUndefined();
  return (res.body.data as { r: TombstonePage }).r;
}

describe('tombstones in the graph', () => {
  it('a withdrawn legal document, procedure and online service, a taken-down question: one tombstone each, nothing before', async () => {
    const since = new Date(Date.now() - 1000);
    const later = new Date(Date.now() + 3_600_000);
    const at = new Date();
    const doc = await t.hub.prisma.legalDocument.create({
      data: {
        typeCode: 'QD',
        typeName: 'Quyết định',
        numberRaw: '99/2026/QĐ-UBND',
        number: '99/2026/QĐ-UBND',
        numberKey: '99/2026/qd-ubnd',
        title: 'Quyết định thử',
        summary: 'Thử.',
        issuersFolded: 'ubnd tinh',
        searchFolded: 'quyet dinh thu',
        firstPublishedAt: at,
      },
    });
    const proc = await t.hub.prisma.servicesProcedure.create({
      data: {
        code: '9.999998',
        name: 'Thủ tục thử',
        tiers: [],
        details: {},
        searchFolded: 'thu tuc thu',
        firstPublishedAt: at,
        system: 'test',
        sourceId: 'test-9.999998',
        fetchedAt: at,
        contentHash: '0'.repeat(64),
      },
    });
    const svc = await t.hub.prisma.servicesOnlineService.create({
      data: {
        code: 'DVC-THU-1',
        procedureCode: '9.999998',
        name: 'Dịch vụ thử',
        searchFolded: 'dich vu thu',
        system: 'test',
        fetchedAt: at,
        contentHash: '0'.repeat(64),
      },
    });
    for (const [field] of [['removedLegalDocuments'], ['removedProcedures'], ['removedOnlineServices'], ['removedPublishedQuestions']] as const) {
      expect((await removed(field, since)).totalCount).toBe(0);
    }
    await t.hub.prisma.legalDocument.update({ where: { id: doc.id }, data: { withdrawn: true } });
    await t.hub.prisma.servicesProcedure.update({ where: { id: proc.id }, data: { withdrawn: true } });
    await t.hub.prisma.servicesOnlineService.update({ where: { id: svc.id }, data: { withdrawn: true, fetchedAt: new Date() } });
    const now = new Date();
    const q = await t.hub.prisma.citizenRequest.create({
      data: {
        kind: 'QUESTION',
        trackingCode: 'HD-TOMB-0001',
        secretHash: '0'.repeat(64),
        state: 'ANSWERED',
        askerName: 'Người hỏi',
        contactKey: '1'.repeat(64),
        title: 'Câu hỏi',
        body: 'Nội dung',
        receivedOn: now,
        answerText: 'Trả lời.',
        answeredOn: now,
        publicTitle: 'Câu hỏi công khai',
        publishedAt: null,
      },
    });

    const docs = await removed('removedLegalDocuments', since);
    expect(docs.nodes).toEqual([
      { id: doc.id, kind: 'legal-documents', url: `${t.base}/legal/print/document/${doc.id}`, removedAt: expect.any(String), reason: 'WITHDRAWN' },
    ]);
    const procs = await removed('removedProcedures', since);
    expect(procs.nodes).toEqual([
      {
        id: proc.id,
        kind: 'procedures',
        url: `${t.base}/services/print/procedure/${encodeURIComponent(proc.code)}`,
        removedAt: expect.any(String),
        reason: 'WITHDRAWN',
      },
    ]);
    const svcs = await removed('removedOnlineServices', since);
    expect(svcs.nodes).toEqual([
      {
        id: svc.id,
        kind: 'online-services',
        url: `${t.base}/services/print/online-service/${encodeURIComponent(svc.code)}`,
        removedAt: expect.any(String),
        reason: 'WITHDRAWN',
      },
    ]);
    const qs = await removed('removedPublishedQuestions', since);
    expect(qs.nodes).toEqual([
      { id: q.id, kind: 'questions', url: `${t.base}/citizens/print/question/${q.id}`, removedAt: expect.any(String), reason: 'UNPUBLISHED' },
    ]);
    // Paging, and a moment after the removals: none.
    const first = await removed('removedLegalDocuments', since, ', first: 1');
    expect(first.totalCount).toBe(1);
    for (const field of ['removedLegalDocuments', 'removedProcedures', 'removedOnlineServices', 'removedPublishedQuestions']) {
      expect((await removed(field, later)).totalCount).toBe(0);
    }

    await t.hub.prisma.legalDocument.delete({ where: { id: doc.id } });
    await t.hub.prisma.servicesOnlineService.delete({ where: { id: svc.id } });
    await t.hub.prisma.servicesProcedure.delete({ where: { id: proc.id } });
    await t.hub.prisma.citizenRequest.delete({ where: { id: q.id } });
  });

  it('refuses a bad page size with BAD_USER_INPUT', async () => {
    const res = await gql(t.url, `{ removedProcedures(since: "2020-01-01T00:00:00Z", first: 1000) { totalCount } }`);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('agencies, officials and administrative units take changedSince', async () => {
    const since = new Date();
    const agency = await t.hub.prisma.agency.findFirstOrThrow({ where: { code: '000.01.00.H43' } });
    const official = await t.hub.prisma.official.findFirstOrThrow({ where: { agencyId: agency.id } });
    const unit = await t.hub.prisma.administrativeUnit.findFirstOrThrow({ where: { validTo: null } });
    const query = `query($since: DateTimeISO!) {
      a: agencies(filter: { changedSince: $since }) { totalCount nodes { id } }
      o: officials(filter: { changedSince: $since }) { totalCount nodes { id } }
      u: administrativeUnits(filter: { changedSince: $since }) { totalCount nodes { id } }
      all: agencies { totalCount }
    }`;
    type Lists = Record<'a' | 'o' | 'u' | 'all', { totalCount: number; nodes: { id: string }[] }>;
    const before = (await gql(t.url, query, { variables: { since: since.toISOString() } })).body.data as Lists;
    expect([before.a.totalCount, before.o.totalCount, before.u.totalCount]).toEqual([0, 0, 0]);
    expect(before.all.totalCount).toBeGreaterThan(1);
    await t.hub.prisma.agency.update({ where: { id: agency.id }, data: { sortOrder: agency.sortOrder } });
    await t.hub.prisma.official.update({ where: { id: official.id }, data: { sortOrder: official.sortOrder } });
    await t.hub.prisma.administrativeUnit.update({ where: { id: unit.id }, data: { name: unit.name } });
    const after = (await gql(t.url, query, { variables: { since: since.toISOString() } })).body.data as Lists;
    expect(after.a.nodes.map((n) => n.id)).toEqual([agency.id]);
    expect(after.o.nodes.map((n) => n.id)).toEqual([official.id]);
    expect(after.u.nodes.map((n) => n.id)).toEqual([unit.id]);
  });
});
