// The whole hub for an e2e test file: a per-file test database (test/harness/db.ts), every
// subgraph and the gateway on free ports, with an observing proxy in front of each subgraph
// so a test can count what reached it. Extra gateways with other settings (production, a tiny
// rate limit …) can be started against the same subgraphs.
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createLogger } from '../../schema/observability/logger.ts';
import { readGatewayConfig } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/server.ts';
import { startHub, type RunningHub } from '../../scripts/hub.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { TEST_SIGNING_KEY } from './signing.ts';

export const TEST_JWT = { secret: 'test-jwt-secret-0123456789abcdef0123456789', issuer: 'cong-hub', audience: 'cong-hub' };

/** Settings every test gateway shares; a test's own `env` goes on top. Redis is opt-in
 * (a shared Redis would share rate-limit counters between test files). */
export const BASE_ENV: NodeJS.ProcessEnv = {
  NODE_ENV: 'test',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  GATEWAY_SIGNING_KEYS: TEST_SIGNING_KEY,
  JWT_SECRET: TEST_JWT.secret,
  SUBGRAPH_SECRET: 'test-subgraph-secret-0123456789abcdef0123',
  JWT_ISSUER: TEST_JWT.issuer,
  JWT_AUDIENCE: TEST_JWT.audience,
  CORS_ORIGINS: 'https://cong.phutho.gov.vn',
  REDIS_URL: undefined,
  SHUTDOWN_GRACE_MS: '0',
  // Tests count the calls that reach subgraphs and change data behind the gateway's back: the
  // response cache is opt-in here (test/e2e/response-cache.test.ts turns it on).
  RESPONSE_CACHE: 'false',
  // No daily backup from a test hub, even one started as NODE_ENV=development (its job would
  // write into the checkout's .data/backups); the backup tests call writeBackup themselves.
  BACKUP_AT: 'off',
};

/** Production as the public sees it: secrets set, introspection and suggestions off. */
export const PRODUCTION_ENV: NodeJS.ProcessEnv = { NODE_ENV: 'production' };

export interface TestHub {
  /** The gateway's GraphQL URL and its origin. */
  url: string;
  base: string;
  hub: RunningHub;
  db: TestDatabase;
  /** One observing proxy per subgraph, by name. */
  proxies: Record<string, ObservingProxy>;
  /** Another gateway on the same subgraphs (and proxies), with these settings on top (and the hub's gateway clock). */
  startGateway(env?: NodeJS.ProcessEnv, subgraphUrls?: Record<string, string>): Promise<RunningGateway & { base: string }>;
  stop(): Promise<void>;
}

export async function startTestHub(opts: { env?: NodeJS.ProcessEnv; logger?: Logger; gatewayClock?: () => number } = {}): Promise<TestHub> {
  const db = await createTestDatabase();
  const proxies: Record<string, ObservingProxy> = {};
  const env = { ...BASE_ENV, ...opts.env };
  const logger = opts.logger ?? createLogger(env.LOG_LEVEL ?? 'silent');
  const hub = await startHub({
    database: db,
    port: 0,
    env,
    logger,
    gatewayClock: opts.gatewayClock,
    routeSubgraph: async (name, url) => {
      proxies[name] = await startObservingProxy(url);
      return proxies[name].url;
    },
  });
  const extra: RunningGateway[] = [];
  const routes = () => Object.fromEntries(Object.entries(proxies).map(([name, p]) => [name, p.url]));
  return {
    url: hub.url,
    base: originOf(hub.url),
    hub,
    db,
    proxies,
    async startGateway(more = {}, subgraphUrls = {}) {
      const config = readGatewayConfig({ ...env, ...more, PORT: '0' }, { subgraphUrls: { ...routes(), ...subgraphUrls } });
      const gateway = await startGateway(config, logger, { clock: opts.gatewayClock });
      extra.push(gateway);
      return Object.assign(gateway, { base: originOf(gateway.url) });
    },
    async stop() {
      await Promise.all(extra.map((g) => g.stop()));
      await hub.stop();
      await Promise.all(Object.values(proxies).map((p) => p.close()));
      await db.close();
    },
  };
}

const originOf = (url: string) => url.replace(/\/graphql$/, '');

// --- observing proxy -------------------------------------------------------------------------
// Pass-through between the gateway and a subgraph: counts the GraphQL requests that reached the
// subgraph (a rejected query must cause none) and keeps the headers of the last one.

export interface ObservingProxy {
  url: string;
  /** POST /graphql requests forwarded since start (or the last reset). */
  graphqlRequests: number;
  /** Headers of the last forwarded GraphQL request. */
  lastHeaders?: IncomingHttpHeaders;
  /** Every forwarded request, counted by "METHOD /path". */
  byPath: Record<string, number>;
  reset(): void;
  close(): Promise<void>;
}

async function startObservingProxy(targetUrl: string): Promise<ObservingProxy> {
  const target = new URL(targetUrl);
  const state: ObservingProxy = {
    url: '',
    graphqlRequests: 0,
    byPath: {},
    reset() {
      state.graphqlRequests = 0;
      state.lastHeaders = undefined;
      state.byPath = {};
    },
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    const key = `${req.method} ${req.url?.split('?')[0]}`;
    state.byPath[key] = (state.byPath[key] ?? 0) + 1;
    if (req.method === 'POST' && req.url?.startsWith('/graphql')) {
      state.graphqlRequests += 1;
      state.lastHeaders = req.headers;
    }
    const upstream = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}${target.pathname}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return state;
}
