// Error masking at the public edge (A27, C1): a client sees a registered code, a safe message
// and the request id — never a stack, SQL, an internal URL or a subgraph's name.
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { isHubErrorCode } from '../schema/errors.ts';

/** Codes raised by Apollo Server / graphql-js / GraphQL Armor whose messages are safe to show. */
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

const scrub = (message: string) => message.replace(URLISH, '[internal]');

export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if ((isHubErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') || (typeof code === 'string' && FRAMEWORK_CODES.has(code))) {
      const { serviceName: _s, stacktrace: _t, exception: _e, ...safe } = formatted.extensions ?? {};
      return { message: scrub(formatted.message), locations: formatted.locations, path: formatted.path, extensions: { ...safe, code } };
    }
    logger.error({ err: (error as { originalError?: unknown })?.originalError ?? error, code }, 'masked error');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
