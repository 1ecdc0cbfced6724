// Query safety limits (SECURITY-MATRIX A1–A10): GraphQL Armor's depth, alias and directive
// rules; the token limit is graphql-js's own (Armor's answers 500), the recursive-selection
// limit Apollo Server's, and page sizes and cost are checked with the variables (cost.ts).
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { HubError } from '../schema/errors.ts';

export interface QueryLimits {
  depth: number;
  aliases: number;
  directives: number;
  tokens: number;
  cost: number;
  pageSize: number;
}

/** Selections after inlining fragments. Without fragments the token limit keeps a document
 * far below this; only fragment reuse multiplies selections (the fragment bomb, A10). */
export const MAX_RECURSIVE_SELECTIONS = 10_000;

/** Registered code for every safety-limit breach; formatError restores it after Apollo
 * Server wraps validation errors as GRAPHQL_VALIDATION_FAILED. */
export const LIMIT_CODE = 'QUERY_TOO_COMPLEX';

/**
 * Armor's own rejection (`propagateOnRejection`) throws out of graphql-js's validator, which
 * Apollo Server answers with a 500. Reporting through the validation context instead gives a
 * 400 with a message of our choosing that names no limit value.
 */
function reportAs(message: string) {
  const report = (ctx: ValidationContext | null) => ctx?.reportError(new GraphQLError(message, { extensions: { code: LIMIT_CODE } }));
  return { exposeLimits: false, propagateOnRejection: false, onReject: [report] };
}

export function limitRules(limits: QueryLimits): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.depth, flattenFragments: true, ignoreIntrospection: true, ...reportAs('Query is too deep.') }),
    maxAliasesRule({ n: limits.aliases, ...reportAs('Query uses too many aliases.') }),
    maxDirectivesRule({ n: limits.directives, ...reportAs('Query uses too many directives.') }),
  ] as unknown as ValidationRule[];
}

/**
 * A document with no operation of the requested `operationName`, or several operations and no
 * name, is the client's mistake (A32): 400 with a stable code. Left alone, the gateway's query
 * planner throws on it and Apollo Server answers 500.
 */
export function requireOperationPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const message = request.operationName
            ? 'The document has no operation of the given operationName.'
            : 'The document has several operations: name the one to run in operationName.';
          throw new HubError('OPERATION_RESOLUTION_FAILURE', message, { http: { status: 400 } });
        },
      };
    },
  };
}
