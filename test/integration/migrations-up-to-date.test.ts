// A warm start skips the schema engine when the database already holds every committed migration,
// unchanged (schema/db/migrator.ts migrationsUpToDate): true on a migrated database, false as
// soon as one migration is missing, altered, unfinished or rolled back, or the table is absent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsUpToDate, readMigrations } from '../../schema/db/migrator.ts';
import { createTestDatabase, type TestDatabase } from '../harness/db.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

describe('migrationsUpToDate', () => {
  it('is true on a database migrated with the committed migrations (Prisma’s own checksums)', async () => {
    expect((await readMigrations()).migrationDirectories.length).toBeGreaterThan(0);
    expect(await migrationsUpToDate(db.url)).toBe(true);
  });

  it('is false when a migration was altered, is unfinished, rolled back or missing, or there is no table', async () => {
    const [first] = await db.prisma.$queryRaw<{ id: string; checksum: string }[]>`SELECT id, checksum FROM _prisma_migrations ORDER BY migration_name LIMIT 1`;
    const id = first!.id;
    await db.prisma.$executeRaw`UPDATE _prisma_migrations SET checksum = 'altered' WHERE id = ${id}`;
    expect(await migrationsUpToDate(db.url)).toBe(false);
    await db.prisma.$executeRaw`UPDATE _prisma_migrations SET checksum = ${first!.checksum}, finished_at = NULL WHERE id = ${id}`;
    expect(await migrationsUpToDate(db.url)).toBe(false);
    await db.prisma.$executeRaw`UPDATE _prisma_migrations SET finished_at = now(), rolled_back_at = now() WHERE id = ${id}`;
    expect(await migrationsUpToDate(db.url)).toBe(false);
    await db.prisma.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE id = ${id}`;
    expect(await migrationsUpToDate(db.url)).toBe(true);
    await db.prisma.$executeRaw`DELETE FROM _prisma_migrations WHERE id = ${id}`;
    expect(await migrationsUpToDate(db.url)).toBe(false);
    await db.prisma.$executeRaw`ALTER TABLE _prisma_migrations RENAME TO _prisma_migrations_gone`;
    expect(await migrationsUpToDate(db.url)).toBe(false);
  });
});
