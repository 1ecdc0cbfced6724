// Migrations CLI (the Prisma CLI's migrate commands need the native engine, unavailable here).
//   deploy            apply committed migrations to DATABASE_URL (or the embedded database)
//   status            list applied and pending migrations
//   create <name>     write a new migration from the Prisma schema's changes
//   check             fail when the Prisma schema has changes no migration covers
import { deployMigrations, migrationStatus, pendingSchemaDiff, writeMigration } from '../schema/db/migrator.ts';
import { openDatabase } from '../schema/db/database.ts';

/** The schema's changes no migration covers, or null (the diff of an unchanged schema is a comment). */
async function uncoveredChanges(): Promise<string | null> {
  const sql = await pendingSchemaDiff();
  return sql && !/^-- This is an empty migration/.test(sql) ? sql : null;
}

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  switch (command) {
    case 'deploy':
    case 'status': {
      const db = await openDatabase();
      try {
        if (command === 'deploy') {
          const applied = await deployMigrations(db.url);
          console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
        } else {
          const st = await migrationStatus(db.url);
          console.log(`applied: ${st.applied.length}\npending: ${st.pending.join(', ') || 'none'}`);
          if (st.failed.length) console.log(`failed: ${st.failed.join(', ')}`);
          if (st.edited.length) console.log(`edited after applying: ${st.edited.join(', ')}`);
          if (st.failed.length || st.edited.length || st.pending.length) return 1;
        }
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'create': {
      if (!name) throw new Error('usage: migrate create <name>');
      const sql = await uncoveredChanges();
      if (!sql) {
        console.log('no schema changes: nothing to create');
        return 0;
      }
      console.log(`created ${await writeMigration(name, sql)}`);
      return 0;
    }
    case 'check': {
      const sql = await uncoveredChanges();
      if (sql) {
        console.error('The Prisma schema has changes that no migration covers:\n' + sql);
        return 1;
      }
      console.log('migrations match the Prisma schema');
      return 0;
    }
    default:
      console.error('usage: migrate deploy|status|create <name>|check');
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
