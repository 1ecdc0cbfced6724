// Publishing preconditions (R-3.3 attribution, Dublin Core), the Dublin Core field, the English
// channel (locale fallback, untranslated report), text rules (NFC, sanitising), exact money and
// batching (no N+1).
import { describe, expect, it } from 'vitest';
import { usePortal } from '../harness/portal.ts';
import { signedFor } from '../harness/signing.ts';
import {
  ADMIN,
  AGENCY_A,
  AGENCY_B,
  ANON,
  articleInput,
  BOARD,
  EDITOR_A,
  EDITOR_B,
  failCode,
  itemIn,
  ok,
  projectInput,
  PUBLISH,
  TRANSLATE,
  type ItemView,
} from '../harness/content.ts';

const portal = usePortal();

describe('publishing preconditions', () => {
  it('refuses without the mandatory Dublin Core elements, lists them, and leaves the item intact', async () => {
    const item = await itemIn(portal.url, 'APPROVED', { creator: ADMIN, input: articleInput({ agencyId: null, summary: null, authorName: null }) });
    const revisions = await portal.db.prisma.contentRevision.count({ where: { itemId: item.id } });
    const { code, error } = await failCode(portal.url, BOARD, PUBLISH, { id: item.id });
    expect(code).toBe('PUBLISH_PRECONDITION_FAILED');
    expect(error.extensions?.missing).toEqual(['dublinCore.creator', 'dublinCore.description', 'dublinCore.publisher']);
    const row = await portal.db.prisma.contentItem.findUniqueOrThrow({ where: { id: item.id } });
    expect([row.state, row.version, row.titleVi, row.publishedAt]).toEqual(['APPROVED', item.version, item.title.vi, null]);
    expect(await portal.db.prisma.contentRevision.count({ where: { itemId: item.id } })).toBe(revisions);
    const failed = await portal.db.prisma.auditEvent.findFirst({ where: { targetId: item.id, outcome: 'FAILED' } });
    expect(failed).toMatchObject({ action: 'PUBLISH', detail: { code: 'PUBLISH_PRECONDITION_FAILED' } });
    const scheduled = await failCode(portal.url, BOARD, PUBLISH, { id: item.id, at: '2099-01-01T00:00:00Z' });
    expect(scheduled.code).toBe('PUBLISH_PRECONDITION_FAILED');
  });

  it('refuses re-used content without its source and author (R-3.3), publishes it once attributed', async () => {
    const bare = await itemIn(portal.url, 'APPROVED', { input: articleInput({ isReused: true }) });
    const { error } = await failCode(portal.url, BOARD, PUBLISH, { id: bare.id });
    expect(error.extensions?.missing).toEqual(['source.name', 'source.author']);
    const half = await itemIn(portal.url, 'APPROVED', { input: articleInput({ isReused: true, source: { name: 'Báo Nhân Dân' } }) });
    expect((await failCode(portal.url, BOARD, PUBLISH, { id: half.id })).error.extensions?.missing).toEqual(['source.author']);
    const full = await itemIn(portal.url, 'APPROVED', {
      input: articleInput({ isReused: true, source: { name: 'Báo Nhân Dân', author: 'Nguyễn An', url: 'https://example.org/bai' } }),
    });
    expect((await ok<ItemView>(portal.url, BOARD, PUBLISH, { id: full.id })).state).toBe('PUBLISHED');
  });

  it('exposes the Dublin Core metadata of an item', async () => {
    const item = await itemIn(portal.url, 'PUBLISHED', {
      kind: 'INVESTMENT_PROJECT',
      input: projectInput({ subjects: ['thủy lợi', 'chống ngập'], rights: 'CC BY 4.0', source: { name: 'Sở Tài chính', author: 'Phòng Đầu tư' } }),
    });
    const res = await ok<{ dublinCore: Record<string, unknown> }>(
      portal.url,
      ANON,
      `query($id: ID!) { contentItem(id: $id) { dublinCore {
        title creator date description publisher identifier language source contributor subject coverage type format relation rights missingMandatory } } }`,
      { id: item.id },
    );
    expect(res.dublinCore).toEqual({
      title: 'Dự án cải tạo kênh tiêu thoát nước',
      creator: 'Sở Tài chính',
      date: '2026-03-02',
      description: 'Cải tạo 12 km kênh tiêu.',
      publisher: 'Sở Tài chính tỉnh Phú Thọ',
      identifier: expect.stringMatching(new RegExp(`/print/investment-project/${(item as { slug?: string }).slug ?? '[a-z0-9-]+'}$`)),
      language: ['vi'],
      source: 'Sở Tài chính',
      contributor: null,
      subject: ['thủy lợi', 'chống ngập'],
      coverage: '08707',
      type: 'Text',
      format: 'text/html',
      relation: null,
      rights: 'CC BY 4.0',
      missingMandatory: [],
    });
  });
});

