// A deadline on a request's wait for an upstream: the call keeps its own timeouts (and may
// retry), this bounds what the client waits. A late failure after the deadline is swallowed,
// never unhandled.
import { HubError } from '../../schema/errors.ts';

export function withDeadline<T>(call: Promise<T>, ms: number, context: { system: string; operation: string }): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new HubError('UPSTREAM_TIMEOUT', 'An external system did not answer in time.', { ...context })), ms);
  });
  call.catch(() => undefined);
  return Promise.race([call, deadline]).finally(() => clearTimeout(timer));
}
