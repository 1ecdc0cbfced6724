// The HTTP shell every subgraph shares: signature check before reading the body (A18), body limit,
// Apollo Server with masked errors, /health. A subgraph supplies its schema and context.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { apolloMiddleware } from '../../schema/apollo-express.ts';
import { isHubErrorCode } from '../../schema/errors.ts';
import type { SignedContext } from '../../schema/security/signed-context.ts';
import { isDatabaseUnavailable } from './database-errors.ts';
import { compiledExecutor, compiledSchema } from './compiled-execution.ts';
import { KnownQueries } from './known-queries.ts';
import { cacheHintPlugins, type SubgraphCacheHints } from './cache-hints.ts';
import type { JobDefinition } from '../../schema/jobs/runner.ts';
import type { FederatedSchema } from './federation.ts';
import { signedGraphQLHandler, takesFastPath } from './graphql-route.ts';
import { enterRequestScope, metricsRoute } from './request-scope.ts';
import { REFUSALS, refuseUnsigned, requireGatewaySignature, requireSignedBody, type SubgraphTrust } from './signature.ts';

export interface SubgraphOptions<C extends BaseContext> {
  name: string;
  federated: FederatedSchema;
  trust: SubgraphTrust;
  createContext: (signed: SignedContext) => C | Promise<C>;
  logger: Logger;
  bodyLimitBytes?: number;
  /** Readiness probe (database reachable …). */
  ready?: () => Promise<boolean>;
  /**
   * Plain HTTP routes a subgraph serves beside /graphql (downloads, renderings). They are not
   * signed: mount only what the anonymous public may read.
   */
  extraRoutes?: (app: express.Express) => void;
  /** Serve this process's Prometheus metrics at /metrics to `Bearer <token>` (separate-process
   * layout; in one process the gateway's /metrics already shows them). Unset: no /metrics. */
  metricsToken?: string;
  /** How answers are executed: compiled per operation (graphql-jit, compiled-execution.ts; the
   * default) or by graphql-js's interpreter (SUBGRAPH_EXECUTION, read by define.ts). */
  execution?: 'compiled' | 'interpreted';
  /** Cache hints for the gateway (cache-hints.ts); absent = nothing this subgraph answers is cached. */
  cache?: SubgraphCacheHints;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  /** How its answers are executed (SubgraphOptions.execution). */
  execution: 'compiled' | 'interpreted';
  /** How many answers known queries were given without Apollo Server's pipeline (known-queries.ts). */
  knownQueryAnswers(): number;
  /** Its scheduled work, for the hub's job runner (schema/jobs). */
  jobs?: JobDefinition[];
  /** Of those, the boot work deferred until the hub listens: send each once (scripts/hub.ts). */
  bootJobs?: string[];
  close(): Promise<void>;
}

/** Client-safe errors keep their message; anything else is logged and masked. */
export function maskError(logger: Logger, subgraph: string) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (isHubErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') return formatted;
    if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_USER_INPUT') return formatted;
    if (isDatabaseUnavailable(error)) {
      logger.warn({ err: String((error as { originalError?: unknown })?.originalError ?? error), subgraph }, 'database unavailable');
      return { message: 'The database is unavailable: retry shortly.', path: formatted.path, extensions: { code: 'SERVICE_UNAVAILABLE' } };
    }
    logger.error({ err: (error as { originalError?: unknown })?.originalError ?? error, subgraph }, 'resolver failed');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/**
 * The id a request is logged and traced under: the signed one, or — for a fetch the gateway
 * shares between identical anonymous queries (gateway/dedup.ts) — the unsigned `x-request-id` of
 * the request that opened it (tracing only: nothing is decided on it).
 */
function logRequestId(signed: SignedContext, headers: http.IncomingHttpHeaders): string {
  if (signed.requestId !== 'shared') return signed.requestId;
  const header = headers['x-request-id'];
  return typeof header === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(header) ? header : 'shared';
}

export async function startSubgraph<C extends BaseContext>(opts: SubgraphOptions<C>, port = 0, host = '127.0.0.1'): Promise<RunningSubgraph> {
  const app = express();
  app.disable('x-powered-by');
  const bodyLimitBytes = opts.bodyLimitBytes ?? 1_000_000;
  // The gateway's own calls skip Express (graphql-route.ts); everything else is Express's. (The
  // server listens only once `signedGraphQL` below is set.)
  const httpServer = http.createServer((req, res) => {
    if (takesFastPath(req, bodyLimitBytes)) void signedGraphQL(req, res);
    else app(req, res);
  });
  const execution = opts.execution ?? 'compiled';
  const executor = execution === 'compiled' ? compiledExecutor(opts.federated.schema) : undefined;
  // A query the gateway sends again is answered without Apollo Server's pipeline (known-queries.ts):
  // a plugin added below sees its first answer only, and any answer with errors. Per-field cache
  // hints need Apollo's cache-control plugin on every answer: every answer is Apollo's then.
  const knownQueries = executor && !opts.cache?.uncachedFields?.length ? new KnownQueries(executor, opts.cache) : undefined;
  const apollo = new ApolloServer<C>({
    ...(executor ? { gateway: compiledSchema(opts.federated.schema, executor) } : { schema: opts.federated.schema }),
    formatError: maskError(opts.logger, opts.name),
    includeStacktraceInErrorResponses: false,
    // The process's launcher stops subgraphs after the gateway has drained; Apollo Server's own
    // SIGTERM handler would close this one at once and fail the gateway's requests in flight.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      ...cacheHintPlugins(opts.name, opts.cache),
      ...(knownQueries ? [knownQueries.plugin()] : []),
    ],
  });
  await apollo.start();
  const signedGraphQL = signedGraphQLHandler(
    { name: opts.name, trust: opts.trust, logger: opts.logger, requestId: logRequestId, knownQueries },
    apollo,
    opts.createContext,
  );

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', subgraph: opts.name });
  });
  app.get('/ready', async (_req, res) => {
    const ok = opts.ready ? await opts.ready().catch(() => false) : true;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not-ready', subgraph: opts.name });
  });
  if (opts.metricsToken) app.get('/metrics', metricsRoute(opts.metricsToken));
  app.post(
    '/graphql',
    requireGatewaySignature(opts.name, opts.trust, opts.logger),
    express.raw({ type: () => true, limit: bodyLimitBytes }),
    requireSignedBody(opts.logger, opts.name),
    (req, res, next) => {
      try {
        req.body = JSON.parse((req.body as Buffer).toString('utf8'));
      } catch {
        res.status(400).json(REFUSALS.malformedJson);
        return;
      }
      enterRequestScope(opts.name, opts.logger, logRequestId(res.locals.signed as SignedContext, req.headers), req, res, next);
    },
    apolloMiddleware(apollo, async ({ res }) => opts.createContext(res.locals.signed as SignedContext)),
  );
  app.all('/graphql', (_req, res) => refuseUnsigned(res));
  opts.extraRoutes?.(app);
  app.use((err: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const tooLarge = err.type === 'entity.too.large';
    res.status(tooLarge ? 413 : 400).json(tooLarge ? REFUSALS.tooLarge : REFUSALS.badRequest);
  });

  await new Promise<void>((resolve) => httpServer.listen(port, host, resolve));
  const address = httpServer.address() as AddressInfo;
  return {
    name: opts.name,
    port: address.port,
    execution,
    knownQueryAnswers: () => knownQueries?.answered ?? 0,
    url: `http://${host}:${address.port}/graphql`,
    async close() {
      await apollo.stop();
      httpServer.closeAllConnections?.();
    },
  };
}
