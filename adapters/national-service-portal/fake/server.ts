// A real national public-service portal on 127.0.0.1:0 for tests and the demo: the session
// protocol (login → session; sessions can be expired on demand; logins can be refused), the
// five services over a mutable catalogue (change a procedure, withdraw one: incremental sync is
// testable), dossiers for TraCuuHoSo, and the kit's misbehaviour modes.
import { startFakeUpstream, type FakeResponse, type FakeServer, type ReceivedRequest } from '../../kit/fake-upstream.ts';
import { FIXTURE_AGENCIES, FIXTURE_FIELDS, FIXTURE_PROCEDURES, type FixtureProcedure } from '../fixtures/procedures.ts';
import { ERROR_OK, ERROR_SESSION } from '../wire.ts';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
export const FAKE_CREDENTIALS = { username: 'cong-hub', password: 'demo-password', unitCode: '000.00.00.H43' };

export interface ServicePortalFake extends FakeServer {
  endpoint: string;
  procedures: Map<string, FixtureProcedure>;
  dossiers: Map<string, Record<string, unknown>>;
  /** Forget every session: the next call gets error_code 2 (expired). */
  expireSessions(): void;
  /** Refuse logins (wrong credentials) until set back. */
  refuseLogins(refuse: boolean): void;
  /** Hand out sessions that are never valid (a platform whose session store is broken). */
  deadSessions(dead: boolean): void;
  /** Sessions the fake has handed out. */
  readonly sessionsIssued: number;
  /** Service names called, in order (login excluded). */
  readonly calls: string[];
  /** Q&A: questions the national portal holds for the province (LayDanhSachHoiDap). */
  questions: Record<string, unknown>[];
  /** Q&A: answers received through DongBoHoiDap, by MAHOIDAP, and how many pushes in all. */
  answers: Map<string, Record<string, unknown>>;
  readonly answerPushes: number;
}

const json = (body: unknown, status = 200): FakeResponse => ({ status, headers: JSON_TYPE, body: JSON.stringify(body) });

export async function startServicePortalFake(
  options: { procedures?: FixtureProcedure[]; dossiers?: Record<string, unknown>[]; questions?: Record<string, unknown>[] } = {},
): Promise<ServicePortalFake> {
  const procedures = new Map((options.procedures ?? FIXTURE_PROCEDURES).map((p) => [p.MATTHC, structuredClone(p)]));
  const dossiers = new Map((options.dossiers ?? []).map((d) => [String(d.MaHoSo), d]));
  const sessions = new Set<string>();
  let issued = 0;
  let refuse = false;
  let dead = false;
  const calls: string[] = [];
  const questions = [...(options.questions ?? [])];
  const answers = new Map<string, Record<string, unknown>>();
  let pushes = 0;

  function login(body: Record<string, unknown>): FakeResponse {
    if (refuse || body.username !== FAKE_CREDENTIALS.username || body.password !== FAKE_CREDENTIALS.password) {
      return json({ error_code: 1, message: 'Sai tên đăng nhập hoặc mật khẩu' });
    }
    issued += 1;
    const session = `s-${issued}-${Math.random().toString(36).slice(2)}`;
    if (!dead) sessions.add(session);
    return json({ error_code: ERROR_OK, session });
  }

  function service(body: Record<string, unknown>): FakeResponse {
    if (typeof body.session !== 'string' || !sessions.has(body.session)) return json({ error_code: ERROR_SESSION, message: 'Phiên làm việc đã hết hạn' });
    const name = String(body.service);
    calls.push(name);
    switch (name) {
      case 'LayDanhMucCoQuan':
        return json({ error_code: ERROR_OK, result: FIXTURE_AGENCIES });
      case 'LayDanhMucLinhVuc':
        return json({ error_code: ERROR_OK, result: FIXTURE_FIELDS });
      case 'LayDanhSachTTHC': {
        const since = typeof body.tungay === 'string' ? body.tungay : null;
        const all = [...procedures.values()]
          .filter((p) => !since || p.NGAYCAPNHAT >= since)
          .sort((a, b) => (a.NGAYCAPNHAT < b.NGAYCAPNHAT ? -1 : a.NGAYCAPNHAT > b.NGAYCAPNHAT ? 1 : a.MATTHC.localeCompare(b.MATTHC)));
        const size = Number(body.sobanghi ?? 50);
        const page = Number(body.trang ?? 1);
        const rows = all
          .slice((page - 1) * size, page * size)
          .map((p) => ({ MATTHC: p.MATTHC, TENTTHC: p.TENTTHC, NGAYCAPNHAT: p.NGAYCAPNHAT, DAHUY: p.DAHUY ? '1' : '0' }));
        return json({ error_code: ERROR_OK, total: all.length, result: rows });
      }
      case 'LayThuTuc': {
        const p = procedures.get(String(body.maTTHC));
        return json({ error_code: ERROR_OK, result: p ? [p] : [] });
      }
      case 'TraCuuHoSo': {
        const d = dossiers.get(String(body.mahoso));
        return json({ error_code: ERROR_OK, result: d ? [d] : [] });
      }
      case 'LayDanhSachHoiDap': {
        const since = typeof body.tungay === 'string' ? body.tungay : null;
        return json({ error_code: ERROR_OK, result: questions.filter((q) => !since || String(q.NGAYGUI) >= since) });
      }
      case 'DongBoHoiDap': {
        const code = String(body.MAHOIDAP ?? '');
        if (!questions.some((q) => q.MAHOIDAP === code)) return json({ error_code: 3, message: 'Không tìm thấy câu hỏi' });
        pushes += 1;
        answers.set(code, { MAHOIDAP: code, NOIDUNGTRALOI: body.NOIDUNGTRALOI, COQUANTRALOI: body.COQUANTRALOI, NGAYTRALOI: body.NGAYTRALOI });
        return json({ error_code: ERROR_OK, result: [] });
      }
      default:
        return json({ error_code: 404, message: 'Dịch vụ không tồn tại' });
    }
  }

  const ok = (req: ReceivedRequest): FakeResponse => {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return json({ error_code: 400, message: 'Bad JSON' }, 400);
    }
    if (req.method === 'POST' && req.url === '/api/login') return login(body);
    if (req.method === 'POST' && req.url === '/api/service') return service(body);
    return json({ error_code: 404 }, 404);
  };

  const fake = await startFakeUpstream({
    contentType: JSON_TYPE['content-type'],
    ok,
    // The platform's own failure answer: HTTP 200 with an error code and an internal detail.
    fault: () => json({ error_code: 99, message: 'ORA-12541: TNS:no listener at lgsp-db.internal' }),
    malformed: () => ({ status: 200, headers: JSON_TYPE, body: '{"error_code":0,"result":[{"MATTHC":' }),
    hostile: () => ({ status: 200, headers: JSON_TYPE, body: '{"error_code":0,"result":[{"__proto__":{"polluted":"yes"},"MATTHC":"x","TENTTHC":"y"}]}' }),
  });
  const extra = {
    endpoint: `${fake.origin}/api`,
    procedures,
    dossiers,
    expireSessions: () => sessions.clear(),
    refuseLogins: (value: boolean) => void (refuse = value),
    deadSessions: (value: boolean) => void (dead = value),
    calls,
    questions,
    answers,
  };
  // Getters, not copied values: Object.assign would read them once.
  const withCounters = Object.defineProperty(Object.assign(fake, extra), 'sessionsIssued', { get: () => issued });
  return Object.defineProperty(withCounters, 'answerPushes', { get: () => pushes }) as ServicePortalFake;
}
