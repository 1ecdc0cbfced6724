// One data source per subgraph: forwards the caller's verified context (signed by the
// fetcher), and turns transport failures into masked, coded errors so the gateway answers
// with partial data (C1–C4). A circuit breaker makes a dead subgraph fail fast.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { circuitBreaker, ConsecutiveBreaker, handleWhen, BrokenCircuitError, type CircuitBreakerPolicy } from 'cockatiel';
import { CONTEXT_HEADER, encodeContext, type SignedContext } from '../schema/security/signed-context.ts';
import { SubgraphFetchError } from './fetcher.ts';
import type { GatewayContext } from './context.ts';

export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly breaker: CircuitBreakerPolicy;

  constructor(
    config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
    readonly subgraphName: string,
    breakerHalfOpenMs = 5_000,
  ) {
    super(config);
    // An oversized answer says more about the query than about the subgraph's health: left out,
    // a client could open the breaker for everyone by asking for too much five times.
    const unhealthy = handleWhen((err) => !(err instanceof SubgraphFetchError && err.kind === 'TOO_LARGE'));
    this.breaker = circuitBreaker(unhealthy, { halfOpenAfter: breakerHalfOpenMs, breaker: new ConsecutiveBreaker(5) });
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    const signed: SignedContext = {
      requestId: context?.requestId ?? 'internal',
      actor: context?.actor ?? { roles: [] },
      locale: context?.locale,
      publicBaseUrl: context?.publicBaseUrl,
      clientKey: context?.clientKey,
    };
    // Handed to the fetcher (which signs it) already encoded as it is sent: a header value
    // cannot carry "Biên tập viên" as is (the request would fail before leaving the gateway).
    request.http?.headers.set(CONTEXT_HEADER, encodeContext(signed));
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await this.breaker.execute(() => super.process(options));
    } catch (err) {
      const timeout = err instanceof SubgraphFetchError && err.kind === 'TIMEOUT';
      const code = timeout ? 'SUBGRAPH_TIMEOUT' : 'SUBGRAPH_UNAVAILABLE';
      const reason = err instanceof BrokenCircuitError ? 'circuit open' : err instanceof SubgraphFetchError ? err.kind : 'error response';
      options.context?.logger?.warn({ subgraph: this.subgraphName, reason, requestId: options.context?.requestId }, 'subgraph call failed');
      return {
        errors: [
          {
            message: timeout ? 'A part of the graph did not answer in time.' : 'A part of the graph is unavailable.',
            extensions: { code },
          },
        ],
      } as GatewayGraphQLResponse;
    }
  }
}
