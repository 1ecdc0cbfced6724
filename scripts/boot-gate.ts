// C8 (issue 7 finding 15): the hub does not exit when its database is unreachable at boot. It
// keeps retrying the database work (migrations, seed) with capped exponential backoff and
// jitter, and meanwhile answers on the gateway's address: /health 200 (the process is alive),
// /ready 503 (do not send traffic), everything else 503 SERVICE_UNAVAILABLE with Retry-After.
// Once the database answers and is prepared, the placeholder steps aside for the real gateway.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

export interface BootGateOptions {
  host: string;
  port: number;
  logger: Logger;
  /** First pause between attempts (ms); doubles up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
};

function placeholder(state: { lastError: string }) {
  return http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health') return json(res, 200, { status: 'ok', database: 'waiting' });
    if (path === '/ready') return json(res, 503, { status: 'not-ready', database: 'unreachable', reason: state.lastError });
    json(
      res,
      503,
      { errors: [{ message: 'The hub is starting: its database is not reachable yet.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] },
      { 'retry-after': '5' },
    );
  });
}

/**
 * Runs `prepare` until it succeeds. On the first failure a placeholder listens on host:port
 * until then. Returns the port the gateway must take (the placeholder's, when `port` was 0).
 */
export async function untilDatabaseReady(prepare: () => Promise<void>, opts: BootGateOptions): Promise<number> {
  try {
    await prepare();
    return opts.port;
  } catch (err) {
    opts.logger.warn({ err: String(err) }, 'database unreachable at boot: not ready, retrying');
  }
  const state = { lastError: 'starting' };
  const server = placeholder(state);
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(opts.port, opts.host, resolve));
  const port = (server.address() as AddressInfo).port;
  opts.logger.info({ port }, 'answering /ready 503 until the database is reachable');
  let delay = opts.initialDelayMs ?? 500;
  for (let attempt = 2; ; attempt += 1) {
    // Jitter: replicas that lost the same database do not come back in lockstep.
    await new Promise((r) => setTimeout(r, delay / 2 + Math.random() * (delay / 2)));
    try {
      await prepare();
      opts.logger.info({ attempt }, 'database reachable: migrations and seed done');
      break;
    } catch (err) {
      state.lastError = String(err).slice(0, 200);
      opts.logger.warn({ attempt, err: state.lastError }, 'database still unreachable');
      delay = Math.min(delay * 2, opts.maxDelayMs ?? 10_000);
    }
  }
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return port;
}
