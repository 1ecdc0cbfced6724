// Wiring of the citizens subgraph: schema, context, HTTP shell.
import { startSubgraph, type RunningSubgraph } from '../kit/server.ts';
import type { SubgraphDeps } from '../registry.ts';
import { citizensRuntime, createCitizensContext, type CitizensOptions } from './context.ts';
import { buildCitizensSchema, CITIZENS_SUBGRAPH } from './schema.ts';
import { smtpMailer } from './notifications/mailer.ts';
import { startNotificationWorker } from './notifications/worker.ts';

export async function startCitizensSubgraph(deps: SubgraphDeps, port = 0, options: CitizensOptions = {}): Promise<RunningSubgraph> {
  const env = deps.env ?? process.env;
  const runtime = citizensRuntime(options, deps.secret, deps.logger, env);
  const running = await startSubgraph(
    {
      name: CITIZENS_SUBGRAPH,
      federated: await buildCitizensSchema(),
      secret: deps.secret,
      logger: deps.logger,
      createContext: (signed) => createCitizensContext(deps.prisma, signed, runtime),
      ready: async () => {
        await deps.prisma.$queryRaw`SELECT 1`;
        return true;
      },
    },
    port,
  );
  // Without SMTP settings the outbox fills and waits (nothing is lost): the worker starts once
  // CITIZENS_SMTP_URL is set.
  const interval = Number(env.CITIZENS_NOTIFY_INTERVAL_MS ?? 30_000);
  const worker =
    env.CITIZENS_SMTP_URL && interval > 0
      ? startNotificationWorker(
          deps.prisma,
          runtime,
          smtpMailer({ url: env.CITIZENS_SMTP_URL, from: env.CITIZENS_MAIL_FROM ?? 'Cổng TTĐT tỉnh <no-reply@cong.invalid>' }),
          interval,
          deps.logger,
        )
      : null;
  if (!worker) deps.logger.info('citizens notifications: no CITIZENS_SMTP_URL, e-mails wait in the outbox');
  return {
    ...running,
    async close() {
      await worker?.stop();
      await running.close();
    },
  };
}
