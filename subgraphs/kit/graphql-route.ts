// The gateway's signed `POST /graphql` served by Node's HTTP server directly, before Express
// (issue 13, lighter subgraphs): the same steps as the Express route in server.ts — signature
// from the headers before a byte of the body is read (A18), body limit, Content-Digest, JSON,
// request scope, Apollo Server — without Express's router, its per-request prototype swap of
// `req`/`res`, raw-body and `res.send` (an ETag hash of every answer nobody reads: the gateway
// does not revalidate subgraph answers). Only calls in the form the gateway sends take this
// path: a POST to exactly `/graphql` with a Content-Length within the limit and no
// Content-Encoding. Anything else (chunked, compressed, a query string, other methods) goes
// through Express as before, so edge cases keep the answers they had (tested side by side).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer, BaseContext } from '@apollo/server';
import type { Logger } from 'pino';
import { runApollo } from '../../schema/apollo-express.ts';
import { bodyMatchesDigest, verifyGatewayRequest } from '../../schema/security/gateway-signature.ts';
import type { SignedContext } from '../../schema/security/signed-context.ts';
import { carryComputedResult } from './compiled-execution.ts';
import { knownQueryRequest, type KnownQueries } from './known-queries.ts';
import { enterRequestScope } from './request-scope.ts';
import { REFUSALS, verifyOptions, type SubgraphTrust } from './signature.ts';

export interface SignedGraphQLRoute {
  name: string;
  trust: SubgraphTrust;
  logger: Logger;
  /** The id the request is logged under (server.ts logRequestId). */
  requestId: (signed: SignedContext, headers: IncomingMessage['headers']) => string;
  /** Answers the gateway's repeated queries without Apollo Server's pipeline (known-queries.ts). */
  knownQueries?: KnownQueries;
}

const JSON_TYPE = 'application/json; charset=utf-8';

function answer(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** True when this request is in the gateway's form and the handler below should take it. */
export function takesFastPath(req: IncomingMessage, limit: number): boolean {
  if (req.method !== 'POST' || req.url !== '/graphql') return false;
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  if (req.headers['transfer-encoding'] !== undefined) return false;
  const length = req.headers['content-length'];
  if (length === undefined || !/^[0-9]{1,10}$/.test(length)) return false;
  return Number(length) <= limit;
}

/** Reads exactly Content-Length bytes (the limit was checked in takesFastPath). */
function readBody(req: IncomingMessage, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let ended = false;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      // Node's parser never delivers more than Content-Length; kept as a guard all the same.
      if (received > length) req.destroy(new Error('body longer than its Content-Length'));
      else chunks.push(chunk);
    });
    req.once('end', () => {
      ended = true;
      if (received === length) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received));
      else reject(new Error('short body'));
    });
    req.once('error', reject);
    // A client gone before the whole body came. Every request closes once answered: the error
    // (a stack trace captured) is made only when the body had not ended.
    req.once('close', () => {
      if (!ended) reject(new Error('request closed before its body ended'));
    });
  });
}

export function signedGraphQLHandler<C extends BaseContext>(
  route: SignedGraphQLRoute,
  apollo: ApolloServer<C>,
  createContext: (signed: SignedContext) => C | Promise<C>,
) {
  const verify = verifyOptions(route.name, route.trust);
  const refuse = (res: ServerResponse, reason: string) => {
    route.logger.warn({ subgraph: route.name, reason }, 'unsigned request refused');
    answer(res, 401, REFUSALS.unsigned);
  };
  const apolloAnswer = async (req: IncomingMessage, res: ServerResponse, body: unknown, context: () => Promise<C>) =>
    runApollo(apollo, { method: 'POST', headers: req.headers, search: '', body }, context, res);
  const serve = async (req: IncomingMessage, res: ServerResponse, body: unknown, signed: SignedContext): Promise<void> => {
    const known = route.knownQueries;
    const request = known && knownQueryRequest(body);
    if (!known || !request) return apolloAnswer(req, res, body, async () => createContext(signed));
    const accept = req.headers.accept;
    const contentType = req.headers['content-type'];
    const answerType = known.contentTypeFor(accept, contentType);
    if (answerType !== undefined) {
      const context = await createContext(signed);
      const done = await known.execute(request, context);
      if (done && 'body' in done) {
        res.writeHead(200, { 'cache-control': done.cacheControl, 'content-type': answerType, 'content-length': Buffer.byteLength(done.body) });
        res.end(done.body);
        return;
      }
      // Errors (formatted by Apollo Server, nothing executed again) or an operation not known yet.
      if (done) carryComputedResult(context, done.errors);
      return apolloAnswer(req, res, body, async () => context);
    }
    await apolloAnswer(req, res, body, async () => createContext(signed));
    const answered = res.getHeader('content-type');
    if (res.statusCode === 200 && typeof answered === 'string') known.learnHeaders(accept, contentType, answered);
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const verdict = await verifyGatewayRequest(verify, 'POST', '/graphql', req.headers);
      if (!verdict.ok) return refuse(res, verdict.reason);
      const raw = await readBody(req, Number(req.headers['content-length']));
      if (!bodyMatchesDigest(verdict.contentDigest, raw)) return refuse(res, 'DIGEST_MISMATCH');
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return answer(res, 400, REFUSALS.malformedJson);
      }
      const signed = verdict.context;
      await new Promise<void>((resolve, reject) => {
        enterRequestScope(route.name, route.logger, route.requestId(signed, req.headers), req, res, () => {
          serve(req, res, body, signed).then(resolve, reject);
        });
      });
    } catch (err) {
      // What Express's error handler in server.ts answers for a failed request (an aborted body…).
      route.logger.warn({ subgraph: route.name, err: String(err) }, 'subgraph request failed');
      if (!res.headersSent) answer(res, 400, REFUSALS.badRequest);
      else res.destroy();
    }
  };
}
