// Prisma migrations without the native schema engine (it cannot be downloaded here): drive the
// WASM schema engine through a migration-aware driver adapter. `deploy` writes the standard
// _prisma_migrations table, so the real Prisma CLI can take over wherever it is available.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import pg from 'pg';
import { readFile, readdir, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';

export const PRISMA_DIR = path.resolve(import.meta.dirname, '../prisma');
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations');

interface WasmApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

let wasmReady: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const jsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(path.dirname(jsPath), 'schema_engine_bg.wasm'));
    // The package imports its .wasm as an ES module, which Node does not load by default:
    // instantiate it by hand with the JS glue as its import object.
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const { instance } = await wasm.instantiate(bytes, { './schema_engine_bg.js': engineBindings });
    engineBindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmReady;
}

export async function readSchemaFiles(): Promise<{ path: string; content: string }[]> {
  const names = (await readdir(PRISMA_DIR)).filter((n) => n.endsWith('.prisma')).sort();
  return Promise.all(names.map(async (n) => ({ path: path.join(PRISMA_DIR, n), content: await readFile(path.join(PRISMA_DIR, n), 'utf8') })));
}

export async function readMigrations(): Promise<MigrationList> {
  await mkdir(MIGRATIONS_DIR, { recursive: true });
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true });
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = path.join(MIGRATIONS_DIR, 'migration_lock.toml');
  const lock = await readFile(lockPath, 'utf8').catch(() => null);
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: 'migration_lock.toml', content: lock },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      dirs.map(async (d) => ({
        path: d,
        migrationFile: {
          path: 'migration.sql',
          content: await readFile(path.join(MIGRATIONS_DIR, d, 'migration.sql'), 'utf8').then(
            (c) => ({ tag: 'ok' as const, value: c }),
            (e: Error) => ({ tag: 'error' as const, error: e.message }),
          ),
        },
      })),
    ),
  } as MigrationList;
}

async function openEngine(factory: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
  await loadWasm();
  const files = await readSchemaFiles();
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const log = (msg: string) => {
    if (process.env.PRISMA_MIGRATE_DEBUG) console.error('[schema-engine]', msg);
  };
  return engineBindings.SchemaEngine.new({ datamodels: files.map((f) => [f.path, f.content]) }, log, adapter);
}

const noFilter = { externalTables: [], externalEnums: [] };

/** Apply every committed migration not yet applied (= `prisma migrate deploy`). */
/**
 * Whether every committed migration is already applied, unchanged (Prisma's checksum: the
 * SHA-256 of migration.sql), finished and not rolled back, and nothing else was: then
 * deployMigrations has nothing to do and the schema engine (a WebAssembly module, compiled on
 * every start) need not be loaded. One statement; false when the table is not there yet.
 */
export async function migrationsUpToDate(connectionString: string): Promise<boolean> {
  const { migrationDirectories } = await readMigrations();
  const committed = new Map(
    await Promise.all(
      migrationDirectories.map(async (m) => {
        const sql = await readFile(path.join(MIGRATIONS_DIR, m.path, 'migration.sql'));
        return [m.path, createHash('sha256').update(sql).digest('hex')] as const;
      }),
    ),
  );
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations',
    );
    const applied = rows.filter((r) => !r.rolled_back_at);
    return applied.length === committed.size && applied.every((r) => r.finished_at !== null && committed.get(r.migration_name) === r.checksum);
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function deployMigrations(connectionString: string): Promise<string[]> {
  const engine = await openEngine(new PrismaPg({ connectionString, max: 1 }));
  try {
    const out = await engine.applyMigrations({ migrationsList: await readMigrations(), filters: noFilter });
    return out.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/**
 * SQL that takes the committed migrations to the current Prisma schema. The migrations are
 * replayed into a scratch in-memory PGlite (adapter-pg cannot introspect PostgreSQL's internal
 * "char" type, and its shadow-database path is unsafe), never into a shared database.
 */
export async function pendingSchemaDiff(): Promise<string> {
  const scratch = await PGlite.create({ extensions: { unaccent, pg_trgm } });
  const engine = await openEngine(new PrismaPGlite(scratch));
  try {
    await engine.applyMigrations({ migrationsList: await readMigrations(), filters: noFilter });
    const files = await readSchemaFiles();
    const result = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: PRISMA_DIR },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: noFilter,
    });
    return (result.stdout ?? '').trim();
  } finally {
    engine.free();
    await scratch.close();
  }
}

export async function writeMigration(name: string, sql: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'migration.sql'), sql.endsWith('\n') ? sql : `${sql}\n`);
  const lockPath = path.join(MIGRATIONS_DIR, 'migration_lock.toml');
  await writeFile(
    lockPath,
    '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
  );
  return dir;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  failed: string[];
  edited: string[];
}

/** Committed migrations against what the database recorded in _prisma_migrations. */
export async function migrationStatus(connectionString: string): Promise<MigrationStatus> {
  const engine = await openEngine(new PrismaPg({ connectionString, max: 1 }));
  try {
    const list = await readMigrations();
    const diag = await engine.diagnoseMigrationHistory({ migrationsList: list, optInToShadowDatabase: false, filters: noFilter });
    const all = list.migrationDirectories.map((d) => d.path);
    const history = diag.history;
    const pending = history && 'unappliedMigrationNames' in history ? history.unappliedMigrationNames : [];
    const failed = diag.failedMigrationNames;
    return {
      applied: all.filter((m) => !pending.includes(m) && !failed.includes(m)),
      pending,
      failed,
      edited: diag.editedMigrationNames,
    };
  } finally {
    engine.free();
  }
}
