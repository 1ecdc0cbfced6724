// A second, deliberately careless subgraph for fault tests: it extends Agency with a field,
// adds two root fields, leaks raw error text (SQL, host, stack) like a subgraph written
// without the kit, and can misbehave on demand: hang, reset mid-body, answer 50 MB, refuse
// connections, or die. It checks the gateway signature so "the gateway's calls pass" is proven.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse } from 'graphql';
import { bodyMatchesDigest, verifyGatewayRequest } from '../../../schema/security/gateway-signature.ts';
import { testTrust } from '../../harness/signing.ts';
import { verifyOptions } from '../../../subgraphs/kit/signature.ts';
import { CONTEXT_HEADER, type SignedContext } from '../../../schema/security/signed-context.ts';

export const EXTRAS_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

type Agency @key(fields: "id") {
  id: ID!
  "The agency's citizen hotline (served by the test subgraph)."
  hotline: String
}

type Query {
  weather: String
  "Throws a raw database error, as a careless resolver would."
  leaky: String
}
`;

export type FaultMode = 'ok' | 'hang' | 'reset' | 'huge' | 'drop';

const schema = buildSubgraphSchema([
  {
    typeDefs: parse(EXTRAS_SDL),
    resolvers: {
      Query: {
        weather: () => 'Trời nắng',
        leaky: () => {
          throw new Error('relation "Article" does not exist: SELECT * FROM "Article" WHERE id = 1 (postgresql://hub@10.0.0.5:5432/hub)');
        },
      },
      Agency: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, hotline: `1900 ${ref.id.slice(0, 4)}` }) },
    } as never,
  },
]);

export interface ExtrasSubgraph {
  url: string;
  mode: FaultMode;
  /** GraphQL requests that carried a valid gateway signature / that did not. */
  signed: number;
  /** The signed context (x-hub-context, decoded) of the last signed request. */
  lastContext?: SignedContext;
  /** The RFC 9421 algorithm (`alg`) the last signed request was signed with. */
  lastAlgorithm?: string;
  unsigned: number;
  /** Connections or requests cut off in 'drop' mode (a dead process behind an open port). */
  dropped: number;
  /** Hung requests whose socket is still open. */
  openHangs: number;
  /** Resolves once no hung request's socket is open (at once if none is). */
  noOpenHangs(): Promise<void>;
  /** Bytes written in 'huge' mode before the gateway hung up. */
  hugeBytes: number;
  kill(): Promise<void>;
  revive(): Promise<void>;
  close(): Promise<void>;
}

const HUGE_TOTAL = 50 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

export async function startExtras(): Promise<ExtrasSubgraph> {
  const trust = testTrust();
  const hangWaiters: (() => void)[] = [];
  const state: Omit<ExtrasSubgraph, 'url' | 'kill' | 'revive' | 'close' | 'noOpenHangs'> = {
    mode: 'ok',
    signed: 0,
    unsigned: 0,
    dropped: 0,
    openHangs: 0,
    hugeBytes: 0,
  };
  const server = http.createServer((req, res) => void handle(req, res));
  server.on('connection', (socket: Socket) => {
    if (state.mode !== 'drop') return;
    state.dropped += 1;
    socket.destroy();
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    if (state.mode === 'drop') {
      state.dropped += 1; // a kept-alive connection from before the fault
      return void req.socket.destroy();
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    if (req.url === '/ready' || req.url === '/health') return json(res, 200, { status: 'ready' });
    const verdict = await verifyGatewayRequest(verifyOptions('extras', trust), req.method ?? 'POST', req.url ?? '/', req.headers);
    if (!verdict.ok || !bodyMatchesDigest(verdict.contentDigest, body)) {
      state.unsigned += 1;
      return json(res, 401, { errors: [{ message: 'unsigned', extensions: { code: 'INVALID_SIGNATURE' } }] });
    }
    state.signed += 1;
    const context = req.headers[CONTEXT_HEADER];
    state.lastAlgorithm = /;alg="([^"]+)"/.exec(String(req.headers['signature-input']))?.[1];
    state.lastContext = typeof context === 'string' ? (JSON.parse(Buffer.from(context, 'base64url').toString('utf8')) as SignedContext) : undefined;
    if (state.mode === 'hang') {
      state.openHangs += 1;
      res.socket?.once('close', () => {
        state.openHangs -= 1;
        if (state.openHangs === 0) for (const resolve of hangWaiters.splice(0)) resolve();
      });
      return;
    }
    if (state.mode === 'reset') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":{"_entities":[{"__typename":"Agency","hot');
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    if (state.mode === 'huge') return streamHuge(res);
    const { query, variables } = JSON.parse(body.toString('utf8')) as { query: string; variables?: Record<string, unknown> };
    const result = await execute({ schema, document: parse(query), variableValues: variables });
    // Raw, unmasked errors with a stack: what the gateway must never pass on.
    const errors = result.errors?.map((e) => ({ ...e.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: String(e.stack).split('\n') } }));
    json(res, 200, { data: result.data, errors });
  }

  function streamHuge(res: http.ServerResponse) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"data":{"weather":"');
    const pump = () => {
      while (state.hugeBytes < HUGE_TOTAL && !res.destroyed) {
        state.hugeBytes += CHUNK.length;
        if (!res.write(CHUNK)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end('"}}');
    };
    pump();
  }

  let port = 0;
  const listen = () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const kill = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  await listen();
  port = (server.address() as AddressInfo).port;

  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/graphql`,
    kill,
    revive: listen,
    noOpenHangs: () => (state.openHangs === 0 ? Promise.resolve() : new Promise<void>((resolve) => hangWaiters.push(resolve))),
    close: () => (server.listening ? kill() : Promise.resolve()),
  });
}

function json(res: http.ServerResponse, status: number, payload: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(payload));
}
