// The public entry of the hub: Express 5 + Apollo Server + Apollo Gateway, safe by default.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';
import cors from 'cors';
import helmet from 'helmet';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from 'pino';
import { ANONYMOUS, clientKeyer, type Actor } from '../schema/security/signed-context.ts';
import { gatewaySigner, jwksOf } from '../schema/security/keys.ts';
import { authenticate, isStaff } from './auth.ts';
import { publicBodyParser } from './submission-body.ts';
import type { GatewayConfig } from './config.ts';
import type { ReloadEvent } from './supergraph.ts';
import type { GatewayContext } from './context.ts';
import { SignedDataSource } from './data-source.ts';
import { queryBudgetPlugin } from './cost.ts';
import { createFormatError } from './errors.ts';
import { apolloMiddleware } from '../schema/apollo-express.ts';
import { mountIde } from './ide/index.ts';
import { mountConsole } from './console/index.ts';
import { mountPublicRoutes } from './public-routes.ts';
import { mountHarvestSurfaces } from './metadata/index.ts';
import { createSubgraphFetcher } from './fetcher.ts';
import { dedupingFetcher } from './dedup.ts';
import { etagOnGet } from './http-cache.ts';
import { createRequestCollapser, observeClientKeyed } from './request-collapse.ts';
import { memoryStore, redisStore, responseCachePlugins } from './response-cache.ts';
import { contentVersionReady, useRedisContentVersion } from '../schema/cache/content-version.ts';
import { bodyErrors, rejectBatches, requireJson, requirePreflight, sendError, stripInternalHeaders } from './http-guards.ts';
import { limitRules, MAX_RECURSIVE_SELECTIONS, requireOperationPlugin } from './limits.ts';
import { createRateLimit } from './rate-limit.ts';
import { createReadiness } from './readiness.ts';
import { contextFilterFor } from './context-filter.ts';
import { createRouting, DEFAULT_REGISTRY_PATH, supergraphSubgraphs, UnregisteredSubgraphsError } from './subgraph-registry.ts';
import { plainPartnerUrls } from './config.ts';
import { DEFAULT_SUPERGRAPH_PATH, watchedSupergraph } from './supergraph.ts';
import { assignRequestId, withRequestId } from './request-id.ts';
import { createObservability, OPERATOR_STATUS_REQUEST, traceRequests } from './observability/index.ts';
import { countedDocumentStore, countedStore } from './observability/document-cache.ts';

process.env.APOLLO_TELEMETRY_DISABLED ??= '1';

export interface RunningGateway {
  url: string;
  port: number;
  /** Calls `listener` after each hot reload (supergraph or registry change) with what it did; returns the unsubscribe. */
  onReload(listener: (event: ReloadEvent) => void): () => void;
  /** Stop accepting work, drain in-flight requests, close. */
  stop(): Promise<void>;
}

/** What tests inject: the clock (epoch ms) timing the subgraph breakers' half-open delay and the response cache's entries (both layers: expiry and remaining lifetime). */
export interface GatewayDeps {
  clock?: () => number;
}

