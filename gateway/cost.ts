// Page-size cap and query cost, checked once the operation is known and WITH its variables
// (A11, A12). Validation rules cannot do this: Apollo Server caches validation per query text,
// so `agencies(first: $n)` would be judged without `n` — Armor's cost rule counts it as 1.
//
// Cost = the number of fields the query may resolve in the worst case: each field counts 1,
// times the number of parents it is resolved for. A paginated field's `first` (or the default
// page) multiplies the list inside it; other lists are estimated at LIST_ESTIMATE items.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../schema/contract/paging.ts';
import { HubError } from '../schema/errors.ts';
import { LIMIT_CODE } from './limits.ts';

/** The subgraphs' page size when `first` is omitted (subgraphs/kit/pagination.ts). */
/** Lists without `first` (children, officials, attachments) are capped by their subgraph at
 * 100 but typically hold a handful; 10 keeps a realistic page under budget while two nested
 * lists still multiply. */
const LIST_ESTIMATE = 10;
const PAGE_ARGUMENTS = new Set(['first', 'last']);

export interface Budget {
  maxCost: number;
  maxPageSize: number;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  maxPageSize: number;
  pageSizeExceeded: boolean;
  memo: Map<string, number>;
}

function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: readonly FragmentDefinitionNode[],
  variables: Record<string, unknown>,
  maxPageSize: number,
) {
  const root = schema.getRootType(operation.operation);
  const walk: Walk = { schema, fragments: new Map(fragments.map((f) => [f.name.value, f])), variables, maxPageSize, pageSizeExceeded: false, memo: new Map() };
  const cost = root ? selectionCost(walk, operation.selectionSet, root, undefined) : 0;
  return { cost, pageSizeExceeded: walk.pageSizeExceeded };
}

/** `pending` = the page size a paginated parent asked for, applied to the next list. */
function selectionCost(walk: Walk, set: SelectionSetNode, parent: GraphQLCompositeType, pending: number | undefined): number {
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value === '__schema' || sel.name.value === '__type') continue; // introspection: off in production
      const field = 'getFields' in parent ? parent.getFields()[sel.name.value] : undefined;
      total += field ? fieldCost(walk, sel.selectionSet, field, sel.arguments ?? [], pending) : 1;
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const type = sel.typeCondition ? walk.schema.getType(sel.typeCondition.name.value) : parent;
      if (type && isCompositeType(type)) total += selectionCost(walk, sel.selectionSet, type, pending);
    } else {
      total += fragmentCost(walk, sel.name.value, pending);
    }
  }
  return total;
}

function fragmentCost(walk: Walk, name: string, pending: number | undefined): number {
  const key = `${name}:${pending ?? ''}`;
  const known = walk.memo.get(key);
  if (known !== undefined) return known;
  const fragment = walk.fragments.get(name);
  const type = fragment && walk.schema.getType(fragment.typeCondition.name.value);
  const cost = fragment && type && isCompositeType(type) ? selectionCost(walk, fragment.selectionSet, type, pending) : 0;
  walk.memo.set(key, cost);
  return cost;
}

function fieldCost(
  walk: Walk,
  set: SelectionSetNode | undefined,
  field: GraphQLField<unknown, unknown>,
  args: readonly { name: { value: string }; value: ValueNode }[],
  pending: number | undefined,
): number {
  const list = isList(field.type);
  const count = list ? (pending ?? LIST_ESTIMATE) : 1;
  const paginated = field.args.some((a) => PAGE_ARGUMENTS.has(a.name));
  let page: number | undefined;
  if (paginated) {
    const asked = pageArgument(walk, args);
    if (asked !== undefined && asked > walk.maxPageSize) walk.pageSizeExceeded = true;
    page = Math.min(asked ?? DEFAULT_PAGE_SIZE, walk.maxPageSize);
  }
  const type = getNamedType(field.type);
  const children = set && isCompositeType(type) ? selectionCost(walk, set, type, page) : 0;
  return count * (1 + children);
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

function pageArgument(walk: Walk, args: readonly { name: { value: string }; value: ValueNode }[]): number | undefined {
  const arg = args.find((a) => PAGE_ARGUMENTS.has(a.name.value));
  if (!arg) return undefined;
  const raw = arg.value.kind === Kind.INT ? Number(arg.value.value) : arg.value.kind === Kind.VARIABLE ? walk.variables[arg.value.name.value] : undefined;
  return typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined;
}

/** Rejects before any subgraph is called: 400 with a registered code and no limit value. */
export function queryBudgetPlugin(budget: Budget): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, document, request }) {
          if (!operation) return;
          const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
          const { cost, pageSizeExceeded } = operationCost(schema, operation, fragments, request.variables ?? {}, budget.maxPageSize);
          if (pageSizeExceeded) {
            throw new HubError('BAD_USER_INPUT', 'A page size (first) is above the maximum the API serves.', { http: { status: 400 } });
          }
          if (cost > budget.maxCost) {
            throw new HubError(LIMIT_CODE, 'Query is too expensive: ask for fewer items or fewer nested lists.', { http: { status: 400 } });
          }
        },
      };
    },
  };
}
