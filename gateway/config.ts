// The gateway's configuration, read once at boot from the environment. In production a
// missing or weak secret stops the process before it listens.
import { z } from 'zod';
import { DEV_SIGNING_KEY, derivedSecret, parsePrivateKey, parseSigningKeys, type SigningKey } from '../schema/security/keys.ts';
import { DEFAULT_JWT_MAX_LIFETIME_S } from './auth.ts';
import { MAX_PAGE_SIZE } from '../schema/contract/paging.ts';
import { readRegistry, type SubgraphRegistry } from './subgraph-registry.ts';
import { DEFAULT_CLIENT_KEYED } from './dedup.ts';

const list = z
  .string()
  .optional()
  .transform((s) =>
    s
      ? s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : [],
  );

export const publicRoutesSchema = z.record(z.string().regex(/^[a-z0-9-]+$/), z.array(z.string().regex(/^(\/(:?[A-Za-z0-9._-]+))+$/)));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  GATEWAY_SIGNING_KEYS: z.string().optional(),
  CORE_SUBGRAPH_SIGNATURE: z.enum(['hmac-sha256', 'ed25519']).default('hmac-sha256'),
  JWT_SECRET: z.string().optional(),
  JWT_ISSUER: z.string().default('cong-hub'),
  JWT_AUDIENCE: z.string().default('cong-hub'),
  JWT_MAX_LIFETIME_S: z.coerce.number().int().positive().default(DEFAULT_JWT_MAX_LIFETIME_S),
  CORS_ORIGINS: list,
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(100_000),
  STAFF_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(12_000_000),
  SUBMISSION_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(8_000_000),
  SUBMISSION_FIELDS: list.default(['submitQuestion', 'submitPetition', 'submitComment']),
  PUBLIC_URL: z.url().optional(),
  PUBLIC_ROUTE_MAX_BYTES: z.coerce.number().int().positive().default(50_000_000),
  PUBLIC_ROUTE_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  PUBLIC_ROUTES: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return {};
      let json: unknown;
      try {
        json = JSON.parse(s);
      } catch {
        json = undefined;
      }
      const parsed = publicRoutesSchema.safeParse(json);
      if (!parsed.success) ctx.addIssue({ code: 'custom', message: 'a JSON object of subgraph name → ["/route/:param", …]' });
      return parsed.success ? parsed.data : {};
    }),
  MAX_DEPTH: z.coerce.number().int().positive().default(10),
  MAX_ALIASES: z.coerce.number().int().positive().default(15),
  MAX_DIRECTIVES: z.coerce.number().int().positive().default(20),
  MAX_TOKENS: z.coerce.number().int().positive().default(2_000),
  MAX_COST: z.coerce.number().int().positive().default(5_000),
  // Above the subgraphs' own cap the gateway would admit pages every subgraph refuses: a
  // misconfiguration, so the gateway does not boot with it.
  MAX_PAGE_SIZE: z.coerce
    .number()
    .int()
    .positive()
    .max(MAX_PAGE_SIZE, `MAX_PAGE_SIZE may not exceed the subgraphs' maximum page size (${MAX_PAGE_SIZE})`)
    .default(MAX_PAGE_SIZE),
  COST_DEFAULT_LIST_SIZE: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  RATE_LIMIT_PREFIX: z.string().min(1).default('cong-hub:rl'),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  SUBGRAPH_MAX_BYTES: z.coerce.number().int().positive().default(5_000_000),
  BREAKER_HALF_OPEN_MS: z.coerce.number().int().positive().default(5_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).optional(),
  INTROSPECTION: z.enum(['true', 'false']).optional(),
  REDIS_URL: z.string().optional(),
  SUPERGRAPH_PATH: z.string().optional(),
  SUBGRAPH_REGISTRY: z.string().optional(),
  METRICS_TOKEN: z.string().min(24, 'METRICS_TOKEN needs 24+ characters').optional(),
  METRICS_OPERATIONS: list,
  METRICS_MAX_OPERATIONS: z.coerce.number().int().min(0).default(50),
  GRAPHQL_IDE: z.enum(['true', 'false']).optional(),
  SUBGRAPH_DEDUP: z.enum(['true', 'false']).default('true'),
  RESPONSE_CACHE: z.enum(['true', 'false']).default('true'),
  REQUEST_COLLAPSING: z.enum(['true', 'false']).default('true'),
  REQUEST_COLLAPSING_MAX_FOLLOWERS: z.coerce.number().int().min(1).default(1_000),
  REQUEST_COLLAPSING_MAX_BYTES: z.coerce.number().int().positive().default(5_000_000),
  RESPONSE_CACHE_MAX_BYTES: z.coerce.number().int().positive().default(50_000_000),
  RESPONSE_CACHE_PREFIX: z.string().min(1).default('cong-hub:rc:'),
  RESPONSE_CACHE_FRONT_MAX_BYTES: z.coerce.number().int().min(0).default(20_000_000),
  RESPONSE_CACHE_FRONT_MAX_ENTRIES: z.coerce.number().int().min(0).default(1_000),
  HTTP_CACHE_MAX_AGE_S: z.coerce.number().int().min(0).default(10),
  CLIENT_KEYED_SUBGRAPHS: z.string().optional(),
  HARVEST_REPOSITORY_NAME: z.string().min(1).max(300).default('Cổng Thông tin điện tử tỉnh'),
  HARVEST_ADMIN_EMAILS: z
    .string()
    .default('webmaster@localhost.localdomain')
    .transform((s) => s.split(',').map((e) => e.trim()))
    .pipe(z.array(z.email()).min(1)),
  OAI_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  OAI_TOKEN_TTL_S: z.coerce.number().int().positive().default(86_400),
  HARVEST_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  HARVEST_MAX_BYTES: z.coerce.number().int().positive().default(20_000_000),
});

