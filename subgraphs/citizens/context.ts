// Per-request context of the citizens subgraph and the runtime it shares across requests.
import path from 'node:path';
import type { Logger } from 'pino';
import type { PrismaClient } from '../../schema/db/prisma.ts';
import type { Actor, SignedContext } from '../../schema/security/signed-context.ts';
import { defaultCalendar, type WorkingCalendar } from '../../schema/calendar/working-days.ts';
import { createLookupLimiter, type LookupLimiter } from './anti-abuse/limits.ts';
import type { LimitStore } from '../kit/client-limit.ts';
import { isEmail } from './contact.ts';

/** Settings of the citizens subgraph; every one has an environment variable (README). */
export interface CitizensOptions {
  /** The clock; tests inject one (deadlines, comment windows, proof-of-work expiry). */
  clock?: () => Date;
  /** Anonymous submissions must carry a solved proof-of-work challenge (default true). */
  requireProofOfWork?: boolean;
  /** Difficulty: the largest number the client may have to try (default 50,000, env CITIZENS_POW_MAX_NUMBER). */
  powMaxNumber?: number;
  /** Submissions per client address per hour (default 5, env CITIZENS_SUBMISSIONS_PER_CLIENT_HOUR). */
  submissionsPerClientHour?: number;
  /** Submissions per e-mail/phone per day (default 5, env CITIZENS_SUBMISSIONS_PER_CONTACT_DAY). */
  submissionsPerContactDay?: number;
  /** Tracking-code lookups per client per minute (default 20, env CITIZENS_LOOKUPS_PER_MINUTE). */
  lookupsPerMinute?: number;
  /** Where attachments are stored (default `.data/citizens-files`, env CITIZENS_FILES_DIR). */
  filesDir?: string;
  /** Largest attachment (default 5 MB, env CITIZENS_MAX_FILE_BYTES). */
  maxFileBytes?: number;
  calendar?: WorkingCalendar;
  /** The editorial board's inbox: told of every new question or petition, and of deadlines it must act on (env CITIZENS_BOARD_EMAIL). */
  boardEmail?: string | null;
}

export interface CitizensRuntime {
  now(): Date;
  /** Key of the HMACs over contact data and of the proof-of-work challenges. */
  secret: string;
  requireProofOfWork: boolean;
  powMaxNumber: number;
  submissionsPerClientHour: number;
  submissionsPerContactDay: number;
  lookups: LookupLimiter;
  filesDir: string;
  maxFileBytes: number;
  maxFilesPerRequest: number;
  calendar: WorkingCalendar;
  /** The editorial board's inbox (null: the board is not e-mailed). */
  boardEmail: string | null;
  logger: Logger;
}

/** A bad address fails the boot rather than silently losing the board's mail. */
function boardEmailOf(raw: string | null | undefined): string | null {
  const address = raw?.trim().toLowerCase();
  if (!address) return null;
  if (!isEmail(address)) throw new Error('CITIZENS_BOARD_EMAIL is not an e-mail address');
  return address;
}

const num = (v: number | undefined, envValue: string | undefined, fallback: number) => v ?? (envValue ? Number(envValue) : fallback);

export function citizensRuntime(
  opts: CitizensOptions,
  secret: string,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
  limits?: LimitStore,
): CitizensRuntime {
  const lookupsPerMinute = num(opts.lookupsPerMinute, env.CITIZENS_LOOKUPS_PER_MINUTE, 20);
  return {
    now: opts.clock ?? (() => new Date()),
    secret,
    requireProofOfWork: opts.requireProofOfWork ?? env.CITIZENS_REQUIRE_POW !== 'false',
    powMaxNumber: num(opts.powMaxNumber, env.CITIZENS_POW_MAX_NUMBER, 50_000),
    submissionsPerClientHour: num(opts.submissionsPerClientHour, env.CITIZENS_SUBMISSIONS_PER_CLIENT_HOUR, 5),
    submissionsPerContactDay: num(opts.submissionsPerContactDay, env.CITIZENS_SUBMISSIONS_PER_CONTACT_DAY, 5),
    lookups: createLookupLimiter(lookupsPerMinute, limits?.limiter(lookupsPerMinute, 'citizens-lookup')),
    filesDir: path.resolve(opts.filesDir ?? env.CITIZENS_FILES_DIR ?? '.data/citizens-files'),
    maxFileBytes: num(opts.maxFileBytes, env.CITIZENS_MAX_FILE_BYTES, 5_000_000),
    maxFilesPerRequest: 3,
    calendar: opts.calendar ?? defaultCalendar(),
    boardEmail: boardEmailOf(opts.boardEmail !== undefined ? opts.boardEmail : env.CITIZENS_BOARD_EMAIL),
    logger,
  };
}

export interface CitizensContext {
  prisma: PrismaClient;
  actor: Actor;
  requestId: string;
  /** Keyed hash of the client's address, from the gateway (never the address). */
  clientKey?: string;
  locale?: string;
  /** The client's Idempotency-Key header, unvalidated (subgraphs/kit/idempotency.ts checks it). */
  idempotencyKey?: string;
  runtime: CitizensRuntime;
  now(): Date;
  /** The hub's public origin, from the gateway (public URLs of tombstones). */
  publicBaseUrl?: string;
}

export function createCitizensContext(prisma: PrismaClient, signed: SignedContext, runtime: CitizensRuntime): CitizensContext {
  return {
    prisma,
    actor: signed.actor,
    requestId: signed.requestId,
    clientKey: signed.clientKey,
    locale: signed.locale,
    idempotencyKey: signed.idempotencyKey,
    publicBaseUrl: signed.publicBaseUrl,
    runtime,
    now: runtime.now,
  };
}