describe('English channel (R-4.15)', () => {
  const TEXT = `query($id: ID!, $l: Locale) { contentItem(id: $id) { text(locale: $l) { requestedLocale servedLocale isFallback title body } } }`;

  it('serves English when translated, and falls back to Vietnamese as a whole, saying so', async () => {
    const vi = await itemIn(portal.url, 'PUBLISHED');
    const en = await itemIn(portal.url, 'PUBLISHED', {
      input: articleInput({
        title: { vi: 'Tiêu đề', en: 'Title' },
        summary: { vi: 'Tóm tắt', en: 'Summary' },
        body: { vi: '<p>Thân bài</p>', en: '<p>Body</p>' },
      }),
    });
    expect((await ok<{ text: unknown }>(portal.url, ANON, TEXT, { id: en.id, l: 'EN' })).text).toEqual({
      requestedLocale: 'EN',
      servedLocale: 'EN',
      isFallback: false,
      title: 'Title',
      body: '<p>Body</p>',
    });
    expect((await ok<{ text: unknown }>(portal.url, ANON, TEXT, { id: vi.id, l: 'EN' })).text).toMatchObject({
      requestedLocale: 'EN',
      servedLocale: 'VI',
      isFallback: true,
      title: vi.title.vi,
    });
    // Without an argument the request's locale (Accept-Language at the gateway) decides.
    const body = JSON.stringify({ query: TEXT, variables: { id: en.id } });
    const headers = { 'content-type': 'application/json', ...signedFor(portal.url, { requestId: 't', actor: { roles: [] }, locale: 'en' }, body) };
    const res = (await (await fetch(portal.url, { method: 'POST', headers, body })).json()) as { data: { contentItem: { text: { servedLocale: string } } } };
    expect(res.data.contentItem.text.servedLocale).toBe('EN');
  });

  it('lists mandatory items still untranslated, per agency, until translated', async () => {
    const project = await itemIn(portal.url, 'PUBLISHED', { kind: 'INVESTMENT_PROJECT', input: projectInput() });
    const Q = `query($a: ID, $p: String) { untranslatedContent(first: 100, filter: { agencyId: $a, point: $p }) { totalCount nodes { id translationPoint translationStatus } } }`;
    const before = await ok<{ totalCount: number; nodes: { id: string; translationPoint: string }[] }>(portal.url, BOARD, Q, { p: 'e' });
    expect(before.nodes.find((n) => n.id === project.id)).toEqual({ id: project.id, translationPoint: 'e', translationStatus: 'MISSING' });
    expect(before.nodes.every((n) => n.translationPoint === 'e')).toBe(true);
    expect((await ok<{ nodes: { id: string }[] }>(portal.url, EDITOR_B, Q, {})).nodes.map((n) => n.id)).not.toContain(project.id);
    expect((await failCode(portal.url, ANON, Q, {})).code).toBe('FORBIDDEN');
    const partial = await ok<ItemView & { translationStatus: string }>(portal.url, BOARD, TRANSLATE, {
      id: project.id,
      t: { title: 'Drainage canal upgrade' },
    });
    expect(partial.translationStatus).toBe('PARTIAL');
    const done = await ok<{ translationStatus: string }>(portal.url, BOARD, TRANSLATE, {
      id: project.id,
      t: { title: 'Drainage canal upgrade', summary: '12 km of canals.' },
    });
    expect(done.translationStatus).toBe('COMPLETE');
    const after = await ok<{ totalCount: number; nodes: { id: string }[] }>(portal.url, BOARD, Q, { a: AGENCY_A });
    expect(after.nodes.map((n) => n.id)).not.toContain(project.id);
  });
});

