import type { Logger } from 'pino';
import type { Actor } from '../schema/security/signed-context.ts';

export interface GatewayContext {
  requestId: string;
  actor: Actor;
  locale?: string;
  publicBaseUrl?: string;
  logger: Logger;
}
