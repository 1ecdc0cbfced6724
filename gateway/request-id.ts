import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './context.ts';

/** Every error, and the response's extensions, carry the request id a citizen can quote. */
export function requestIdPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const requestId = contextValue?.requestId;
          if (!requestId) return;
          const result = response.body.singleResult;
          result.errors = result.errors?.map((e) => ({ ...e, extensions: { ...e.extensions, requestId } }));
        },
      };
    },
  };
}
