// `npm start` in development: the bundled fake agency portal (adapters/agency-portals/fake, the
// server the tests use) started on 127.0.0.1 and registered for the Department of Justice, then
// harvested once with the real harvester, so the links directory, the harvested items and the
// one search show at work. Imported lazily: production never loads the fake.
import type { Logger } from 'pino';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import { createPortalHarvester, type PortalHarvester } from '../../../adapters/agency-portals/client.ts';
import { harvestPortals } from './harvest.ts';

const DEMO_MARK = 'Bản demo: cổng giả lập chạy cùng hub (adapters/agency-portals/fake).';
const DEMO_AGENCY_SLUG = 'so-tu-phap-vinh-phuc';

export interface DemoPortal {
  /** The harvester the scheduled job uses in the demo: it may reach the fake on 127.0.0.1. */
  harvester: PortalHarvester;
  close(): Promise<void>;
}

export async function startDemoPortal(prisma: PrismaClient, clock: () => Date, logger: Logger): Promise<DemoPortal | null> {
  const agency = await prisma.agency.findFirst({ where: { slug: DEMO_AGENCY_SLUG } });
  if (!agency) return null;
  const { startAgencyPortalFake } = await import('../../../adapters/agency-portals/fake/server.ts');
  const fake = await startAgencyPortalFake();
  const harvester = createPortalHarvester({ allowHosts: ['127.0.0.1'], perHostIntervalMs: 0, timeoutMs: 5_000 });
  // The fake listens on a new port each boot: the previous demo portal (and its items) goes.
  await prisma.agencyPortal.deleteMany({ where: { description: DEMO_MARK } });
  await prisma.agencyPortal.create({
    data: {
      agencyId: agency.id,
      name: 'Cổng thông tin điện tử Sở Tư pháp (demo)',
      url: `${fake.origin}/`,
      description: DEMO_MARK,
      sources: {
        create: [
          { kind: 'FEED', url: fake.rssUrl },
          { kind: 'FEED', url: fake.atomUrl },
          { kind: 'SITEMAP', url: fake.sitemapUrl },
        ],
      },
    },
  });
  // Harvested before the subgraph serves (a local fake answers in milliseconds).
  await harvestPortals(prisma, harvester, clock(), logger).then(
    (run) => logger.info(run, 'demo agency portal harvested'),
    (err: unknown) => logger.warn({ err }, 'demo agency portal harvest failed'),
  );
  return {
    harvester,
    async close() {
      await harvester.close();
      await fake.close();
    },
  };
}