export type GatewayConfig = ReturnType<typeof readGatewayConfig>;

/** Subgraph URLs: SUBGRAPH_URL_<NAME>=http://host:port/graphql, plus overrides given in code. */
function subgraphUrls(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    const m = /^SUBGRAPH_URL_([A-Z0-9_]+)$/.exec(k);
    if (m && v) out[m[1]!.toLowerCase().replace(/_/g, '-')] = v;
  }
  return out;
}

function readSubgraphRegistry(value: string | undefined): SubgraphRegistry {
  try {
    return readRegistry(value);
  } catch (err) {
    throw new Error(`Invalid gateway configuration: SUBGRAPH_REGISTRY: ${(err as Error).message}`, { cause: err });
  }
}

/** Registry URLs, then SUBGRAPH_URL_<NAME>, then what the launcher or a test gives. */
function routedUrls(registry: SubgraphRegistry, env: NodeJS.ProcessEnv, given: Record<string, string> = {}): Record<string, string> {
  const fromRegistry = Object.fromEntries([...registry.values()].filter((e) => e.url).map((e) => [e.name, e.url!]));
  return { ...fromRegistry, ...subgraphUrls(env), ...given };
}

/** Partner subgraphs routed over plain HTTP to anything but this machine. */
export function plainPartnerUrls(registry: SubgraphRegistry, urls: Record<string, string>): string[] {
  return Object.entries(urls)
    .filter(([name, url]) => registry.get(name)?.trust === 'partner' && /^http:/i.test(url) && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/)/i.test(url))
    .map(([name]) => name);
}

function readSigningKeys(value: string | undefined): SigningKey[] {
  try {
    return parseSigningKeys(value ?? DEV_SIGNING_KEY);
  } catch (err) {
    throw new Error(`Invalid gateway configuration: GATEWAY_SIGNING_KEYS: ${(err as Error).message}`, { cause: err });
  }
}

const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-0123456789abcdef';

