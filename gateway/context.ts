import type { Logger } from 'pino';
import type { Actor } from '../schema/security/signed-context.ts';

export interface GatewayContext {
  requestId: string;
  actor: Actor;
  locale?: string;
  publicBaseUrl?: string;
  /** Keyed hash of the client's address (signed-context.ts), never the address. */
  clientKey?: string;
  /** The client's Idempotency-Key header (capped), forwarded to subgraphs for their mutations. */
  idempotencyKey?: string;
  logger: Logger;
  /** The content version this request saw (response-cache.ts); undefined = not read. */
  contentVersion?: string | null;
}
