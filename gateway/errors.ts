// Error masking at the public edge (A27, C1): a client sees a registered code, a safe message
// and the request id — never a stack, SQL, an internal URL, a limit value or a subgraph's name.
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { isHubErrorCode } from '../schema/errors.ts';
import { LIMIT_CODE } from './limits.ts';
import { currentRequestId } from './request-id.ts';

/** Codes raised by Apollo Server / graphql-js whose messages are safe to show. */
const FRAMEWORK_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

const URLISH = /\b(?:https?|postgres(?:ql)?|redis):\/\/\S+|\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b|\blocalhost(?::\d+)?\b/gi;

/** graphql-js's token limit names the limit ("Document contains more that 2000 tokens", sic). */
const TOKEN_LIMIT = /Document contains more \w+ \d+ tokens/;

/** graphql-js's hint naming schema members ("Did you mean "rootsOnly"?"), also in variable
 * coercion errors that Apollo Server's hideSchemaDetailsFromClientErrors does not cover, and in
 * answers relayed from a subgraph. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

function scrub(message: string, hideSchemaDetails: boolean): string {
  if (TOKEN_LIMIT.test(message)) return 'Syntax Error: the query is too large.';
  const safe = message.replace(URLISH, '[internal]');
  return hideSchemaDetails ? safe.replace(SUGGESTION, '') : safe;
}

/** Apollo Server re-codes every validation error GRAPHQL_VALIDATION_FAILED; a safety-limit
 * breach (limits.ts) keeps its own code underneath. */
function codeOf(formatted: GraphQLFormattedError, error: unknown): unknown {
  const original = (error as { originalError?: { extensions?: Record<string, unknown> } } | undefined)?.originalError;
  if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && original?.extensions?.code === LIMIT_CODE) return LIMIT_CODE;
  return formatted.extensions?.code;
}

/** `hideSchemaDetails` (production): no "Did you mean" anywhere, whatever raised the error. */
export function createFormatError(logger: Logger, opts: { hideSchemaDetails: boolean } = { hideSchemaDetails: true }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = codeOf(formatted, error);
    const requestId = currentRequestId();
    if ((isHubErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') || (typeof code === 'string' && FRAMEWORK_CODES.has(code))) {
      // Drop what describes the inside: the subgraph's name, a stack, a wrapped upstream response.
      const { serviceName: _s, stacktrace: _t, exception: _e, response: _r, http: _h, ...safe } = formatted.extensions ?? {};
      return {
        message: scrub(formatted.message, opts.hideSchemaDetails),
        locations: formatted.locations,
        path: formatted.path,
        extensions: { ...safe, code, requestId },
      };
    }
    logger.error({ err: (error as { originalError?: unknown })?.originalError ?? error, code, requestId }, 'masked error');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } };
  };
}