export async function startGateway(config: GatewayConfig, logger: Logger, deps: GatewayDeps = {}): Promise<RunningGateway> {
  // URLs that override the registry's (SUBGRAPH_URL_<NAME>, the launcher's): the configured ones
  // that are not the boot registry's own, so a changed registry URL takes effect on reload.
  const urlOverrides = Object.fromEntries(Object.entries(config.subgraphUrls).filter(([name, url]) => config.registry.get(name)?.url !== url));
  // The subgraph clients the gateway built, by name: a changed registry entry is applied to them.
  const sources = new Map<string, SignedDataSource>();
  const routing = createRouting({
    source: config.registrySource,
    registry: config.registry,
    urls: urlOverrides,
    served: () => supergraphSubgraphs(supergraph.current()),
    validate: (next) => {
      if (!config.production) return null;
      const plain = plainPartnerUrls(next, { ...Object.fromEntries([...next.values()].filter((e) => e.url).map((e) => [e.name, e.url!])), ...urlOverrides });
      return plain.length ? `partner subgraphs must be reached over https: ${plain.join(', ')}` : null;
    },
  });
  const reloadListeners = new Set<(event: ReloadEvent) => void>();
  /** The last refused reload (registry or supergraph), for /ready until a reload succeeds. */
  let lastRefusal: { reason: string; code: string; subgraphs?: string[]; at: string } | undefined;
  const refreshRegistry = () => {
    const result = routing.reload();
    if (result.outcome === 'refused') {
      logger.error({ err: result.error }, 'subgraph registry reload refused: the current registry is kept');
      lastRefusal = { reason: result.error.message, code: 'INVALID_REGISTRY', at: new Date().toISOString() };
      return;
    }
    if (lastRefusal?.code === 'INVALID_REGISTRY') lastRefusal = undefined;
    if (result.outcome === 'unchanged') return;
    for (const [name, source] of sources) {
      if (!result.changed.includes(name) || routing.missing([name]).length) continue;
      source.contextFilter = contextFilterFor(routing.entry(name));
      source.url = routing.url(name) ?? source.url;
    }
    logger.info({ changed: result.changed }, 'subgraph registry reloaded');
  };
  const checkSupergraph = (sdl: string) => {
    const missing = routing.missing(supergraphSubgraphs(sdl));
    if (missing.length) throw new UnregisteredSubgraphsError(missing);
  };
  // Calls to the hub's own subgraphs signed with their shared keys (hmac-sha256), partners' with
  // Ed25519; by the registry as it is now, so a reload that makes a subgraph a partner takes effect.
  const signer = gatewaySigner(config.signingKeys[0]!, (name) => config.coreSubgraphSignature === 'hmac-sha256' && routing.listed(name)?.trust === 'core');
  const fetcher = createSubgraphFetcher({
    signer,
    timeoutMs: config.subgraph.timeoutMs,
    timeouts: routing.timeouts,
    maxBytes: config.subgraph.maxBytes,
    maxBytesBy: routing.maxBytes,
  });
  // Identical anonymous queries in flight go out once (dedup.ts); each caller keeps its own span.
  const shared = config.dedup.enabled ? dedupingFetcher(fetcher) : fetcher;
  const observability = createObservability(config.observability);
  // Hot reload: a change of the supergraph file or of the registry file re-reads the registry
  // (changed entries apply to the live clients), then serves a new supergraph only if every
  // subgraph it routes to is listed; a refusal keeps the previous one and shows on /ready.
  const registryFile = config.registrySource?.trim().startsWith('{') ? undefined : config.registrySource?.trim() || DEFAULT_REGISTRY_PATH;
  const supergraph = watchedSupergraph(config.supergraphPath ?? DEFAULT_SUPERGRAPH_PATH, logger, {
    alsoWatch: registryFile ? [registryFile] : [],
    refresh: refreshRegistry,
    check: checkSupergraph,
    onEvent: (event) => {
      if (event.error) {
        const unregistered = event.error instanceof UnregisteredSubgraphsError ? event.error : undefined;
        lastRefusal = {
          reason: event.error.message,
          code: unregistered?.code ?? 'INVALID_SUPERGRAPH',
          ...(unregistered ? { subgraphs: unregistered.subgraphs } : {}),
          at: new Date().toISOString(),
        };
      } else if (event.supergraph === 'applied') {
        // A registry refused for dropping a subgraph the old supergraph routed to (a partner
        // removed: registry and supergraph published together) is read again against the new one.
        const retry = lastRefusal?.code === 'INVALID_REGISTRY';
        lastRefusal = undefined;
        if (retry) refreshRegistry();
      }
      for (const listener of reloadListeners) listener(event);
    },
  });
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph,
    logger,
    buildService: ({ name, url }) => {
      const entry = routing.entry(name);
      const target = routing.url(name);
      if (!target) logger.warn({ subgraph: name }, 'no URL configured for subgraph');
      const source = new SignedDataSource(
        // A run of request collapsing that calls a per-client subgraph shares only within the client.
        { url: target ?? url, fetcher: observability.fetcherFor(name, observeClientKeyed(config.dedup.clientKeyed, name, shared)) },
        name,
        config.subgraph.breakerHalfOpenMs,
        deps.clock,
        config.dedup,
      );
      source.contextFilter = contextFilterFor(entry);
      sources.set(name, source);
      observability.observeBreaker(name, source.breaker);
      return source;
    },
  });

  const app = express();
  app.disable('x-powered-by');
  // ETags on cacheable GET answers only (http-cache.ts), not a hash of every POST answer.
  app.set('etag', false);
  app.set('trust proxy', 'loopback');
  const httpServer = http.createServer(app);
  httpServer.requestTimeout = 30_000;
  httpServer.headersTimeout = 15_000;
  // ready: false from SIGTERM on (load balancers stop routing); accepting: false once draining.
  let ready = true;
  let accepting = true;
  // Known once the listener is bound (before any request reaches the context function).
  let publicBaseUrl = config.publicUrl;
  const publicJson = publicBodyParser({
    limitBytes: config.bodyLimitBytes,
    submissionLimitBytes: config.submission.limitBytes,
    submissionFields: config.submission.fields,
  });
  const clientKeyFor = clientKeyer(config.clientKeySecret);
  const staffJson = express.json({ limit: config.staffBodyLimitBytes, strict: true, type: () => true });

  // Public answers: shared through Redis when set, in this process otherwise (response-cache.ts);
  // invalidated by the content version subgraphs bump (schema/cache/content-version.ts).
  const versions = useRedisContentVersion(config.redisUrl);
  const cacheStore = config.redisUrl ? redisStore(config.redisUrl, config.responseCache.keyPrefix) : memoryStore(config.responseCache.maxBytes, deps.clock);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // The launcher orchestrates shutdown (not-ready, grace, drain, then the subgraphs): Apollo
    // Server's own SIGTERM handler would close the listener at once, skipping the grace.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: config.limits.tokens },
    // Parsed and validated operations, cached and counted (/metrics: hub_cache_hit_ratio).
    documentStore: countedDocumentStore(),
    maxRecursiveSelections: MAX_RECURSIVE_SELECTIONS,
    validationRules: limitRules(config.limits),
    formatError: createFormatError(logger, { hideSchemaDetails: config.production }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      requireOperationPlugin(),
      queryBudgetPlugin({ maxCost: config.limits.cost, maxPageSize: config.limits.pageSize, defaultListSize: config.limits.defaultListSize }),
      observability.plugin,
      // Reads counted as hub_cache_lookups_total{cache="responses"} (/metrics).
      ...responseCachePlugins(config.responseCache, countedStore(cacheStore, 'responses'), deps.clock),
    ],
  });
  await apollo.start();
  if ('ready' in cacheStore) await Promise.all([cacheStore.ready(), contentVersionReady()]);

  const rateLimit = await createRateLimit({ perMinute: config.rateLimit.perMinute, keyPrefix: config.rateLimit.keyPrefix, redisUrl: config.redisUrl });

  app.use(assignRequestId);
  app.use(stripInternalHeaders);
  // The development IDE is served over plain HTTP: upgrading its requests would break it.
  const upgrade: Record<string, null> = config.production ? {} : { 'upgrade-insecure-requests': null };
  const documentHeaders = helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'connect-src': ["'self'"], ...upgrade } } });
  // API answers carry only what an API needs (issue 13): helmet's document headers (CSP,
  // frame and opener policies …) go on everything else, the HTML pages and files among them.
  app.use((req, res, next) => (req.path === '/graphql' ? next() : documentHeaders(req, res, next)));

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const readiness = createReadiness(() => routing.targets());
  app.get('/ready', async (_req, res) => {
    const report = await readiness();
    // A partner's subgraph down is `degraded` (200): the hub still serves; core down or shutting down is 503.
    const status = ready ? report.status : 'not-ready';
    // The last refused hot reload (a supergraph routing to an unregistered subgraph, an invalid
    // registry or composition): the hub keeps serving the previous one, so it stays ready.
    const reload = lastRefusal ? { reload: { lastRefused: { code: lastRefusal.code, subgraphs: lastRefusal.subgraphs, at: lastRefusal.at } } } : {};
    res.status(status === 'not-ready' ? 503 : 200).json({ status, shuttingDown: !ready, subgraphs: report.subgraphs, checks: report.checks, ...reload });
  });
  // The public halves of the signing keys, for subgraphs (the hub's and partners') to verify with.
  const jwks = jwksOf(config.signingKeys);
  app.get('/.well-known/jwks.json', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(jwks);
  });
  if (config.ide) mountIde(app);
  mountConsole(app);
  observability.mount(app, {
    authenticate: authenticate(config.jwt),
    rateLimit: rateLimit.middleware,
    readiness: async () => (await readiness()).subgraphs,
    subgraphDetails: async () => {
      const report = await readiness();
      return Object.fromEntries(
        Object.entries(report.checks).map(([name, check]) => {
          const { owner, contact } = routing.describe(name);
          return [name, { ...check, owner: { agencyCode: owner.agencyCode, name: owner.name }, contact }];
        }),
      );
    },
    // Operational figures read from the graph by the gateway itself, as an internal operator.
    runGraph: async (query, variables) => {
      const contextValue: GatewayContext = { requestId: OPERATOR_STATUS_REQUEST, actor: { id: 'hub-operator', roles: ['ADMIN'] }, locale: 'vi', logger };
      const res = await apollo.executeOperation({ query, variables }, { contextValue });
      return res.body.kind === 'single' ? res.body.singleResult : { errors: ['incremental'] };
    },
  });
  const harvestSurfaces = mountHarvestSurfaces(app, {
    subgraphUrls: config.subgraphUrls,
    signer,
    publicBaseUrl: () => publicBaseUrl ?? '',
    rateLimit: rateLimit.middleware,
    logger,
    harvest: config.harvest,
  });
  const publicRoutes = mountPublicRoutes(app, {
    subgraphUrls: config.subgraphUrls,
    publicBaseUrl: () => publicBaseUrl,
    routes: config.publicRoutes.routes,
    signer,
    maxBytes: config.publicRoutes.maxBytes,
    timeoutMs: config.publicRoutes.timeoutMs,
    rateLimit: rateLimit.middleware,
  });

  const contextOf = async ({ req, res }: { req: express.Request; res: express.Response }): Promise<GatewayContext> => {
    const requestId = res.locals.requestId as string;
    const actor = (res.locals.actor as Actor | undefined) ?? ANONYMOUS;
    const locale = /^en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'vi';
    const clientKey = clientKeyFor(req.ip ?? 'unknown');
    // Validated by the subgraph that uses it; capped here so the signed context stays small
    // (a longer value is still refused there: keys are at most 128 characters).
    const idempotencyKey = req.get('idempotency-key')?.slice(0, 129);
    // The request's logger is made when something logs (a failed subgraph call), not per request.
    let child: Logger | undefined;
    return {
      requestId,
      actor,
      locale,
      publicBaseUrl,
      clientKey,
      idempotencyKey,
      get logger() {
        return (child ??= logger.child({ requestId }));
      },
    };
  };
  const collapser = createRequestCollapser(config.requestCollapsing, {
    apollo,
    context: contextOf,
    clientKey: (req) => clientKeyFor(req.ip ?? 'unknown'),
    maxTokens: config.limits.tokens,
    logger,
    clock: deps.clock,
  });
  app.use(
    '/graphql',
    cors({ origin: config.corsOrigins.length ? config.corsOrigins : false, methods: ['GET', 'POST'], maxAge: 600 }),
    rateLimit.middleware,
    (_req, res, next) => (accepting ? next() : sendError(res, 503, 'SERVICE_UNAVAILABLE', 'The hub is shutting down: retry shortly.')),
    requirePreflight,
    requireJson,
    authenticate(config.jwt),
    // Staff submit content with its files: a larger body, only once the token is verified.
    (req, res, next) => (isStaff(res.locals.actor as Actor | undefined) ? staffJson : publicJson)(req, res, next),
    rejectBatches,
    withRequestId,
    traceRequests(logger),
    etagOnGet,
    // Identical anonymous public queries in flight: one run of the pipeline (request-collapse.ts).
    collapser.middleware,
    apolloMiddleware(apollo, contextOf),
  );
  app.use(bodyErrors);
  app.use((_req, res) => sendError(res, 404, 'NOT_FOUND', 'No such endpoint.'));

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  publicBaseUrl ??= `http://${config.host}:${port}`;
  const url = `http://${config.host}:${port}/graphql`;
  logger.info({ url }, 'gateway listening');

  return {
    url,
    port,
    onReload(listener) {
      reloadListeners.add(listener);
      return () => reloadListeners.delete(listener);
    },
    async stop() {
      ready = false;
      if (config.shutdownGraceMs > 0) await sleep(config.shutdownGraceMs);
      accepting = false;
      supergraph.stop();
      await apollo.stop();
      await rateLimit.close();
      await fetcher.close();
      await versions.close();
      if ('close' in cacheStore) cacheStore.close();
      await publicRoutes.close();
      await harvestSurfaces.close();
    },
  };
}
