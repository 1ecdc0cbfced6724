// The Department of Justice's subgraph, run by the department as its own process:
//   PORT=4201 GATEWAY_JWKS_URL=https://<hub>/.well-known/jwks.json node server.ts
// Plain Apollo Server + @apollo/subgraph, schema first (schema.graphql); every GraphQL call must
// carry the hub gateway's signature for "notaries" (verify.ts). /health and /ready are open.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import express from 'express';
import { parse } from 'graphql';
import { OFFICES, OWN_AGENCY_CODE, type NotaryOfficeRecord } from './data.ts';
import { gatewayKeys, gatewayVerifier, type GatewayContext } from './verify.ts';

const NAME = 'notaries';
const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The department's editors (as the gateway tells us: roles reach us only for our own agency). */
const isOwnEditor = (ctx: GatewayContext) => ctx.actor.roles.includes('EDITOR');

const office = (o: NotaryOfficeRecord) => ({ ...o, supervisor: { code: o.supervisorCode } });

const resolvers = {
  Query: {
    notaryOffices: (_: unknown, { commune }: { commune?: string }) =>
      OFFICES.filter((o) => !commune || o.commune.toLowerCase().includes(commune.toLowerCase())).map(office),
    notaryOffice: (_: unknown, { id }: { id: string }) => {
      const found = OFFICES.find((o) => o.id === id);
      return found ? office(found) : null;
    },
  },
  Agency: {
    __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
    notaryOffices: (agency: { code: string }) => (agency.code === OWN_AGENCY_CODE ? OFFICES.map(office) : []),
  },
  NotaryOffice: {
    inspectionNotes: (o: NotaryOfficeRecord, _: unknown, ctx: GatewayContext) => (isOwnEditor(ctx) ? o.inspectionNotes : null),
  },
};

export async function start(env: NodeJS.ProcessEnv = process.env) {
  const keys = env.GATEWAY_JWKS ? gatewayKeys({ jwks: env.GATEWAY_JWKS }) : env.GATEWAY_JWKS_URL ? gatewayKeys({ url: env.GATEWAY_JWKS_URL }) : undefined;
  if (!keys) throw new Error('Set GATEWAY_JWKS_URL (the hub gateway’s /.well-known/jwks.json) or GATEWAY_JWKS.');
  await keys.refresh().catch((err: Error) => console.warn(`gateway keys not fetched yet: ${err.message}`));
  const verify = gatewayVerifier(NAME, keys);

  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    schema: buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]),
    csrfPrevention: true,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();

  app.get(['/health', '/ready'], (_req, res) => void res.json({ status: 'ok' }));
  app.post(
    '/graphql',
    express.raw({ type: () => true, limit: '1mb' }),
    async (req, res, next) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const verdict = await verify({ method: req.method, url: req.originalUrl, headers: req.headers }, body);
      if (!verdict.ok) {
        console.warn(`refused: ${verdict.reason}`);
        return void res.status(401).json({ errors: [{ message: 'A valid gateway signature is required.', extensions: { code: 'INVALID_SIGNATURE' } }] });
      }
      res.locals.context = verdict.context;
      try {
        req.body = JSON.parse(body.toString('utf8'));
      } catch {
        return void res.status(400).json({ errors: [{ message: 'The body is not JSON.', extensions: { code: 'BAD_REQUEST' } }] });
      }
      next();
    },
    expressMiddleware(apollo, { context: async ({ res }) => res.locals.context as GatewayContext }),
  );

  await new Promise<void>((resolve) => httpServer.listen(Number(env.PORT ?? 4201), env.HOST ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${env.HOST ?? '127.0.0.1'}:${port}/graphql`,
    async stop() {
      await apollo.stop();
      httpServer.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const running = await start();
  console.log(`notaries subgraph listening on ${running.url}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void running.stop().then(() => process.exit(0)));
}
