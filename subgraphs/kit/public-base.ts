// The hub's public origin for a public document route (print pages): the gateway signs it into
// the context of the calls it forwards. A call without a valid signature (the subgraph reached
// directly, as in development) gets undefined and the subgraph's own fallback.
import type { Request } from 'express';
import { verifyGatewayRequest } from '../../schema/security/gateway-signature.ts';
import { verifyOptions, type SubgraphTrust } from './signature.ts';

export async function signedPublicBase(req: Request, audience: string, trust: SubgraphTrust | undefined): Promise<string | undefined> {
  if (!trust || !req.headers.signature) return undefined;
  const verdict = await verifyGatewayRequest(verifyOptions(audience, trust), req.method, req.originalUrl, req.headers);
  return verdict.ok ? verdict.context.publicBaseUrl?.replace(/\/$/, '') : undefined;
}
