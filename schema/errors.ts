// The registry of error codes clients can rely on. Every error that leaves the hub carries one
// of these in `extensions.code`; the README's table is generated from this list
// (`npm run docs:errors`). Codes are stable: add, never rename.
import { GraphQLError } from 'graphql';

export const ErrorCodes = {
  BAD_USER_INPUT: { http: 400, description: 'An argument is invalid: wrong format, out of range, too long, or a page size above the maximum.' },
  BAD_REQUEST: {
    http: 400,
    description:
      'The HTTP request is malformed: bad JSON, a batch, a missing CSRF-prevention header. A mutation sent over GET gets this code with HTTP 405 and `Allow: POST` (GraphQL over HTTP).',
  },
  GRAPHQL_PARSE_FAILED: { http: 400, description: 'The query is not valid GraphQL or has too many tokens.' },
  GRAPHQL_VALIDATION_FAILED: {
    http: 400,
    description:
      'The query does not match the schema or breaks a safety limit (depth, aliases, directives, repeated fields, cost, introspection in production).',
  },
  OPERATION_RESOLUTION_FAILURE: {
    http: 400,
    description: 'The document has no operation of the given operationName, or several operations and no operationName.',
  },
  QUERY_TOO_COMPLEX: { http: 400, description: 'The query exceeds a safety limit: depth, aliases, directives, field count or cost.' },
  PAYLOAD_TOO_LARGE: { http: 413, description: 'The request body is larger than the limit.' },
  UNSUPPORTED_MEDIA_TYPE: { http: 415, description: 'The request body must be application/json (UTF-8).' },
  UNAUTHENTICATED: { http: 401, description: 'A valid staff or partner token is required.' },
  INVALID_SIGNATURE: { http: 401, description: 'A subgraph was called without a valid gateway signature.' },
  FORBIDDEN: { http: 403, description: 'The caller may not see or change this item.' },
  NOT_FOUND: { http: 404, description: 'No item has this id, slug or number.' },
  CONFLICT: { http: 409, description: 'The item changed or already exists: reload and try again.' },
  IDEMPOTENCY_KEY_REUSED: {
    http: 422,
    description: 'This Idempotency-Key was already used by this caller for the same operation with other arguments: a new request needs a new key.',
  },
  INVALID_STATE_TRANSITION: { http: 409, description: 'The editorial workflow does not allow this step from the item’s current state.' },
  PUBLISH_PRECONDITION_FAILED: { http: 422, description: 'Publishing was refused: source attribution (R-3.3) or mandatory Dublin Core metadata is missing.' },
  COMMENT_WINDOW_CLOSED: {
    http: 422,
    description: 'The draft is not open for comments: its window has not opened yet or its deadline has passed (dates in Asia/Ho_Chi_Minh).',
  },
  RATE_LIMITED: { http: 429, description: 'Too many requests from this client: wait and retry.' },
  SUBGRAPH_UNAVAILABLE: { http: 200, description: 'A part of the graph is down: the other fields are returned, the failed ones are null.' },
  SUBGRAPH_TIMEOUT: { http: 200, description: 'A part of the graph did not answer in time: the other fields are returned.' },
  UPSTREAM_TIMEOUT: { http: 200, description: 'An external system did not answer in time.' },
  UPSTREAM_UNAVAILABLE: { http: 200, description: 'An external system is down or its circuit breaker is open.' },
  UPSTREAM_INVALID_RESPONSE: { http: 200, description: 'An external system answered with something malformed, unsafe or too large.' },
  UPSTREAM_RATE_LIMITED: { http: 200, description: 'An external system asked us to slow down.' },
  UPSTREAM_FAULT: { http: 200, description: 'An external system reported an error for this request.' },
  UPSTREAM_AUTH: { http: 200, description: 'An external system refused the hub’s credentials (its session could not be renewed).' },
  SERVICE_UNAVAILABLE: {
    http: 503,
    description: 'The hub is starting, shutting down, cannot reach its database or the database is overloaded (a statement timed out).',
  },
  INTERNAL_SERVER_ERROR: { http: 500, description: 'Something failed inside the hub; quote the requestId when reporting it.' },
} as const satisfies Record<string, { http: number; description: string }>;

export type ErrorCode = keyof typeof ErrorCodes;

export interface HubErrorExtensions {
  code: ErrorCode;
  [key: string]: unknown;
}

/** An error meant for the client: its message and extensions are safe to show. */
export class HubError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'HubError';
  }

  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }
}

export const isHubErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && Object.hasOwn(ErrorCodes, code);
