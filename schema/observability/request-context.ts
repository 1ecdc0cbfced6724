// The request being served, wherever the code runs: the gateway enters it for each public
// request, a subgraph for each signed call (the gateway's id travels in the signed context), so
// every log line, upstream call and span below it can name the request without threading it
// through every signature. AsyncLocalStorage follows awaits, timers and undici calls.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestScope {
  requestId: string;
}

const store = new AsyncLocalStorage<RequestScope>();

export const currentRequestId = (): string | undefined => store.getStore()?.requestId;

/** Run `fn` (and everything it starts) as part of request `requestId`. */
export function runInRequest<T>(requestId: string, fn: () => T): T {
  return store.run({ requestId }, fn);
}
