// npm run db:seed: load the demo data into DATABASE_URL (or the embedded database). Idempotent.
import { openDatabase } from '../schema/db/database.ts';
import { deployMigrations } from '../schema/db/migrator.ts';
import { createPrisma } from '../schema/db/prisma.ts';
import { seedAll } from '../schema/seed/index.ts';

const db = await openDatabase();
await deployMigrations(db.url);
const prisma = createPrisma({ url: db.url, poolMax: 1 });
console.log(await seedAll(prisma));
await prisma.$disconnect();
await db.close();
process.exit(0);
