// Configuration of a subgraph run as its own process (production layout), read once at boot.
import { z } from 'zod';
import {
  DEV_SIGNING_KEY,
  includesDevKey,
  parseJwks,
  parsePrivateKey,
  parseSharedKeys,
  sharedKeyFor,
  verifyingKeysOf,
  type SharedKeys,
  type VerifyingKeys,
} from '../../schema/security/keys.ts';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().positive().default(10),
  GATEWAY_PUBLIC_KEYS: z.string().optional(),
  SUBGRAPH_SHARED_KEYS: z.string().optional(),
  REDIS_URL: z.string().optional(),
  LOG_LEVEL: z.string().default('info'),
});

export interface SubgraphProcessConfig {
  host: string;
  port: number;
  databaseUrl?: string;
  poolMax: number;
  /** The gateway's public keys (GATEWAY_PUBLIC_KEYS, the JWKS the gateway serves at /.well-known/jwks.json). */
  gatewayKeys: VerifyingKeys;
  /** This subgraph's shared keys (SUBGRAPH_SHARED_KEYS, from `npm run keys:generate`): the gateway
   * signs its calls here with them (`hmac-sha256`). */
  sharedKeys: SharedKeys;
  redisUrl?: string;
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
  const gatewayKeys = c.GATEWAY_PUBLIC_KEYS ? parseJwks(c.GATEWAY_PUBLIC_KEYS) : verifyingKeysOf([parsePrivateKey(DEV_SIGNING_KEY)]);
  const devShared = sharedKeyFor(parsePrivateKey(DEV_SIGNING_KEY), name);
  let sharedKeys: SharedKeys;
  try {
    sharedKeys = c.SUBGRAPH_SHARED_KEYS ? parseSharedKeys(c.SUBGRAPH_SHARED_KEYS) : new Map([[devShared.kid, devShared.secret]]);
  } catch (err) {
    throw new Error(`Subgraph ${name}: SUBGRAPH_SHARED_KEYS: ${(err as Error).message}`, { cause: err });
  }
  if (c.NODE_ENV === 'production') {
    const missing = [
      !c.DATABASE_URL && 'DATABASE_URL',
      (!c.GATEWAY_PUBLIC_KEYS || includesDevKey(gatewayKeys)) && 'GATEWAY_PUBLIC_KEYS (without the development key)',
      (!c.SUBGRAPH_SHARED_KEYS || sharedKeys.has(devShared.kid)) && 'SUBGRAPH_SHARED_KEYS (without the development key’s)',
    ].filter(Boolean);
    if (missing.length) throw new Error(`Subgraph ${name}: production configuration is missing ${missing.join(', ')}`);
  }
  return {
    host: c.HOST,
    port,
    databaseUrl: c.DATABASE_URL,
    poolMax: c.DATABASE_POOL_MAX,
    gatewayKeys,
    sharedKeys,
    redisUrl: c.REDIS_URL,
    logLevel: c.LOG_LEVEL,
  };
}
