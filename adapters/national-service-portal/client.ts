// The session protocol of the national public-service portal (wire.ts): log in once, reuse the
// session for every call, and when the portal says the session is unknown or expired, log in
// again ONCE and repeat the call; a second refusal (or a refused login) is UPSTREAM_AUTH, never
// a loop. Concurrent calls share one login in flight. Bodies are checked like every JSON
// upstream: status and media type (an HTML page is an outage), byte cap, JSON syntax, zod shape.
import type { z } from 'zod';
import { UpstreamFailure } from '../kit/errors.ts';
import { assertUpstreamResponse, responseText, type HttpClient, type HttpResponse } from '../kit/http.ts';
import { ERROR_OK, ERROR_SESSION, callResponse, loginResponse, type ServiceName } from './wire.ts';

const JSON_TYPES = ['application/json', 'json'] as const;

export interface PortalCredentials {
  username: string;
  password: string;
  /** The province's unit code sent as `madonvi`. */
  unitCode: string;
}

export interface PortalClient {
  /** One service call; rows are checked against `row` one by one. */
  call<T>(service: ServiceName, params: Record<string, unknown>, row: z.ZodType<T>, signal: AbortSignal): Promise<{ rows: T[]; total: number | null }>;
  /** Logins made so far (tests and metrics). */
  readonly logins: number;
}

function readJson<T>(res: HttpResponse, schema: z.ZodType<T>): T {
  assertUpstreamResponse(res, JSON_TYPES);
  let raw: unknown;
  try {
    raw = JSON.parse(responseText(res));
  } catch (error) {
    throw new UpstreamFailure('invalid', 'malformed JSON', { status: res.status, cause: error });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new UpstreamFailure('invalid', 'JSON does not match the expected shape', { status: res.status, cause: parsed.error });
  return parsed.data;
}

function parseRows<T>(rows: unknown[], schema: z.ZodType<T>): T[] {
  return rows.map((row) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) throw new UpstreamFailure('invalid', 'a result row does not match the expected shape', { cause: parsed.error });
    return parsed.data;
  });
}

class SessionRefused extends Error {}

export function createPortalClient(options: { endpoint: string; http: HttpClient; credentials: PortalCredentials }): PortalClient {
  const base = options.endpoint.replace(/\/+$/, '');
  let session: Promise<string> | null = null;
  let logins = 0;

  const post = (path: string, body: unknown, signal: AbortSignal) =>
    options.http.request({
      method: 'POST',
      url: `${base}${path}`,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal,
    });

  async function login(signal: AbortSignal): Promise<string> {
    logins += 1;
    const res = await post('/login', { username: options.credentials.username, password: options.credentials.password }, signal);
    const answer = readJson(res, loginResponse);
    if (answer.error_code !== ERROR_OK || !answer.session)
      throw new UpstreamFailure('auth', `login refused (error_code ${answer.error_code})`, { status: res.status });
    return answer.session;
  }

  /** The current session, logging in when there is none; a failed login is forgotten. */
  function currentSession(signal: AbortSignal): Promise<string> {
    session ??= login(signal).catch((error: unknown) => {
      session = null;
      throw error;
    });
    return session;
  }

  async function once(service: ServiceName, params: Record<string, unknown>, signal: AbortSignal) {
    const token = await currentSession(signal);
    const res = await post('/service', { ...params, session: token, madonvi: options.credentials.unitCode, service }, signal);
    const answer = readJson(res, callResponse);
    if (answer.error_code === ERROR_SESSION) {
      // Only the caller holding the dead session drops it; another may already have renewed it.
      if (session && (await session.catch(() => null)) === token) session = null;
      throw new SessionRefused();
    }
    if (answer.error_code !== ERROR_OK) throw new UpstreamFailure('fault', `error_code ${answer.error_code}`, { status: res.status });
    return answer;
  }

  return {
    get logins() {
      return logins;
    },
    async call(service, params, row, signal) {
      let answer;
      try {
        answer = await once(service, params, signal);
      } catch (error) {
        if (!(error instanceof SessionRefused)) throw error;
        try {
          answer = await once(service, params, signal);
        } catch (again) {
          if (again instanceof SessionRefused) throw new UpstreamFailure('auth', 'session refused after renewal');
          throw again;
        }
      }
      return { rows: parseRows(answer.result ?? [], row), total: answer.total ?? null };
    },
  };
}
