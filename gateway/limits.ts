// Query safety limits (SECURITY-MATRIX A1–A12): GraphQL Armor's validation rules for depth,
// aliases, directives and cost; the token limit is graphql-js's own (Armor's answers 500).
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ValidationRule } from 'graphql';

export interface QueryLimits {
  depth: number;
  aliases: number;
  directives: number;
  tokens: number;
  cost: number;
}

export function limitRules(limits: QueryLimits): ValidationRule[] {
  const quiet = { exposeLimits: false, propagateOnRejection: true };
  return [
    maxDepthRule({ n: limits.depth, flattenFragments: true, ignoreIntrospection: true, ...quiet, errorMessage: 'Query is too deep.' }),
    maxAliasesRule({ n: limits.aliases, ...quiet, errorMessage: 'Query uses too many aliases.' }),
    maxDirectivesRule({ n: limits.directives, ...quiet, errorMessage: 'Query uses too many directives.' }),
    costLimitRule({
      maxCost: limits.cost,
      objectCost: 2,
      scalarCost: 1,
      depthCostFactor: 1.5,
      ignoreIntrospection: true,
      ...quiet,
      errorMessage: 'Query is too expensive.',
    }),
  ] as unknown as ValidationRule[];
}
