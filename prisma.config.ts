// Loaded by the Prisma CLI before its engine check. The native engines cannot be downloaded
// here (npm registry only), so point the CLI at a stub for the commands that need no engine
// (generate, validate, format). Migrations go through scripts/migrate.ts (WASM engine).
import path from 'node:path';
import { defineConfig } from 'prisma/config';

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve('schema/prisma/engine-stub.sh');
process.env.CHECKPOINT_DISABLE = '1';

export default defineConfig({
  schema: 'schema/prisma',
  migrations: { path: 'schema/prisma/migrations' },
});