export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<{ subgraphUrls: Record<string, string> }> = {}) {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid gateway configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const c = parsed.data;
  const production = c.NODE_ENV === 'production';
  const signingKeys = readSigningKeys(c.GATEWAY_SIGNING_KEYS);
  const registry = readSubgraphRegistry(c.SUBGRAPH_REGISTRY);
  const devKid = parsePrivateKey(DEV_SIGNING_KEY).kid;
  if (production) {
    const missing = [
      !c.GATEWAY_SIGNING_KEYS || signingKeys.some((k) => k.kid === devKid) ? 'GATEWAY_SIGNING_KEYS (not the development key)' : null,
      !c.JWT_SECRET || c.JWT_SECRET.length < 32 ? 'JWT_SECRET (32+ characters)' : null,
      c.CORS_ORIGINS.length === 0 ? 'CORS_ORIGINS' : null,
    ].filter(Boolean);
    if (missing.length) throw new Error(`Production configuration is missing: ${missing.join(', ')}`);
    // A partner's subgraph runs on the agency's network: its calls (signed context, answers) go over TLS.
    const plain = plainPartnerUrls(registry, routedUrls(registry, env, overrides.subgraphUrls));
    if (plain.length) throw new Error(`Production configuration: partner subgraphs must be reached over https: ${plain.join(', ')}`);
  }
  return {
    production,
    host: c.HOST,
    port: c.PORT,
    /** The first key signs every subgraph call; all of them are published (rotation). */
    signingKeys,
    /** How calls to the hub's own (core) subgraphs are signed: with each one's shared key
     * (`hmac-sha256`, derived from the first signing key; SUBGRAPH_SHARED_KEYS on the subgraph) or
     * with the Ed25519 key as partners' calls are. */
    coreSubgraphSignature: c.CORE_SUBGRAPH_SIGNATURE,
    /** Keyed hashes of client addresses (clientKeyOf): derived from the signing key, never sent. */
    clientKeySecret: derivedSecret(signingKeys[0]!, 'client-key'),
    jwt: { secret: c.JWT_SECRET ?? DEV_JWT_SECRET, issuer: c.JWT_ISSUER, audience: c.JWT_AUDIENCE, maxLifetimeS: c.JWT_MAX_LIFETIME_S },
    corsOrigins: c.CORS_ORIGINS,
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    staffBodyLimitBytes: c.STAFF_BODY_LIMIT_BYTES,
    /** A citizen's question, petition or comment with its attachments (gateway/submission-body.ts). */
    submission: { limitBytes: c.SUBMISSION_BODY_LIMIT_BYTES, fields: new Set(c.SUBMISSION_FIELDS) },
    publicUrl: c.PUBLIC_URL?.replace(/\/$/, ''),
    publicRoutes: { maxBytes: c.PUBLIC_ROUTE_MAX_BYTES, timeoutMs: c.PUBLIC_ROUTE_TIMEOUT_MS, routes: c.PUBLIC_ROUTES },
    limits: {
      depth: c.MAX_DEPTH,
      aliases: c.MAX_ALIASES,
      directives: c.MAX_DIRECTIVES,
      tokens: c.MAX_TOKENS,
      cost: c.MAX_COST,
      pageSize: c.MAX_PAGE_SIZE,
      defaultListSize: c.COST_DEFAULT_LIST_SIZE,
    },
    rateLimit: { perMinute: c.RATE_LIMIT_PER_MINUTE, keyPrefix: c.RATE_LIMIT_PREFIX },
    subgraph: { timeoutMs: c.SUBGRAPH_TIMEOUT_MS, maxBytes: c.SUBGRAPH_MAX_BYTES, breakerHalfOpenMs: c.BREAKER_HALF_OPEN_MS },
    /** Whole answers to anonymous queries, by the subgraphs' hints and the content version (response-cache.ts). */
    responseCache: {
      enabled: c.RESPONSE_CACHE === 'true',
      maxBytes: c.RESPONSE_CACHE_MAX_BYTES,
      keyPrefix: c.RESPONSE_CACHE_PREFIX,
      httpMaxAgeSeconds: c.HTTP_CACHE_MAX_AGE_S,
    },
    /** In-flight de-duplication of identical anonymous subgraph queries (dedup.ts). */
    dedup: {
      enabled: c.SUBGRAPH_DEDUP === 'true',
      // Plus every partner given the client key (the registry's `context`): it asked for it, so
      // it may limit per client; their calls are then collapsed only within one client.
      clientKeyed: new Set([
        ...(c.CLIENT_KEYED_SUBGRAPHS === undefined ? DEFAULT_CLIENT_KEYED : list.parse(c.CLIENT_KEYED_SUBGRAPHS)),
        ...[...registry.values()].filter((e) => e.trust === 'partner' && e.context.includes('clientKey')).map((e) => e.name),
      ]),
    },
    /** One run of the pipeline for identical anonymous public queries in flight (request-collapse.ts). */
    requestCollapsing: {
      enabled: c.REQUEST_COLLAPSING === 'true',
      maxFollowers: c.REQUEST_COLLAPSING_MAX_FOLLOWERS,
      maxBodyBytes: c.REQUEST_COLLAPSING_MAX_BYTES,
      // Fresh cacheable answers kept in this process, in front of Apollo Server (front-cache.ts):
      // only with the response cache on; 0 entries or bytes turns it off.
      front:
        c.RESPONSE_CACHE === 'true' && c.RESPONSE_CACHE_FRONT_MAX_BYTES > 0 && c.RESPONSE_CACHE_FRONT_MAX_ENTRIES > 0
          ? { maxBytes: c.RESPONSE_CACHE_FRONT_MAX_BYTES, maxEntries: c.RESPONSE_CACHE_FRONT_MAX_ENTRIES }
          : null,
    },
    // Between SIGTERM and closing the listener /ready answers 503 while requests are still
    // served, so a load balancer stops routing here before connections are refused.
    shutdownGraceMs: c.SHUTDOWN_GRACE_MS ?? (production ? 5_000 : 0),
    introspection: c.INTROSPECTION ? c.INTROSPECTION === 'true' : !production,
    redisUrl: c.REDIS_URL,
    supergraphPath: c.SUPERGRAPH_PATH,
    subgraphUrls: routedUrls(registry, env, overrides.subgraphUrls),
    /** Owner, trust class, timeout and allowed context of each subgraph (SUBGRAPH_REGISTRY). */
    registry,
    /** Where the registry is read from again on every hot reload (gateway/supergraph.ts). */
    registrySource: c.SUBGRAPH_REGISTRY,
    observability: { metricsToken: c.METRICS_TOKEN, operations: c.METRICS_OPERATIONS, maxOperations: c.METRICS_MAX_OPERATIONS },
    /** The GraphQL IDE (GraphiQL): where introspection is on, unless GRAPHQL_IDE says otherwise. */
    ide: c.GRAPHQL_IDE ? c.GRAPHQL_IDE === 'true' : c.INTROSPECTION ? c.INTROSPECTION === 'true' : !production,
    /** Harvest surfaces (gateway/metadata/): OAI-PMH, sitemaps, feeds. Resumption tokens are
     * signed with a key derived from the signing key, so every replica and a restart accept them. */
    harvest: {
      repositoryName: c.HARVEST_REPOSITORY_NAME,
      adminEmails: c.HARVEST_ADMIN_EMAILS,
      oaiPageSize: c.OAI_PAGE_SIZE,
      tokenTtlS: c.OAI_TOKEN_TTL_S,
      tokenSecret: derivedSecret(signingKeys[0]!, 'oai-resumption-token'),
      timeoutMs: c.HARVEST_TIMEOUT_MS,
      maxBytes: c.HARVEST_MAX_BYTES,
    },
  };
}
