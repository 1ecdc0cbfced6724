// The national public-service portal adapter against its fake on 127.0.0.1: the session
// protocol (login, reuse, renewal once on expiry, then UPSTREAM_AUTH), field mapping from the
// portal's shape, and every failure mode → its UPSTREAM_* code, with nothing of the body or
// any host in the error.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectUpstreamFailure, TEST_RESILIENCE } from './support.ts';
import type { FakeMode } from '../../adapters/kit/fake-upstream.ts';
import { FAKE_CREDENTIALS, startServicePortalFake, type ServicePortalFake } from '../../adapters/national-service-portal/fake/server.ts';
import { amountVnd, portalDate, portalInstant, toPortalTime } from '../../adapters/national-service-portal/map.ts';
import { createServicePortalSource, parseServicePortalConfig, type ServicePortalSource } from '../../adapters/national-service-portal/source.ts';
import { ADAPTERS } from '../../adapters/registry.ts';

const FETCHED_AT = new Date('2026-05-01T03:00:00Z');
let fake: ServicePortalFake;
const opened: ServicePortalSource[] = [];

beforeAll(async () => {
  fake = await startServicePortalFake({
    dossiers: [
      {
        MaHoSo: 'H43.02-260415-0001',
        MaTTHC: '1.001612',
        TenTTHC: 'Cấp Phiếu lý lịch tư pháp',
        ChuHoSo: 'Nguyễn Văn An',
        SoGiayTo: '025090001234',
        SoDienThoai: '0912345678',
        NgayTiepNhan: '20260415083000',
        NgayHenTra: '20260429170000',
        NgayTra: null,
        TrangThaiHoSo: '4',
        DonViXuLy: 'Sở Tư pháp tỉnh Phú Thọ',
        QuaTrinhXuLy: [
          {
            NguoiXuLy: 'Trần Thị Bình',
            ChucDanh: 'Chuyên viên',
            ThoiDiemXuLy: '20260415083000',
            PhongBanXuLy: 'Bộ phận Một cửa',
            NoiDungXuLy: 'Tiếp nhận hồ sơ',
            TrangThai: 2,
          },
        ],
      },
    ],
  });
});
afterAll(async () => fake?.close());
afterEach(async () => {
  fake.setMode({ kind: 'ok' });
  fake.refuseLogins(false);
  fake.deadSessions(false);
  fake.received.length = 0;
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

function source(overrides: Record<string, unknown> = {}): ServicePortalSource {
  const created = createServicePortalSource(
    parseServicePortalConfig({
      endpoint: fake.endpoint,
      ...FAKE_CREDENTIALS,
      timeoutMs: 400,
      maxBytes: 256 * 1024,
      allowHosts: ['127.0.0.1'],
      resilience: TEST_RESILIENCE,
      ...overrides,
    }),
    { now: () => FETCHED_AT },
  );
  opened.push(created);
  return created;
}

// Nothing of the body, no host, no credentials reach a client.
const failure = (call: Promise<unknown>) =>
  expectUpstreamFailure(call, 'national-service-portal', ['127.0.0.1', 'ORA-', 'lgsp-db', 'demo-password', 'Phiên', '<html']);

describe('wire values', () => {
  it('reads portal times in Vietnam and amounts as whole đồng', () => {
    expect(portalInstant('20250701000000')).toBe('2025-06-30T17:00:00.000Z');
    expect(portalDate('20250701000000')).toBe('2025-07-01');
    expect(portalDate('20250230000000')).toBeNull();
    expect(portalInstant('2025-07-01')).toBeNull();
    expect(toPortalTime(new Date('2026-05-01T17:30:00Z'))).toBe('20260502003000');
    expect(['200.000', '200,000', '200000', '200000 đồng', 'Miễn phí', '1.5', 'Theo quy định'].map(amountVnd)).toEqual([
      '200000',
      '200000',
      '200000',
      '200000',
      '0',
      null,
      null,
    ]);
  });
});

describe('the session protocol', () => {
  it('logs in once and reuses the session', async () => {
    const s = source();
    await s.listProcedures({ page: 1, pageSize: 10 });
    await s.fields();
    expect(s.logins).toBe(1);
    const bodies = fake.received.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(bodies[0]).toEqual({ username: FAKE_CREDENTIALS.username, password: FAKE_CREDENTIALS.password });
    expect(bodies[1]).toMatchObject({ service: 'LayDanhSachTTHC', madonvi: '000.00.00.H43', session: expect.any(String), trang: 1, sobanghi: 10 });
    expect(bodies[2]!.session).toBe(bodies[1]!.session);
  });

  it('renews an expired session once and repeats the call', async () => {
    const s = source();
    await s.fields();
    fake.expireSessions();
    const record = await s.getProcedure('1.001193');
    expect(record?.code).toBe('1.001193');
    expect(s.logins).toBe(2);
  });

  it('answers UPSTREAM_AUTH when the login is refused, without retrying it', async () => {
    fake.refuseLogins(true);
    const s = source();
    const error = await failure(s.fields());
    expect(error.code).toBe('UPSTREAM_AUTH');
    expect(s.logins).toBe(1);
  });

  it('answers UPSTREAM_AUTH when the renewed session is refused too: one renewal, no loop', async () => {
    fake.deadSessions(true);
    try {
      const s = source();
      expect((await failure(s.fields())).code).toBe('UPSTREAM_AUTH');
      expect(s.logins).toBe(2);
      expect(fake.received.map((r) => r.url)).toEqual(['/api/login', '/api/service', '/api/login', '/api/service']);
    } finally {
      fake.deadSessions(false);
    }
  });
});

describe('field mapping', () => {
  it('maps a procedure from the portal shape', async () => {
    const r = (await source().getProcedure('2.000815'))!;
    expect(r.code).toBe('2.000815');
    expect(r.tiers).toEqual([
      { tier: 'DISTRICT', validFrom: '2015-04-10', validTo: '2025-06-30' },
      { tier: 'COMMUNE', validFrom: '2015-04-10', validTo: null },
    ]);
    expect(r.details.channels).toEqual([
      {
        channel: 'IN_PERSON',
        timeLimits: [
          {
            value: '1',
            unit: 'WORKING_DAYS',
            text: 'Ngày làm việc',
            description: 'Trong ngày; tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo',
            fees: [
              {
                code: null,
                amountVnd: '2000',
                unit: 'Đồng/trang',
                description: 'Trang thứ nhất, thứ hai: 2.000 đồng/trang; từ trang thứ ba: 1.000 đồng/trang, tối đa 200.000 đồng/bản.',
              },
            ],
          },
        ],
      },
    ]);
    expect(r.details.legalBases).toEqual([
      {
        text: 'Nghị định số 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính',
        number: '23/2015/NĐ-CP',
        numberKey: '23/2015/ND-CP',
      },
    ]);
    expect(r.details.agencies).toEqual([{ code: '000.00.21.H43', name: 'Ủy ban nhân dân phường Vĩnh Yên' }]);
    expect(r.effectiveDate).toBe('2025-07-01');
    expect(r.announcedBy).toBe('1680/QĐ-UBND');
    expect(r.onlineService).toBeNull();
    expect(r.provenance).toEqual({
      system: 'national-service-portal',
      sourceId: '2.000815',
      sourceUrl: expect.stringContaining('ma_thu_tuc=2.000815'),
      modifiedAt: '2025-06-25T01:00:00.000Z',
      fetchedAt: FETCHED_AT.toISOString(),
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('maps the catalogue, incremental listing and an unknown code', async () => {
    const s = source();
    expect((await s.agencies()).find((a) => a.code === '000.00.21.H43')).toEqual({
      kind: 'AGENCY',
      code: '000.00.21.H43',
      name: 'Ủy ban nhân dân phường Vĩnh Yên',
      parentCode: '000.00.00.H43',
      parentName: null,
    });
    expect((await s.fields()).find((f) => f.code === 'G09-TP04')).toMatchObject({ name: 'Lý lịch tư pháp', parentName: 'Tư pháp' });
    const since = await s.listProcedures({ page: 1, pageSize: 50, modifiedSince: new Date('2025-06-24T00:00:00Z') });
    expect(since.items.map((i) => i.code)).toEqual(['2.000815', '1.001193']);
    expect(JSON.parse(fake.received.at(-1)!.body)).toMatchObject({ tungay: '20250624070000' });
    expect(await s.getProcedure('1.000000')).toBeNull();
  });

  it('maps a dossier (TraCuuHoSo), personal fields kept inside the record', async () => {
    const d = (await source().getDossier('H43.02-260415-0001'))!;
    expect(d).toMatchObject({
      code: 'H43.02-260415-0001',
      status: 4,
      applicantName: 'Nguyễn Văn An',
      receivedAt: '2026-04-15T01:30:00.000Z',
      appointmentAt: '2026-04-29T10:00:00.000Z',
      progress: [
        { actor: 'Trần Thị Bình', role: 'Chuyên viên', unit: 'Bộ phận Một cửa', at: '2026-04-15T01:30:00.000Z', action: 'Tiếp nhận hồ sơ', status: 2 },
      ],
    });
    expect(await source().getDossier('NOPE')).toBeNull();
  });
});

describe('failure modes', () => {
  const cases: [string, FakeMode, string][] = [
    ['slow', { kind: 'slow', delayMs: 2_000 }, 'UPSTREAM_TIMEOUT'],
    ['trickle', { kind: 'trickle', intervalMs: 100 }, 'UPSTREAM_TIMEOUT'],
    ['always 503', { kind: 'fail-then-ok', failures: 100 }, 'UPSTREAM_UNAVAILABLE'],
    ['HTML 502', { kind: 'html-502' }, 'UPSTREAM_UNAVAILABLE'],
    ['429 with a long Retry-After', { kind: 'rate-limited', retryAfter: '120' }, 'UPSTREAM_RATE_LIMITED'],
    ['platform fault', { kind: 'fault' }, 'UPSTREAM_FAULT'],
    ['malformed JSON', { kind: 'malformed' }, 'UPSTREAM_INVALID_RESPONSE'],
    ['oversized', { kind: 'oversized', bytes: 2 * 1024 * 1024 }, 'UPSTREAM_INVALID_RESPONSE'],
    ['oversized, declared', { kind: 'oversized', bytes: 2 * 1024 * 1024, declareLength: true }, 'UPSTREAM_INVALID_RESPONSE'],
    ['redirect', { kind: 'redirect', location: 'http://169.254.169.254/' }, 'UPSTREAM_INVALID_RESPONSE'],
  ];
  for (const [name, mode, code] of cases) {
    it(`${name} → ${code}`, async () => {
      const s = source();
      await s.fields(); // the session exists: the mode hits the call itself
      fake.setMode(mode);
      expect((await failure(s.getProcedure('1.001612'))).code).toBe(code);
    });
  }

  it('retries a transient 503 (reads only) and succeeds', async () => {
    const s = source();
    await s.fields();
    fake.setMode({ kind: 'fail-then-ok', failures: 1 });
    expect((await s.getProcedure('1.001612'))?.code).toBe('1.001612');
  });

  it('drops "__proto__" keys and never pollutes Object.prototype', async () => {
    const s = source();
    await s.fields();
    fake.setMode({ kind: 'proto' });
    const page = await s.listProcedures({ page: 1, pageSize: 5 });
    expect(page.items).toEqual([{ code: 'x', name: 'y', modifiedAt: null, withdrawn: false }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('opens the breaker after consecutive outages and reports it in health', async () => {
    const s = source({
      resilience: {
        attemptTimeoutMs: 400,
        retry: { maxAttempts: 1, initialDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 100 },
        breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
      },
    });
    await s.fields();
    fake.setMode({ kind: 'fail-then-ok', failures: 100 });
    await failure(s.fields());
    await failure(s.fields());
    const before = fake.received.length;
    expect((await failure(s.fields())).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(fake.received.length).toBe(before);
    expect(await s.health()).toMatchObject({ ok: false, breaker: 'open', errorCode: 'UPSTREAM_UNAVAILABLE' });
  });

  // A detail that is well-formed JSON of the right shape but that the mapping refuses (an unknown
  // channel or level, a dossier status that does not exist) is the portal's invalid answer —
  // UPSTREAM_INVALID_RESPONSE through the policy, as a malformed body is — not an internal error.
  describe('a malformed detail', () => {
    const code = '1.001612';
    let saved: string;
    beforeAll(() => void (saved = JSON.stringify(fake.procedures.get(code))));
    afterEach(() => void fake.procedures.set(code, JSON.parse(saved) as never));
    const strict = {
      resilience: {
        attemptTimeoutMs: 400,
        retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 100 },
        breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
      },
    };
    const detailCalls = () => fake.calls.filter((c) => c === 'LayThuTuc').length;
    /** The fixture as served (its lists are present: the wire input type allows them absent). */
    const served = () => fake.procedures.get(code) as unknown as { CACHTHUCTHUCHIEN: { KENH: number }[]; CAPTHUCHIEN: { MACAP: string }[] };

    it('an unknown channel → UPSTREAM_INVALID_RESPONSE naming the operation, not retried; the breaker treats it as a malformed body (stays closed)', async () => {
      const s = source(strict);
      await s.fields();
      served().CACHTHUCTHUCHIEN[0]!.KENH = 9;
      for (let i = 1; i <= 3; i++) {
        const before = detailCalls();
        const error = await failure(s.getProcedure(code));
        expect(error.code).toBe('UPSTREAM_INVALID_RESPONSE');
        expect(error.message).toBe('An external system answered with an invalid response.');
        expect(error.extensions).toMatchObject({ system: 'national-service-portal', operation: 'LayThuTuc' });
        expect(detailCalls() - before, 'asked once: a bad answer is not retried').toBe(1);
      }
      expect(await s.health()).toMatchObject({ ok: true, breaker: 'closed' });
      // The same portal's other procedures are still served.
      expect((await s.getProcedure('1.001193'))?.code).toBe('1.001193');
    });

    it('an unknown level → UPSTREAM_INVALID_RESPONSE', async () => {
      const s = source();
      served().CAPTHUCHIEN[0]!.MACAP = '7';
      expect((await failure(s.getProcedure(code))).code).toBe('UPSTREAM_INVALID_RESPONSE');
    });

    it('a dossier with a status that does not exist → UPSTREAM_INVALID_RESPONSE', async () => {
      const s = source();
      const dossier = fake.dossiers.get('H43.02-260415-0001')!;
      fake.dossiers.set('H43.02-260415-0099', { ...dossier, MaHoSo: 'H43.02-260415-0099', TrangThaiHoSo: '99' });
      try {
        const error = await failure(s.getDossier('H43.02-260415-0099'));
        expect(error.code).toBe('UPSTREAM_INVALID_RESPONSE');
        expect(error.extensions).toMatchObject({ operation: 'TraCuuHoSo' });
      } finally {
        fake.dossiers.delete('H43.02-260415-0099');
      }
    });
  });

  it('refuses an endpoint on a private address unless allowed, at configuration time', () => {
    expect(() => parseServicePortalConfig({ endpoint: fake.endpoint, ...FAKE_CREDENTIALS })).toThrow();
    expect(ADAPTERS['national-service-portal'].system).toBe('national-service-portal');
  });
});
