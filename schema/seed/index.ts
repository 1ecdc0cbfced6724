// Demo data for `npm start`. Idempotent: every row has a stable id, seeding again updates it.
import type { PrismaClient } from '../db/prisma.ts';
import { seedArticles } from './articles.ts';
import { seedContentKinds } from './content.ts';
import { seedOrganisation } from './organisation.ts';
import { seedUnits } from './units.ts';

export type Seeder = (prisma: PrismaClient) => Promise<Record<string, number>>;

/** Seeders of later capabilities register here (one line each). */
export const SEEDERS: Seeder[] = [
  async (p) => ({ units: await seedUnits(p) }),
  async (p) => seedOrganisation(p),
  async (p) => ({ articles: await seedArticles(p) }),
  async (p) => ({ contentItems: await seedContentKinds(p) }),
];

export async function seedAll(prisma: PrismaClient): Promise<Record<string, number>> {
  const report: Record<string, number> = {};
  for (const seed of SEEDERS) Object.assign(report, await seed(prisma));
  return report;
}
