// One process of the peer bench (peers.ts), forked over IPC and pinned to a core by taskset:
//   subgraph <name>         one of the hub's subgraphs on the bench database, counting the calls
//                           it receives (each spends one nonce) and the SQL it runs;
//   gateway <kind>          ours | stock (@apollo/gateway, signed data source, nothing else) |
//                           hive (@graphql-hive/gateway-runtime) | hive-router (the same with
//                           @graphql-hive/router-runtime's Rust query planner).
// Every gateway signs its subgraph calls the same way (RFC 9421, the development key), anonymous
// public context. Replies to { type: 'stats' } with its CPU time, RSS and counters.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { pino } from 'pino';

type Reply =
  { type: 'ready'; url: string } | { type: 'stats'; cpuMicros: number; rss: number; fetches: number; statements: number } | { type: 'error'; error: string };
const send = (m: Reply) => process.send?.(m);
const counters = { fetches: 0, statements: 0 };
const silent = pino({ level: 'silent' });

async function subgraph(name: string): Promise<string> {
  const { SUBGRAPHS } = await import('../../subgraphs/registry.ts');
  const { runSubgraph } = await import('../../subgraphs/kit/define.ts');
  const { createPrisma } = await import('../../schema/db/prisma.ts');
  const { memoryReplayGuard } = await import('../../schema/security/replay-guard.ts');
  const { verifyingKeysOf, sharedKeysBySubgraph, parsePrivateKey, DEV_SIGNING_KEY } = await import('../../schema/security/keys.ts');
  const def = SUBGRAPHS.find((s) => s.name === name);
  if (!def) throw new Error(`no subgraph ${name}`);
  const prisma = createPrisma({ url: process.env.DATABASE_URL!, poolMax: 10, onStatement: () => (counters.statements += 1) });
  const guard = memoryReplayGuard();
  const replay = { ...guard, firstUse: (key: string, ttl: number) => ((counters.fetches += 1), guard.firstUse(key, ttl)) };
  const running = await runSubgraph(
    def,
    {
      prisma,
      trust: { keys: verifyingKeysOf([parsePrivateKey(DEV_SIGNING_KEY)]), sharedKeys: sharedKeysBySubgraph([parsePrivateKey(DEV_SIGNING_KEY)]), replay },
      logger: silent,
    },
    { port: 0, jobs: false },
  );
  return running.url;
}

const subgraphUrls = (): Record<string, string> => JSON.parse(process.env.BENCH_SUBGRAPH_URLS ?? '{}');

async function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

