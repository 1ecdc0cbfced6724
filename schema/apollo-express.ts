// Apollo Server behind Express 5: what `@as-integrations/express5` does, minus its per-request
// `url.parse` of the whole URL (only the query string is needed; measured ~2% of the gateway's
// CPU per request, issue 13). Same request handed to Apollo (method, every header, the query
// string, the parsed body), same answer written back, streamed answers included. Used by the
// gateway (gateway/server.ts) and by every subgraph (subgraphs/kit/server.ts); `runApollo` is the
// same without Express, for a subgraph's signed POST /graphql (subgraphs/kit/graphql-route.ts).
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { ApolloServer, BaseContext, HTTPGraphQLRequest } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';

export interface ApolloRequest {
  method: string;
  headers: IncomingHttpHeaders;
  /** The query string with its `?`, or ''. */
  search: string;
  body: unknown;
}

/**
 * Runs one request through Apollo Server and writes the answer to `res`. A complete answer goes
 * out with `send` when given (Express's `res.send`: ETag, HEAD), else in one `end` with its
 * Content-Length.
 */
export async function runApollo<C extends BaseContext>(
  server: ApolloServer<C>,
  request: ApolloRequest,
  context: () => Promise<C>,
  res: ServerResponse,
  send?: (body: string) => void,
): Promise<void> {
  const headers = new HeaderMap();
  for (const key in request.headers) {
    const value = request.headers[key];
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const httpGraphQLRequest: HTTPGraphQLRequest = { method: request.method.toUpperCase(), headers, search: request.search, body: request.body };
  const answer = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest, context });
  for (const [key, value] of answer.headers) res.setHeader(key, value);
  res.statusCode = answer.status || 200;
  if (answer.body.kind === 'complete') {
    if (send) send(answer.body.string);
    else {
      res.setHeader('content-length', Buffer.byteLength(answer.body.string));
      res.end(answer.body.string);
    }
    return;
  }
  for await (const chunk of answer.body.asyncIterator) {
    res.write(chunk);
    if (typeof (res as { flush?: () => void }).flush === 'function') (res as unknown as { flush: () => void }).flush();
  }
  res.end();
}

export function apolloMiddleware<C extends BaseContext>(
  server: ApolloServer<C>,
  context: (args: { req: Request; res: Response }) => Promise<C>,
): RequestHandler {
  server.assertStarted('apolloMiddleware()');
  return async (req, res) => {
    if (!('body' in req)) {
      res.status(500).send('`req.body` is not set: the JSON body parser must run before Apollo Server.');
      return;
    }
    const q = req.url.indexOf('?');
    await runApollo(
      server,
      { method: req.method, headers: req.headers, search: q >= 0 ? req.url.slice(q) : '', body: req.body },
      () => context({ req, res }),
      res,
      (body) => void res.send(body),
    );
  };
}
