// A subgraph as a plug-in: one object that `satisfies SubgraphDefinition`, listed in
// subgraphs/registry.ts. The kit does the rest the same way for every subgraph: reads its typed
// configuration once (zod; a bad value fails the boot), builds its long-lived state, serves its
// schema behind the signature check with a readiness probe on the database, mounts its public
// routes, runs its scheduled jobs, and closes everything in order.
import type express from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { PrismaClient } from '../../schema/db/prisma.ts';
import type { Actor, SignedContext } from '../../schema/security/signed-context.ts';
import type { FederatedSchema } from './federation.ts';
import { createLimitStore, type LimitStore } from './client-limit.ts';
import { idempotencyPurgeJob } from './idempotency.ts';
import { mountHarvestRoutes, type HarvestSource } from './harvest.ts';
import { onDemandJobs, runnerJobs, type ScheduledJob } from './jobs.ts';
import { startSubgraph, type RunningSubgraph } from './server.ts';
import type { SubgraphTrust } from './signature.ts';
import type { SubgraphCacheHints } from './cache-hints.ts';
import { useRedisContentVersion } from '../../schema/cache/content-version.ts';

export type { ScheduledJob };

/** What every subgraph's request context holds; a subgraph's own context extends it. */
export interface BaseContext {
  prisma: PrismaClient;
  actor: Actor;
  requestId: string;
  /** Keyed hash of the client's address, from the gateway (never the address). */
  clientKey?: string;
  /** The client's Accept-Language, when any. */
  locale?: string;
  /** The hub's public address, signed by the gateway: links in answers start here. */
  publicBaseUrl?: string;
  /** The client's Idempotency-Key header, unvalidated (subgraphs/kit/idempotency.ts checks it). */
  idempotencyKey?: string;
  /** The clock (tests inject one). */
  clock(): Date;
}

