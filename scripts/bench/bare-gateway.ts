// For --fetcher-compare: two minimal gateways, identical but for the subgraph fetcher — ours
// (undici, gateway/fetcher.ts) and @apollo/gateway's stock one (make-fetch-happen) wrapped only
// to add the same signature. The production gateway (gateway/server.ts) has no fetcher option,
// so both sides here skip its middleware (rate limit, helmet, CORS, limits) alike.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { Fetcher } from '@apollo/utils.fetcher';
import type { Logger } from 'pino';
import { SignedDataSource } from '../../gateway/data-source.ts';
import type { GatewayContext } from '../../gateway/context.ts';
import { createSubgraphFetcher, signedHeaders } from '../../gateway/fetcher.ts';
import { DEFAULT_SUPERGRAPH_PATH } from '../../gateway/supergraph.ts';
import { ANONYMOUS } from '../../schema/security/signed-context.ts';
import { gatewaySigner, parsePrivateKey, type Signer } from '../../schema/security/keys.ts';

export type FetcherKind = 'undici' | 'stock';

export interface BareGateway {
  url: string;
  stop(): Promise<void>;
}

/** The stock fetcher exactly as RemoteGraphQLDataSource builds it, plus the gateway signature. */
function stockSignedFetcher(signer: Signer): Fetcher {
  const stock = new RemoteGraphQLDataSource().fetcher;
  return (url, init) => stock(url, { ...init, headers: signedHeaders(signer, url, init) });
}

export async function startBareGateway(
  kind: FetcherKind,
  opts: { signingKey: string; subgraphUrls: Record<string, string>; logger: Logger },
): Promise<BareGateway> {
  // Every subgraph here is one of the hub's own: signed with its shared key, as the gateway does.
  const signer = gatewaySigner(parsePrivateKey(opts.signingKey), () => true);
  const ours = kind === 'undici' ? createSubgraphFetcher({ signer, timeoutMs: 5_000, maxBytes: 5_000_000 }) : undefined;
  const fetcher = ours ?? stockSignedFetcher(signer);
  const gateway = new ApolloGateway({
    supergraphSdl: await readFile(DEFAULT_SUPERGRAPH_PATH, 'utf8'),
    logger: opts.logger,
    buildService: ({ name, url }) => new SignedDataSource({ url: opts.subgraphUrls[name] ?? url, fetcher }, name),
  });
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();
  let seq = 0;
  app.use(
    '/graphql',
    express.json({ limit: 100_000 }),
    expressMiddleware(apollo, {
      context: async (): Promise<GatewayContext> => ({ requestId: `bare-${++seq}`, actor: ANONYMOUS, locale: 'vi', logger: opts.logger }),
    }),
  );
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    async stop() {
      await apollo.stop();
      await ours?.close();
    },
  };
}
