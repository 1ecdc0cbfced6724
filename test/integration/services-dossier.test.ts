// dossier(code, verification) against the fake one-stop SOAP system: live status with the
// status vocabulary, lateness in working days, progress; the same answer for an unknown code
// and a wrong verification; no personal data in the answer; the last known state flagged stale
// when the system fails; the per-client limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMode } from '../../adapters/kit/fake-upstream.ts';
import { startServicesWorld, type ServicesWorld } from './services-harness.ts';

let w: ServicesWorld;
beforeAll(async () => {
  // 9 December 2026, 10:00 in Vietnam.
  w = await startServicesWorld({ clock: '2026-12-09T03:00:00Z', options: { dossierLookupsPerMinute: 1000 } });
});
afterAll(async () => w?.close());

const LOOKUP = `query($c: String!, $v: String!) { dossier(code: $c, verification: $v) { stale fetchedAt upstreamError dossier {
  code procedureCode status statusCode statusLabel { vi en } applicant receivedAt appointmentAt returnedAt handlingUnit isLate workingDaysLate
  progress { actor role unit at action status } } } }`;

type Answer = { dossier: null | { stale: boolean; upstreamError: string | null; fetchedAt: string; dossier: Record<string, unknown> } };

async function lookup(code: string, verification: string, actor?: { id?: string; roles: string[] }) {
  return w.query<Answer>(LOOKUP, { c: code, v: verification }, actor as never);
}