async function gateway(kind: string): Promise<string> {
  const { DEFAULT_SUPERGRAPH_PATH } = await import('../../gateway/supergraph.ts');
  const { DEV_SIGNING_KEY, gatewaySigner, parsePrivateKey } = await import('../../schema/security/keys.ts');
  const { signGatewayRequest, AUDIENCE_HEADER } = await import('../../schema/security/gateway-signature.ts');
  const { ANONYMOUS, CONTEXT_HEADER, encodeContext } = await import('../../schema/security/signed-context.ts');
  // Every peer signs as ours does: the hub's own subgraphs with their shared keys (hmac-sha256).
  const signer = gatewaySigner(parsePrivateKey(DEV_SIGNING_KEY), () => true);
  const urls = subgraphUrls();
  if (kind === 'ours') {
    const { readGatewayConfig } = await import('../../gateway/config.ts');
    const { startGateway } = await import('../../gateway/server.ts');
    const running = await startGateway(readGatewayConfig({ ...process.env, PORT: '0' }, { subgraphUrls: urls }), silent);
    return running.url;
  }
  const sdl = await readFile(DEFAULT_SUPERGRAPH_PATH, 'utf8');
  if (kind === 'stock') {
    const { ApolloGateway, RemoteGraphQLDataSource } = await import('@apollo/gateway');
    const { ApolloServer } = await import('@apollo/server');
    const { expressMiddleware } = await import('@as-integrations/express5');
    const express = (await import('express')).default;
    const { signedHeaders } = await import('../../gateway/fetcher.ts');
    const stock = new RemoteGraphQLDataSource().fetcher;
    let seq = 0;
    // Stock in every way but the signature every subgraph requires (per-request context, as stock forwards it).
    class Signed extends RemoteGraphQLDataSource {
      constructor(
        url: string,
        readonly subgraph: string,
      ) {
        super({ url, fetcher: (u, init) => stock(u, { ...init, headers: signedHeaders(signer, u, init) }) });
      }
      override willSendRequest({ request }: { request: { http?: { headers: { set(k: string, v: string): void } } } }) {
        request.http?.headers.set(CONTEXT_HEADER, encodeContext({ requestId: `stock-${++seq}`, actor: ANONYMOUS, locale: 'vi' }));
        request.http?.headers.set(AUDIENCE_HEADER, this.subgraph);
      }
    }
    const gw = new ApolloGateway({ supergraphSdl: sdl, logger: silent, buildService: ({ name, url }) => new Signed(urls[name] ?? url!, name) });
    const apollo = new ApolloServer({ gateway: gw, csrfPrevention: false });
    await apollo.start();
    const app = express();
    app.use('/graphql', express.json({ limit: 1_000_000 }), expressMiddleware(apollo));
    return listen(app);
  }
  if (kind === 'hive' || kind === 'hive-router') {
    // Loaded by name, untyped: its types bring a second @types/node that breaks the project's typecheck.
    const load = (name: string) => import(name) as Promise<Record<string, unknown>>;
    const { createGatewayRuntime } = (await load('@graphql-hive/gateway-runtime')) as { createGatewayRuntime: (config: object) => unknown };
    const byOrigin = new Map(Object.entries(urls).map(([name, url]) => [new URL(url).origin, name]));
    // Hive reads subgraph URLs from the supergraph: point them at the bench's subgraphs.
    let graph = sdl;
    for (const [name, url] of Object.entries(urls)) graph = graph.replace(new RegExp(`(join__graph\\(name: "${name}", url: ")[^"]*(")`), `$1${url}$2`);
    const context = encodeContext({ requestId: 'shared', actor: ANONYMOUS, locale: 'vi' });
    const router = kind === 'hive-router' ? await load('@graphql-hive/router-runtime') : undefined;
    const runtime = createGatewayRuntime({
      supergraph: graph,
      logging: false,
      ...(router ? { unifiedGraphHandler: router.unifiedGraphHandler } : {}),
      plugins: () => [
        {
          onFetch({ url, options, setOptions }: { url: string; options: { body?: unknown; headers?: unknown }; setOptions(o: object): void }) {
            const audience = byOrigin.get(new URL(url).origin) ?? 'unknown';
            const body = typeof options.body === 'string' ? options.body : '';
            const signed = signGatewayRequest(signer(audience), { method: 'POST', url, audience, context, body });
            setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), ...signed } });
          },
        },
      ],
    });
    return listen(runtime as unknown as http.RequestListener);
  }
  throw new Error(`unknown gateway ${kind}`);
}

const [role, name] = process.argv.slice(2);
process.on('message', (msg: { type: string }) => {
  if (msg.type === 'stats') {
    const cpu = process.cpuUsage();
    send({ type: 'stats', cpuMicros: cpu.user + cpu.system, rss: process.memoryUsage.rss(), ...counters });
  }
});
process.on('disconnect', () => process.exit(0));
// BENCH_MEMORY_LOG=<ms>: where the memory goes (heap used/total, external, array buffers), on stderr.
if (Number(process.env.BENCH_MEMORY_LOG) > 0) {
  const mb = (n: number) => Math.round(n / 1048576);
  setInterval(() => {
    const m = process.memoryUsage();
    process.stderr.write(
      `[mem ${role} ${name}] rss ${mb(m.rss)} heapUsed ${mb(m.heapUsed)} heapTotal ${mb(m.heapTotal)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}\n`,
    );
  }, Number(process.env.BENCH_MEMORY_LOG)).unref();
}
process.on('SIGINT', () => {});
(role === 'subgraph' ? subgraph(name!) : gateway(name!)).then(
  (url) => send({ type: 'ready', url }),
  (err: unknown) => {
    send({ type: 'error', error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) });
    setTimeout(() => process.exit(1), 100);
  },
);
