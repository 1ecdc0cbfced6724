// The one-stop SOAP adapter against its fake (served by `soap` from the committed WSDL): field
// mapping from the SOAP shape, usage statistics, and every failure mode → its UPSTREAM_* code,
// hostile XML refused before parsing, nothing of the body or any host in the error.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectUpstreamFailure, TEST_RESILIENCE } from './support.ts';
import type { FakeMode } from '../../adapters/kit/fake-upstream.ts';
import { assertSelfContainedWsdl } from '../../adapters/kit/soap.ts';
import { startOneStopFake, type OneStopFake } from '../../adapters/one-stop/fake/server.ts';
import { createOneStopSource, parseOneStopConfig, WSDL_PATH, type OneStopSource } from '../../adapters/one-stop/source.ts';

const FETCHED_AT = new Date('2026-12-01T03:00:00Z');
let fake: OneStopFake;
const opened: OneStopSource[] = [];

beforeAll(async () => {
  fake = await startOneStopFake();
});
afterAll(async () => fake?.close());
afterEach(async () => {
  fake.setMode({ kind: 'ok' });
  fake.received.length = 0;
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

function source(overrides: Record<string, unknown> = {}): OneStopSource {
  const created = createOneStopSource(
    parseOneStopConfig({
      endpoint: fake.endpoint,
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

const failure = (call: Promise<unknown>) => expectUpstreamFailure(call, 'one-stop', ['127.0.0.1', 'SQLSTATE', 'motcua-db', 'passwd', '<html']);

describe('field mapping', () => {
  it('maps a dossier with its progress from the SOAP shape', async () => {
    const d = (await source().getDossier('H43.02-261020-0010'))!;
    expect(d).toEqual({
      code: 'H43.02-261020-0010',
      procedureCode: '1.001612',
      procedureName: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
      status: 10,
      applicantName: 'Đặng Văn Sơn',
      applicantIdNumber: '000087005791',
      applicantPhone: '0967890123',
      receivedAt: '2026-10-20T01:00:00.000Z',
      appointmentAt: '2026-11-03T09:00:00.000Z',
      returnedAt: '2026-11-05T02:00:00.000Z',
      handlingUnit: 'Sở Tư pháp tỉnh Phú Thọ',
      progress: [
        { actor: 'Trần Thị Bình', role: 'Chuyên viên', unit: 'Bộ phận Một cửa', at: '2026-10-20T01:00:00.000Z', action: 'Tiếp nhận hồ sơ', status: 2 },
        { actor: 'Nguyễn Hữu Phúc', role: 'Phó Giám đốc', unit: 'Ban Giám đốc', at: '2026-11-04T09:00:00.000Z', action: 'Ký Phiếu lý lịch tư pháp', status: 9 },
        { actor: 'Trần Thị Bình', role: 'Chuyên viên', unit: 'Bộ phận Một cửa', at: '2026-11-05T02:00:00.000Z', action: 'Trả kết quả', status: 10 },
      ],
      fetchedAt: FETCHED_AT.toISOString(),
    });
    // One progress entry (one element, not an array, in the XML) is still a list.
    expect((await source().getDossier('H43.02-261118-0002'))!.progress).toHaveLength(1);
    expect(await source().getDossier('NOPE-0001')).toBeNull();
    expect(fake.received.at(-1)!.body).toContain('<MaHoSo>NOPE-0001</MaHoSo>');
  });

  it('maps usage statistics per service, unit and month', async () => {
    const rows = await source().usage({ from: '2026-01', to: '2026-02' });
    expect(rows).toHaveLength(6);
    expect(rows.find((r) => r.serviceCode === '1.001612' && r.month === '2026-02')).toEqual({
      serviceCode: '1.001612',
      agencyCode: '000.02.00.H43',
      month: '2026-02',
      received: 122,
      receivedOnline: 73,
      processed: 120,
      onTime: 114,
      late: 6,
    });
    await expect(source().usage({ from: '2026-13', to: '2026-01' })).rejects.toThrow(RangeError);
  });

  it('keeps the committed WSDL self-contained', () => {
    expect(() => assertSelfContainedWsdl(WSDL_PATH)).not.toThrow();
  });
});

describe('failure modes', () => {
  const cases: [string, FakeMode, string][] = [
    ['slow', { kind: 'slow', delayMs: 2_000 }, 'UPSTREAM_TIMEOUT'],
    ['always 503', { kind: 'fail-then-ok', failures: 100 }, 'UPSTREAM_UNAVAILABLE'],
    ['HTML 502', { kind: 'html-502' }, 'UPSTREAM_UNAVAILABLE'],
    ['429', { kind: 'rate-limited', retryAfter: '120' }, 'UPSTREAM_RATE_LIMITED'],
    ['SOAP fault', { kind: 'fault' }, 'UPSTREAM_FAULT'],
    ['malformed XML', { kind: 'malformed' }, 'UPSTREAM_INVALID_RESPONSE'],
    ['XXE', { kind: 'xxe' }, 'UPSTREAM_INVALID_RESPONSE'],
    ['entity bomb', { kind: 'entity-bomb' }, 'UPSTREAM_INVALID_RESPONSE'],
    ['__proto__ element', { kind: 'proto' }, 'UPSTREAM_INVALID_RESPONSE'],
    ['oversized', { kind: 'oversized', bytes: 2 * 1024 * 1024 }, 'UPSTREAM_INVALID_RESPONSE'],
    ['oversized, declared', { kind: 'oversized', bytes: 2 * 1024 * 1024, declareLength: true }, 'UPSTREAM_INVALID_RESPONSE'],
    ['trickle', { kind: 'trickle', intervalMs: 100 }, 'UPSTREAM_TIMEOUT'],
    ['redirect', { kind: 'redirect', location: 'http://169.254.169.254/' }, 'UPSTREAM_INVALID_RESPONSE'],
  ];
  for (const [name, mode, code] of cases) {
    it(`${name} → ${code}`, async () => {
      fake.setMode(mode);
      expect((await failure(source().getDossier('H43.02-261116-0004'))).code).toBe(code);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('a dossier whose status does not exist → UPSTREAM_INVALID_RESPONSE (not an internal error), asked once', async () => {
    const d = fake.dossiers.get('H43.02-261116-0004')!;
    fake.dossiers.set('H43.02-261116-0099', { ...d, MaHoSo: 'H43.02-261116-0099', TrangThaiHoSo: 99 } as never);
    try {
      const error = await failure(source().getDossier('H43.02-261116-0099'));
      expect(error.code).toBe('UPSTREAM_INVALID_RESPONSE');
      expect(error.extensions).toMatchObject({ operation: 'TraCuuHoSo' });
      expect(fake.received).toHaveLength(1);
    } finally {
      fake.dossiers.delete('H43.02-261116-0099');
    }
  });

  it('retries a transient 503 and succeeds', async () => {
    fake.setMode({ kind: 'fail-then-ok', failures: 1 });
    expect((await source().getDossier('H43.02-261116-0004'))?.status).toBe(4);
    expect(fake.received).toHaveLength(2);
  });

  it('waits out a short Retry-After on 429 and succeeds', async () => {
    fake.setMode({ kind: 'rate-limited', retryAfter: '0', times: 1 });
    expect((await source().getDossier('H43.02-261116-0004'))?.status).toBe(4);
    expect(fake.received).toHaveLength(2);
  });

  it('opens the breaker after consecutive outages, stops calling, and reports it in health', async () => {
    const s = source({
      resilience: {
        attemptTimeoutMs: 400,
        retry: { maxAttempts: 1, initialDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 100 },
        breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
      },
    });
    fake.setMode({ kind: 'fail-then-ok', failures: 100 });
    await failure(s.getDossier('H43.02-261116-0004'));
    await failure(s.getDossier('H43.02-261116-0004'));
    const before = fake.received.length;
    expect((await failure(s.getDossier('H43.02-261116-0004'))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(fake.received.length).toBe(before);
    expect(await s.health()).toMatchObject({ ok: false, breaker: 'open', errorCode: 'UPSTREAM_UNAVAILABLE' });
  });
});
