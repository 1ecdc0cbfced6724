// Configuration of a subgraph run as its own process (production layout), read once at boot.
import { z } from 'zod';
import { DEV_SIGNING_SECRET } from '../../schema/security/signed-context.ts';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().positive().default(10),
  HUB_SIGNING_SECRET: z.string().optional(),
  LOG_LEVEL: z.string().default('info'),
});

export interface SubgraphProcessConfig {
  host: string;
  port: number;
  databaseUrl?: string;
  poolMax: number;
  signingSecret: string;
  logLevel: string;
}

export function readSubgraphConfig(name: string, defaultPort: number, env: NodeJS.ProcessEnv = process.env): SubgraphProcessConfig {
  const c = schema.parse(env);
  const portVar = `SUBGRAPH_PORT_${name.toUpperCase().replace(/-/g, '_')}`;
  const port = z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .parse(env[portVar] ?? defaultPort);
  if (c.NODE_ENV === 'production') {
    const missing = [
      !c.DATABASE_URL && 'DATABASE_URL',
      (!c.HUB_SIGNING_SECRET || c.HUB_SIGNING_SECRET.length < 32) && 'HUB_SIGNING_SECRET (32+ characters)',
    ].filter(Boolean);
    if (missing.length) throw new Error(`Subgraph ${name}: production configuration is missing ${missing.join(', ')}`);
  }
  return {
    host: c.HOST,
    port,
    databaseUrl: c.DATABASE_URL,
    poolMax: c.DATABASE_POOL_MAX,
    signingSecret: c.HUB_SIGNING_SECRET ?? DEV_SIGNING_SECRET,
    logLevel: c.LOG_LEVEL,
  };
}