describe('dossier lookup', () => {
  it('answers status, appointment, lateness in working days and progress, with no personal data', async () => {
    const res = await lookup('H43.02-261116-0004', '7890'); // last digits of the applicant's phone
    expect(res.body.errors).toBeUndefined();
    const answer = res.body.data!.dossier!;
    expect(answer.stale).toBe(false);
    expect(answer.dossier).toMatchObject({
      code: 'H43.02-261116-0004',
      procedureCode: '1.001612',
      status: 'PROCESSING',
      statusCode: 4,
      statusLabel: { vi: 'Đang xử lý', en: 'Processing' },
      applicant: 'Hoàng T. T.',
      receivedAt: '2026-11-16T07:00:00.000Z',
      appointmentAt: '2026-11-30T09:00:00.000Z',
      returnedAt: null,
      isLate: true,
      // Due Mon 30/11; still open on Wed 09/12: 1–4 and 7–9 December are 7 working days.
      workingDaysLate: 7,
    });
    expect(answer.dossier.progress).toEqual([
      { actor: 'Trần Thị Bình', role: 'Chuyên viên', unit: 'Bộ phận Một cửa', at: '2026-11-16T07:00:00.000Z', action: 'Tiếp nhận hồ sơ', status: 'ACCEPTED' },
      {
        actor: 'Lê Văn Cường',
        role: 'Trưởng phòng',
        unit: 'Phòng Hành chính tư pháp',
        at: '2026-11-17T02:15:00.000Z',
        action: 'Chuyển Phòng Hành chính tư pháp xử lý',
        status: 'PROCESSING',
      },
      {
        actor: 'Lê Văn Cường',
        role: 'Trưởng phòng',
        unit: 'Phòng Hành chính tư pháp',
        at: '2026-11-19T08:40:00.000Z',
        action: 'Gửi yêu cầu xác minh tới Công an tỉnh',
        status: 'PROCESSING',
      },
    ]);
    const text = JSON.stringify(res.body);
    for (const personal of ['Hoàng Thu Trang', '000195002468', '0934567890']) expect(text).not.toContain(personal);
    const stored = JSON.stringify(await w.db.prisma.servicesDossier.findUniqueOrThrow({ where: { code: 'H43.02-261116-0004' } }));
    for (const personal of ['Hoàng Thu Trang', '000195002468', '0934567890', '7890', '2468']) expect(stored).not.toContain(personal);
  });

  it('knows every status (the demo has three dossiers in each), and counts a dossier returned late by its return day', async () => {
    const all = [...w.oneStopFake.dossiers.values()];
    const statuses: Record<string, number> = {};
    for (const d of all) {
      const res = await lookup(d.MaHoSo, d.SoGiayTo.slice(-4));
      expect(res.body.errors, d.MaHoSo).toBeUndefined();
      const found = res.body.data!.dossier!.dossier;
      expect(found.statusCode, d.MaHoSo).toBe(d.TrangThaiHoSo);
      statuses[found.status as string] = (statuses[found.status as string] ?? 0) + 1;
    }
    expect(statuses).toEqual({
      REGISTERED: 3,
      ACCEPTED: 3,
      NOT_ACCEPTED: 3,
      PROCESSING: 3,
      SUPPLEMENT_REQUESTED: 3,
      PAYMENT_REQUESTED: 3,
      WITHDRAWN: 3,
      STOPPED: 3,
      PROCESSED: 3,
      RETURNED: 3,
    });
    // A same-day notarisation received Mon 14/12 and returned that day: on time.
    expect((await lookup('H43.21-261214-0110', '8889')).body.data!.dossier!.dossier).toMatchObject({
      procedureCode: '2.000815',
      status: 'RETURNED',
      isLate: false,
      returnedAt: '2026-12-14T08:00:00.000Z',
    });
    const returned = (await lookup('H43.02-261020-0010', '5791')).body.data!.dossier!.dossier;
    // Due Tue 03/11, returned Thu 05/11: 2 working days late, whatever today is.
    expect(returned).toMatchObject({ status: 'RETURNED', isLate: true, workingDaysLate: 2 });
    const onTime = (await lookup('H43.02-261105-0009', '4680')).body.data!.dossier!.dossier;
    expect(onTime).toMatchObject({ status: 'PROCESSED', isLate: false, workingDaysLate: 0 });
  });

  it('gives the same answer for an unknown code and a wrong verification', async () => {
    const unknown = await lookup('H43.02-000000-9999', '7890');
    const notYours = await lookup('H43.02-261116-0004', '0000');
    expect(unknown.body).toEqual({ data: { dossier: null } });
    expect(notYours.body).toEqual(unknown.body);
  });

  it('refuses malformed input with BAD_USER_INPUT', async () => {
    for (const [code, verification] of [
      ['x', '1234'],
      ['H43.02-261116-0004', '12'],
      ['H43 02', '1234'],
    ]) {
      const res = await lookup(code!, verification!);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('serves the last known state flagged stale when the system fails, and the same error for strangers', async () => {
    await lookup('H43.21-261125-0005', '8901');
    w.oneStopFake.setMode({ kind: 'fail-then-ok', failures: 1000 });
    try {
      const stale = await lookup('H43.21-261125-0005', '8901');
      expect(stale.body.data!.dossier).toMatchObject({ stale: true, upstreamError: 'UPSTREAM_UNAVAILABLE', fetchedAt: '2026-12-09T03:00:00.000Z' });
      expect(stale.body.data!.dossier!.dossier).toMatchObject({ status: 'SUPPLEMENT_REQUESTED' });
      const stranger = await lookup('H43.21-261125-0005', '1111');
      const unknown = await lookup('H43.21-999999-0005', '1111');
      expect(stranger.body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(stranger.body.errors?.[0]?.message).toBe(unknown.body.errors?.[0]?.message);
      expect(stranger.body.data).toEqual(unknown.body.data);
    } finally {
      w.oneStopFake.setMode({ kind: 'ok' });
    }
    // A hung system: the answer still comes, stale, within the lookup deadline (timed out, or
    // failed fast when the outage above left the breaker open).
    w.oneStopFake.setMode({ kind: 'slow', delayMs: 5_000 });
    try {
      const slow = await lookup('H43.21-261125-0005', '8901');
      expect(slow.body.data!.dossier).toMatchObject({ stale: true });
      expect(['UPSTREAM_TIMEOUT', 'UPSTREAM_UNAVAILABLE']).toContain(slow.body.data!.dossier!.upstreamError);
    } finally {
      w.oneStopFake.setMode({ kind: 'ok' });
    }
  });
});

describe('stale flagging on every failure mode', () => {
  it('serves the last known state flagged stale, naming the upstream error, for each way the system fails', async () => {
    const fresh = await startServicesWorld({ clock: '2026-12-09T03:00:00Z', options: { dossierLookupsPerMinute: 1000 } });
    try {
      const ask = (v = '8901') => fresh.query<Answer>(LOOKUP, { c: 'H43.21-261125-0005', v });
      expect((await ask()).body.data!.dossier).toMatchObject({ stale: false });
      // Answers first (they do not count towards the breaker), outages last.
      const modes: [FakeMode, string][] = [
        [{ kind: 'fault' }, 'UPSTREAM_FAULT'],
        [{ kind: 'malformed' }, 'UPSTREAM_INVALID_RESPONSE'],
        [{ kind: 'xxe' }, 'UPSTREAM_INVALID_RESPONSE'],
        [{ kind: 'oversized', bytes: 2 * 1024 * 1024 }, 'UPSTREAM_INVALID_RESPONSE'],
        [{ kind: 'rate-limited', retryAfter: '120' }, 'UPSTREAM_RATE_LIMITED'],
        [{ kind: 'html-502' }, 'UPSTREAM_UNAVAILABLE'],
      ];
      for (const [mode, code] of modes) {
        fresh.oneStopFake.setMode(mode);
        const res = await ask();
        expect(res.body.errors, mode.kind).toBeUndefined();
        expect(res.body.data!.dossier, mode.kind).toMatchObject({ stale: true, upstreamError: code, fetchedAt: '2026-12-09T03:00:00.000Z' });
        expect(res.body.data!.dossier!.dossier, mode.kind).toMatchObject({ code: 'H43.21-261125-0005', status: 'SUPPLEMENT_REQUESTED' });
        // Someone without the proof learns nothing more than the failure.
        expect((await ask('1111')).body.errors?.[0]?.extensions?.code, mode.kind).toBe(code);
      }
    } finally {
      await fresh.close();
    }
  });
});

describe('the per-client limit', () => {
  it('stops a client that loops over codes, without touching others', async () => {
    const limited = await startServicesWorld({ options: { dossierLookupsPerMinute: 3 } });
    try {
      const prober = { id: 'prober', roles: [] };
      const codes = await Promise.all([1, 2, 3, 4, 5].map((i) => limited.query(LOOKUP, { c: `H43.02-000000-000${i}`, v: '1234' }, prober as never)));
      expect(codes.map((r) => r.body.errors?.[0]?.extensions?.code ?? 'ok').sort()).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'ok', 'ok', 'ok']);
      const other = await limited.query(LOOKUP, { c: 'H43.02-000000-0001', v: '1234' }, { id: 'someone-else', roles: [] } as never);
      expect(other.body.errors).toBeUndefined();
      const before = limited.oneStopFake.received.length;
      await limited.query(LOOKUP, { c: 'H43.02-000000-0009', v: '1234' }, prober as never);
      expect(limited.oneStopFake.received.length).toBe(before);
    } finally {
      await limited.close();
    }
  });
});
