// Downloads a document's file from its upstream through the adapter kit: URL guard (file links
// come from the upstream, so they are upstream-controlled, B1), deadline, byte cap, retries for
// this GET, circuit breaker, UPSTREAM_* errors. Any media type is accepted except an HTML page
// where a file was expected (a proxy's error page, B13).
import { UpstreamFailure, failureFromStatus } from '../../../adapters/kit/errors.ts';
import { createHttpClient, mediaType } from '../../../adapters/kit/http.ts';
import { createUpstreamPolicy, DEFAULT_RESILIENCE, type ResilienceOptions } from '../../../adapters/kit/resilience.ts';
import { createUrlGuard } from '../../../adapters/kit/url-guard.ts';

export interface FileFetcher {
  fetch(url: string): Promise<Buffer>;
  close(): Promise<void>;
}

export interface FileFetcherOptions {
  system: string;
  timeoutMs: number;
  /** Largest file mirrored; a bigger one stays a link to the source. */
  maxBytes: number;
  allowHosts?: string[];
  allowCidrs?: string[];
  resilience?: ResilienceOptions;
}

export function createFileFetcher(options: FileFetcherOptions): FileFetcher {
  const guard = createUrlGuard({ allowHosts: options.allowHosts ?? [], allowCidrs: options.allowCidrs ?? [] });
  const http = createHttpClient({ guard, timeoutMs: options.timeoutMs, maxBytes: options.maxBytes, userAgent: `cong-hub/${options.system}` });
  const policy = createUpstreamPolicy(options.system, options.resilience ?? { ...DEFAULT_RESILIENCE, attemptTimeoutMs: options.timeoutMs });
  return {
    fetch: (url) =>
      policy.run(
        'file',
        async (signal) => {
          const res = await http.request({ method: 'GET', url, signal });
          const failure = failureFromStatus(res.status, res.headers);
          if (failure) throw failure;
          if (mediaType(res) === 'text/html') throw new UpstreamFailure('unavailable', 'HTML page instead of a file', { status: res.status });
          return res.body;
        },
        { idempotent: true },
      ),
    close: () => http.close(),
  };
}