/** What the launcher gives every subgraph. */
export interface SubgraphDeps {
  prisma: PrismaClient;
  /** The gateway's public keys and the nonce memory (signature.ts). */
  trust: SubgraphTrust;
  /**
   * The hub's own subgraphs' key for their keyed hashes (contact data, challenges): SUBGRAPH_SECRET
   * by default. Never the gateway's and never given to partners: the gateway signs with its own key.
   */
  secret?: string;
  logger: Logger;
  /** The environment the subgraph reads its settings from (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

/** What a subgraph's `setup` receives: its parsed configuration and the shared infrastructure. */
export interface SubgraphHost<Config> extends Omit<SubgraphDeps, 'env' | 'secret'> {
  secret: string;
  config: Config;
  clock(): Date;
  /** This subgraph's own origin once it listens (links when called without the gateway). */
  ownBaseUrl(): string;
  /** Per-client lookup limits, shared through Redis when REDIS_URL is set (client-limit.ts). */
  limits: LimitStore;
}

export interface SubgraphDefinition<Config = unknown, Options = unknown, State = unknown> {
  name: string;
  /** Default port when run by the launcher; 0 picks a free one. */
  defaultPort: number;
  /** Typed settings, parsed once from the environment at start. */
  config: z.ZodType<Config>;
  buildSchema(): Promise<FederatedSchema>;
  /** Long-lived state (stores, sources, runtime settings); `options` are tests' overrides. */
  setup(host: SubgraphHost<Config>, options: Options): Promise<State>;
  /** The per-request context, built on the base context. */
  context(base: BaseContext, state: State): object;
  /** Plain GET routes beside /graphql (mounted here); those listed in `publicRoutes` are served publicly through the gateway at /<name>/… */
  routes?(state: State, host: SubgraphHost<Config>): (app: express.Express) => void;
  /**
   * Templates of the routes the gateway forwards publicly to this subgraph ("/files/:id/:name":
   * literal segments match exactly, `:name` one safe segment). `npm run compose` writes them to
   * schema/public-routes.json, which the gateway reads: nothing outside this list reaches the subgraph.
   */
  publicRoutes?: readonly string[];
  /** The public kinds this subgraph owns, for the gateway's harvest surfaces (OAI-PMH, sitemaps,
   * feeds): served on signed /harvest routes (subgraphs/kit/harvest.ts). */
  harvest?(state: State, host: SubgraphHost<Config>): HarvestSource[];
  /** Work done on a schedule, as data: the hub's job runner calls `run` once every `everyMs` across replicas. */
  jobs?(state: State, host: SubgraphHost<Config>): ScheduledJob[];
  /**
   * Boot work `setup` deferred so the subgraph serves at once (a sync at boot when last-known-good
   * data is there, kit/jobs.ts deferredBootSync): the hub sends each job once right after its
   * gateway listens, and the job runner runs it in one process. Without a job runner (`jobs: false`)
   * it runs here before the subgraph is returned, as a boot sync did.
   */
  bootJobs?(state: State, host: SubgraphHost<Config>): ScheduledJob[];
  /** Cache hints for the gateway's response cache (cache-hints.ts); absent = never cached. */
  cache?: SubgraphCacheHints;
  /** Largest request body accepted on /graphql (default 1 MB). */
  bodyLimitBytes?(state: State): number;
  /** Release what `setup` opened, after the listener and the jobs have stopped. */
  close?(state: State): Promise<void>;
}

/** A definition of any configuration, as the registry holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySubgraphDefinition = SubgraphDefinition<any, any, any>;

/** SUBGRAPH_EXECUTION: `compiled` (default; compiled-execution.ts) or `interpreted` (graphql-js). */
export function subgraphExecution(env: NodeJS.ProcessEnv): 'compiled' | 'interpreted' {
  const value = env.SUBGRAPH_EXECUTION || 'compiled';
  if (value !== 'compiled' && value !== 'interpreted') throw new Error(`SUBGRAPH_EXECUTION must be compiled or interpreted (got "${value}")`);
  return value;
}

export interface RunningDefinedSubgraph<State> extends RunningSubgraph {
  state: State;
}

export interface RunOptions<Options> {
  port?: number;
  clock?: () => Date;
  options?: Options;
  /** List the definition's jobs for the hub's job runner (default true; tests call the work directly instead). */
  jobs?: boolean;
}

/** Development-only SUBGRAPH_SECRET (refused in production). */
const DEV_SUBGRAPH_SECRET = 'dev-only-subgraph-secret-change-me-0123456789';

export function subgraphSecret(env: NodeJS.ProcessEnv): string {
  const secret = env.SUBGRAPH_SECRET;
  if (env.NODE_ENV === 'production' && (!secret || secret.length < 32))
    throw new Error('Subgraphs: production configuration is missing SUBGRAPH_SECRET (32+ characters)');
  return secret ?? DEV_SUBGRAPH_SECRET;
}

/** One readiness probe for every subgraph: the database answers. */
export async function pingDatabase(prisma: PrismaClient): Promise<boolean> {
  await prisma.$queryRaw`SELECT 1`;
  return true;
}

export async function runSubgraph<Config, Options, State>(
  def: SubgraphDefinition<Config, Options, State>,
  deps: SubgraphDeps,
  run: RunOptions<Options> = {},
): Promise<RunningDefinedSubgraph<State>> {
  const config = def.config.parse(deps.env ?? process.env);
  const clock = run.clock ?? (() => new Date());
  let ownBaseUrl = 'http://127.0.0.1';
  const limits = createLimitStore((deps.env ?? process.env).REDIS_URL || undefined, deps.prisma);
  const host: SubgraphHost<Config> = {
    prisma: deps.prisma,
    trust: deps.trust,
    secret: deps.secret ?? subgraphSecret(deps.env ?? process.env),
    logger: deps.logger,
    config,
    clock,
    ownBaseUrl: () => ownBaseUrl,
    limits,
  };
  let state: State;
  try {
    state = await def.setup(host, run.options ?? ({} as Options));
  } catch (err) {
    await limits.close();
    throw err;
  }
  const base = (signed: SignedContext): BaseContext => ({
    prisma: deps.prisma,
    actor: signed.actor,
    requestId: signed.requestId,
    clientKey: signed.clientKey,
    locale: signed.locale,
    publicBaseUrl: signed.publicBaseUrl,
    idempotencyKey: signed.idempotencyKey,
    clock,
  });
  // Content changes announced through Redis when set, so gateways elsewhere hear them.
  const versions = useRedisContentVersion((deps.env ?? process.env).REDIS_URL);
  let running: RunningSubgraph;
  try {
    running = await startSubgraph(
      {
        name: def.name,
        federated: await def.buildSchema(),
        trust: deps.trust,
        logger: deps.logger,
        bodyLimitBytes: def.bodyLimitBytes?.(state),
        createContext: (signed) => def.context(base(signed), state),
        ready: () => pingDatabase(deps.prisma),
        extraRoutes: (app) => {
          def.routes?.(state, host)(app);
          const sources = def.harvest?.(state, host) ?? [];
          if (sources.length)
            mountHarvestRoutes(app, { name: def.name, trust: deps.trust, logger: deps.logger, clock, fallbackBaseUrl: () => ownBaseUrl, sources });
        },
        metricsToken: (deps.env ?? process.env).METRICS_TOKEN || undefined,
        cache: def.cache,
        execution: subgraphExecution(deps.env ?? process.env),
      },
      run.port ?? 0,
    );
  } catch (err) {
    await def.close?.(state);
    await limits.close();
    await versions.close();
    throw err;
  }
  ownBaseUrl = running.url.replace(/\/graphql$/, '');
  // The caller's job runner runs them (scripts/hub.ts, scripts/subgraph.ts), once across replicas.
  const env = deps.env ?? process.env;
  const purgeAt = env.IDEMPOTENCY_PURGE_AT ?? '03:30';
  const deferred = def.bootJobs?.(state, host) ?? [];
  if (run.jobs === false)
    for (const job of deferred)
      await job.run({ attempt: 0, now: clock() }).catch((err: unknown) => deps.logger.warn({ err, job: job.name }, 'boot work failed'));
  const boot = run.jobs === false ? [] : onDemandJobs(deferred);
  const jobs =
    run.jobs === false
      ? []
      : [...runnerJobs(def.jobs?.(state, host) ?? []), ...boot, ...(purgeAt === 'off' ? [] : [idempotencyPurgeJob(deps.prisma, purgeAt)])];
  return {
    ...running,
    state,
    jobs,
    bootJobs: boot.map((j) => j.name),
    async close() {
      await running.close();
      await def.close?.(state);
      await limits.close();
      await versions.close();
    },
  };
}
