// The Q&A exchange with the national public-service portal against its fake on 127.0.0.1:
// questions come in once, enter the board's workflow, and the approved answer goes back once.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_CREDENTIALS, startServicePortalFake, type ServicePortalFake } from '../../adapters/national-service-portal/fake/server.ts';
import { createQaExchange, type QaExchange } from '../../adapters/national-service-portal/qa.ts';
import { parseServicePortalConfig } from '../../adapters/national-service-portal/source.ts';
import { citizensRuntime } from '../../subgraphs/citizens/context.ts';
import { syncNationalQa } from '../../subgraphs/citizens/sync/national-qa.ts';
import { AGENCY_A, BOARD, call, editorOf, useCitizens } from '../harness/citizens.ts';
const TEST_SECRET = 'test-subgraph-secret-0123456789abcdef0123';

const now = new Date('2025-04-25T03:00:00Z');
const citizens = useCitizens({ clock: () => now });
let fake: ServicePortalFake;
let exchange: QaExchange;
const QUESTIONS = [
  {
    MAHOIDAP: 'HD.2025.000123',
    TIEUDE: 'Cấp lại giấy phép lái xe',
    NOIDUNG: 'Hồ sơ gồm những gì?',
    HOTEN: 'Vũ Văn H',
    EMAIL: 'vu.h@example.vn',
    DIENTHOAI: null,
    LINHVUC: 'Giao thông',
    NGAYGUI: '20250424153000',
  },
  {
    MAHOIDAP: 'HD.2025.000124',
    TIEUDE: 'Thuế',
    NOIDUNG: 'Hỏi về thuế',
    HOTEN: 'Bùi Thị K',
    EMAIL: null,
    DIENTHOAI: '0911222333',
    LINHVUC: null,
    NGAYGUI: '20250424160000',
  },
];

beforeAll(async () => {
  fake = await startServicePortalFake({ questions: QUESTIONS });
  exchange = createQaExchange(parseServicePortalConfig({ endpoint: fake.endpoint, ...FAKE_CREDENTIALS, allowHosts: ['127.0.0.1'], timeoutMs: 3000 }));
});
afterAll(async () => {
  await exchange?.close();
  await fake?.close();
});

const runtime = () => citizensRuntime({ clock: () => now, boardEmail: 'bbt@cong.example.vn' }, TEST_SECRET, pino({ level: 'silent' }), {});

describe('Q&A exchange with the national public-service portal', () => {
  it('imports each question once, and sends the approved answer back once', async () => {
    expect(await syncNationalQa(citizens.db.prisma, exchange, runtime())).toEqual({ received: 2, exported: 0 });
    expect(await syncNationalQa(citizens.db.prisma, exchange, runtime())).toEqual({ received: 0, exported: 0 });
    const rows = await citizens.db.prisma.citizenRequest.findMany({ where: { source: 'NATIONAL' }, orderBy: { externalId: 'asc' } });
    expect(rows.map((r) => [r.externalId, r.state, r.receivedOn.toISOString().slice(0, 10), r.dueOn?.toISOString().slice(0, 10)])).toEqual([
      ['HD.2025.000123', 'RECEIVED', '2025-04-24', '2025-05-05'],
      ['HD.2025.000124', 'RECEIVED', '2025-04-24', '2025-05-05'],
    ]);
    // The board is told of each imported question once (the second pull imported nothing).
    const notices = await citizens.db.prisma.notification.findMany({ where: { template: 'BOARD_NEW_REQUEST', subjectId: { in: rows.map((r) => r.id) } } });
    expect(notices.map((n) => [n.recipient, (n.payload as { source: string }).source])).toEqual([
      ['bbt@cong.example.vn', 'NATIONAL'],
      ['bbt@cong.example.vn', 'NATIONAL'],
    ]);

    const id = rows[0]!.id;
    await call(
      citizens.url,
      `mutation($id: ID!) { routeCitizenRequest(id: $id, input: { agencyIds: ["${AGENCY_A}"], fieldName: "Giao thông" }) { state } }`,
      { id },
      { actor: BOARD },
    );
    await call(
      citizens.url,
      `mutation($id: ID!) { submitCitizenAnswer(id: $id, input: { text: "Đơn và giấy khám sức khỏe." }) { state } }`,
      { id },
      { actor: editorOf(AGENCY_A) },
    );
    expect(await syncNationalQa(citizens.db.prisma, exchange, runtime())).toEqual({ received: 0, exported: 0 }); // not approved yet
    await call(citizens.url, `mutation($id: ID!) { approveCitizenAnswer(id: $id) { state } }`, { id }, { actor: BOARD });

    expect(await syncNationalQa(citizens.db.prisma, exchange, runtime())).toEqual({ received: 0, exported: 1 });
    expect(await syncNationalQa(citizens.db.prisma, exchange, runtime())).toEqual({ received: 0, exported: 0 });
    expect(fake.answerPushes).toBe(1);
    expect(fake.answers.get('HD.2025.000123')).toMatchObject({ NOIDUNGTRALOI: 'Đơn và giấy khám sức khỏe.', NGAYTRALOI: '20250425100000' });
  });

  it('fails with a clear upstream code and writes nothing when the portal misbehaves', async () => {
    fake.questions.push({ ...QUESTIONS[0], MAHOIDAP: 'HD.2025.000125', NGAYGUI: '20250425080000' });
    const before = await citizens.db.prisma.citizenRequest.count();
    for (const [mode, code] of [
      [{ kind: 'malformed' }, 'UPSTREAM_INVALID_RESPONSE'],
      [{ kind: 'fault' }, 'UPSTREAM_FAULT'],
    ] as const) {
      fake.setMode(mode);
      const error = await syncNationalQa(citizens.db.prisma, exchange, runtime()).then(
        () => null,
        (e: unknown) => e as { code?: string; extensions?: { code?: string } },
      );
      expect(error?.extensions?.code ?? error?.code).toBe(code);
    }
    fake.setMode({ kind: 'ok' });
    expect(await citizens.db.prisma.citizenRequest.count()).toBe(before);
    expect(await syncNationalQa(citizens.db.prisma, exchange, runtime())).toEqual({ received: 1, exported: 0 });
  });

  it('leaves the imported contact data out of public answers', async () => {
    const pub = await call(citizens.url, `{ publishedQuestions(first: 10) { nodes { title body } } }`);
    expect(pub.text).toContain('Cấp lại giấy phép lái xe');
    expect(pub.text).not.toMatch(/vu\.h@|Vũ Văn H/);
  });
});
