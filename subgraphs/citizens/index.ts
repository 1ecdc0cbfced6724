// The citizens subgraph as a plug-in (subgraphs/kit/define.ts): schema, context, HTTP shell,
// and the notification outbox delivered by a scheduled job once SMTP is configured.
import { z } from 'zod';
import { runSubgraph, type RunningDefinedSubgraph, type SubgraphDefinition, type SubgraphDeps, type SubgraphHost } from '../kit/define.ts';
import { citizensRuntime, createCitizensContext, type CitizensOptions, type CitizensRuntime } from './context.ts';
import { buildCitizensSchema, CITIZENS_SUBGRAPH } from './schema.ts';
import { smtpMailer, type Mailer } from './notifications/mailer.ts';
import { notificationTick } from './notifications/worker.ts';
import { queueDeadlineReminders } from './notifications/reminders.ts';
import { createQaExchange, type QaExchange } from '../../adapters/national-service-portal/qa.ts';
import { adapterConfigsFromEnv } from '../../adapters/registry.ts';
import { syncNationalQa } from './sync/national-qa.ts';
import { CITIZEN_PAGE_ROUTES, citizenPageRoutes, citizenSources } from './harvest/sources.ts';

/** Its settings are read by citizensRuntime from the environment as given (CITIZENS_* variables). */
const citizensConfig = z.looseObject({}).transform((env) => env as NodeJS.ProcessEnv);

interface CitizensState extends CitizensRuntime {
  mailer: Mailer | null;
  notifyIntervalMs: number;
  /** How often deadline reminders are queued (CITIZENS_REMINDER_INTERVAL_MS). */
  reminderIntervalMs: number;
  /** The national public-service portal's Q&A exchange, when ADAPTER_NATIONAL_SERVICE_PORTAL is set. */
  qa: QaExchange | null;
  qaIntervalMs: number;
}

async function setup(host: SubgraphHost<NodeJS.ProcessEnv>, options: CitizensOptions): Promise<CitizensState> {
  const env = host.config;
  const runtime = citizensRuntime({ clock: host.clock, ...options }, host.secret, host.logger, env, host.limits);
  // Without SMTP settings the outbox fills and waits (nothing is lost): delivery starts once
  // CITIZENS_SMTP_URL is set.
  const mailer = env.CITIZENS_SMTP_URL
    ? smtpMailer({ url: env.CITIZENS_SMTP_URL, from: env.CITIZENS_MAIL_FROM ?? 'Cổng TTĐT tỉnh <no-reply@cong.invalid>' })
    : null;
  if (!mailer) host.logger.info('citizens notifications: no CITIZENS_SMTP_URL, e-mails wait in the outbox');
  const portal = adapterConfigsFromEnv(env)['national-service-portal'];
  const qa = portal ? createQaExchange(portal) : null;
  return {
    ...runtime,
    mailer,
    notifyIntervalMs: Number(env.CITIZENS_NOTIFY_INTERVAL_MS ?? 30_000),
    reminderIntervalMs: Number(env.CITIZENS_REMINDER_INTERVAL_MS ?? 15 * 60_000),
    qa,
    qaIntervalMs: Number(env.CITIZENS_QA_SYNC_INTERVAL_MS ?? 15 * 60_000),
  };
}

export const citizens = {
  name: CITIZENS_SUBGRAPH,
  defaultPort: 4104,
  config: citizensConfig,
  buildSchema: buildCitizensSchema,
  setup,
  // Attachments travel as base64 in the submission (files.ts): room for the largest allowed.
  bodyLimitBytes: (state) => Math.max(1_000_000, Math.ceil((state.maxFileBytes * state.maxFilesPerRequest * 4) / 3) + 200_000),
  context: (base, runtime) => createCitizensContext(base.prisma, base, runtime),
  routes: (_state, host) => citizenPageRoutes({ prisma: host.prisma, trust: host.trust, logger: host.logger, clock: host.clock }),
  publicRoutes: CITIZEN_PAGE_ROUTES,
  harvest: (_state, host) => citizenSources(host.prisma),
  jobs: (state, host) => {
    const mailer = state.mailer;
    const qa = state.qa;
    const qaJobs = qa ? [{ name: 'citizens.national-qa', everyMs: state.qaIntervalMs, run: () => syncNationalQa(host.prisma, qa, state) }] : [];
    // Once per slot across replicas (the job runner), and each reminder once (dedupe keys).
    const reminders = {
      name: 'citizens.deadline-reminders',
      everyMs: state.reminderIntervalMs,
      run: async () => ({ queued: await queueDeadlineReminders(host.prisma, state.calendar, state.now(), state.boardEmail) }),
    };
    if (!mailer) return [reminders, ...qaJobs];
    return [
      reminders,
      ...qaJobs,
      {
        name: 'citizens.notify',
        everyMs: state.notifyIntervalMs,
        run: async () => {
          const run = await notificationTick(host.prisma, state, mailer, host.logger);
          if (run.sent || run.retried || run.dead) host.logger.info(run, 'notifications delivered');
          return run;
        },
      },
    ];
  },
  close: async (state) => {
    state.mailer?.close();
    await state.qa?.close();
  },
} satisfies SubgraphDefinition<NodeJS.ProcessEnv, CitizensOptions, CitizensState>;

/** Start the citizens subgraph alone (tests): options override the configuration. */
export function startCitizensSubgraph(deps: SubgraphDeps, port = 0, options: CitizensOptions = {}): Promise<RunningDefinedSubgraph<CitizensState>> {
  return runSubgraph<NodeJS.ProcessEnv, CitizensOptions, CitizensState>(citizens, deps, { port, clock: options.clock, options });
}