describe('text and numbers at the boundary', () => {
  it('stores every text NFC, whatever the input normalisation', async () => {
    const nfd = (s: string) => s.normalize('NFD');
    const input = projectInput({
      title: { vi: nfd('Ủy ban nhân dân tỉnh Phú Thọ'), en: nfd('Phú Thọ') },
      summary: { vi: nfd('Dự án đường Hùng Vương') },
      body: { vi: nfd('<p>Thân bài có dấu: ạ ặ ầ ễ ộ ữ</p>') },
      authorName: nfd('Lê Minh Thuỷ'),
      subjects: [nfd('giao thông')],
    });
    (input.investmentProject as Record<string, unknown>).field = nfd('Giao thông đường bộ');
    (input.investmentProject as Record<string, unknown>).objectives = { vi: nfd('Kết nối liên vùng') };
    const item = await ok<ItemView>(portal.url, EDITOR_A, `mutation($i: ContentItemInput!) { createContentItem(kind: INVESTMENT_PROJECT, input: $i) { id } }`, {
      i: input,
    });
    const row = await portal.db.prisma.contentItem.findUniqueOrThrow({ where: { id: item.id }, include: { investment: true, revisions: true } });
    const texts = [row.titleVi, row.titleEn, row.summaryVi, row.bodyVi, row.authorName, ...row.subjects, row.investment!.field, row.investment!.objectivesVi];
    for (const t of texts) expect(t, t!).toBe(t!.normalize('NFC'));
    expect(row.titleVi).toBe('Ủy ban nhân dân tỉnh Phú Thọ');
    expect(JSON.stringify(row.revisions[0]!.snapshot)).toBe(JSON.stringify(row.revisions[0]!.snapshot).normalize('NFC'));
    const found = await ok<{ nodes: { id: string }[] }>(portal.url, BOARD, `{ contentItems(filter: { search: "uy ban nhan dan phu tho" }) { nodes { id } } }`);
    expect(found.nodes.map((n) => n.id)).toContain(item.id);
  });

  it('sanitises rich text by an allowlist', async () => {
    const item = await ok<{ body: { vi: string } }>(
      portal.url,
      EDITOR_A,
      `mutation($i: ContentItemInput!) { createContentItem(kind: ARTICLE, input: $i) { body { vi } } }`,
      {
        i: articleInput({
          body: {
            vi: '<p onclick="x()">Xin chào<script>alert(1)</script> <a href="javascript:alert(1)">a</a> <a href="https://gov.vn">b</a></p><style>p{}</style>',
          },
        }),
      },
    );
    expect(item.body.vi).toBe('<p>Xin chào <a rel="noopener noreferrer">a</a> <a href="https://gov.vn" rel="noopener noreferrer">b</a></p>');
  });

  it('keeps a budget of 1234567890123.45 VND exact, and refuses amounts it cannot keep exactly', async () => {
    const item = await ok<{ id: string; budgetVnd: string }>(
      portal.url,
      EDITOR_A,
      `mutation($i: ContentItemInput!) { createContentItem(kind: INVESTMENT_PROJECT, input: $i) { id ... on InvestmentProject { budgetVnd } } }`,
      {
        i: projectInput({ slug: 'du-an-ngan-sach-chinh-xac' }),
      },
    );
    expect(item.budgetVnd).toBe('1234567890123.45');
    const [raw] = await portal.db.prisma.$queryRaw<
      { b: string }[]
    >`SELECT budget_vnd::text AS b FROM portal_investment_project WHERE item_id = ${item.id}::uuid`;
    expect(raw!.b).toBe('1234567890123.45');
    const Q = `mutation($i: ContentItemInput!) { createContentItem(kind: INVESTMENT_PROJECT, input: $i) { id } }`;
    for (const budget of ['1.234', '-5', '12345678901234567890', 1234567890123.45]) {
      const input = projectInput();
      (input.investmentProject as Record<string, unknown>).budgetVnd = budget;
      expect((await failCode(portal.url, EDITOR_A, Q, { i: input })).code, String(budget)).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses input of one kind carrying another kind’s block', async () => {
    const { code, error } = await failCode(portal.url, EDITOR_A, `mutation($i: ContentItemInput!) { createContentItem(kind: ARTICLE, input: $i) { id } }`, {
      i: { ...articleInput(), plan: { planKind: 'ZONING' } },
    });
    expect([code, error.extensions?.reason]).toEqual(['BAD_USER_INPUT', 'WRONG_KIND']);
    const missing = await failCode(portal.url, EDITOR_A, `mutation($i: ContentItemInput!) { createContentItem(kind: PLAN, input: $i) { id } }`, {
      i: articleInput(),
    });
    expect(missing.error.extensions?.reason).toBe('MISSING_DETAIL');
  });
});

describe('batching', () => {
  const LIST = `query($n: Int) { contentItems(first: $n, filter: { kinds: [INVESTMENT_PROJECT, STATISTICS_DATASET, WORK_SCHEDULE] }) { nodes {
      id title { vi } agency { name { vi } } files { sha256 } dublinCore { publisher missingMandatory } text { servedLocale } deadline { dueDate status }
      ... on InvestmentProject { budgetVnd tenders { id } } ... on StatisticsDataset { values { value } valueCount } ... on WorkSchedule { entries { startsAt } official { fullName } } } } }`;

  async function addProjects(n: number, prefix: string) {
    for (let i = 0; i < n; i += 1) {
      await portal.db.prisma.contentItem.create({
        data: {
          kind: 'INVESTMENT_PROJECT',
          category: 'INVESTMENT_PROJECTS',
          slug: `${prefix}-${i}`,
          agencyId: i % 2 ? AGENCY_A : AGENCY_B,
          titleVi: `Dự án ${prefix} ${i}`,
          titleFolded: `du an ${prefix} ${i}`,
          searchFolded: `du an ${prefix} ${i}`,
          state: 'PUBLISHED',
          publishedAt: new Date(Date.UTC(2030, 0, 1, 0, i)),
          firstPublishedAt: new Date(Date.UTC(2030, 0, 1, 0, i)),
          investment: {
            create: {
              objectivesVi: 'Mục tiêu',
              field: 'Giao thông',
              projectType: 'Nhóm C',
              budgetVnd: '1000000.00',
              fundingType: 'OTHER',
              status: 'PREPARING',
            },
          },
        },
      });
    }
  }

  it('issues the same number of SQL statements for 5 and for 50 items (no N+1)', async () => {
    await addProjects(5, 'lo-nho');
    portal.db.statements.length = 0;
    const small = await ok<{ nodes: unknown[] }>(portal.url, ANON, LIST, { n: 5 });
    expect(small.nodes).toHaveLength(5);
    const smallCount = portal.db.statements.length;
    await addProjects(45, 'lo-lon');
    portal.db.statements.length = 0;
    const large = await ok<{ nodes: unknown[] }>(portal.url, ANON, LIST, { n: 50 });
    expect(large.nodes).toHaveLength(50);
    expect(smallCount).toBeGreaterThan(3);
    expect(portal.db.statements.length).toBe(smallCount);
  });
});
