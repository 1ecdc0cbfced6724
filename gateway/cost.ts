// Demand control (A11, A12, A31): page sizes and the cost of an operation, computed once the
// operation is known, on its COERCED variable values (defaults included: `query Q($n: Int = 100)`
// is judged as 100), before any subgraph is called. Validation rules cannot do this: Apollo
// Server caches validation per query text, without the variables.
//
// Cost model: the GraphQL cost directive specification as Apollo Router's demand control and
// Hive Gateway implement it, reading `@cost` and `@listSize` from the supergraph
// (cost-directives.ts; the subgraphs declare them, subgraphs/kit/list-size.ts):
//   - an operation costs its base (mutation 10, query 0) plus its fields;
//   - a field costs its `@cost` weight, else 1 for an object, interface or union and 0 for a
//     scalar or enum, plus its arguments' `@cost` weights, plus its selections;
//   - a list field multiplies (own cost + selections) by its size: the largest slicing argument
//     given (`first`), else `assumedSize`, else the default list size; with `sizedFields` the
//     size applies to those child fields (a page's `nodes`) — so nested lists multiply;
//   - an abstract type costs its most expensive possible type, not the sum of its fragments.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isAbstractType,
  isCompositeType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { HubError } from '../schema/errors.ts';
import { costDirectivesOf, NO_COST_DIRECTIVES, type CostDirectives, type ListSize } from './cost-directives.ts';
import { LIMIT_CODE } from './limits.ts';

export interface Budget {
  maxCost: number;
  /** The one page-size constant: `first`/`last` outside 1..maxPageSize is refused. */
  maxPageSize: number;
  /** Size assumed for a list field that declares no `@listSize`. */
  defaultListSize: number;
}

const PAGE_ARGUMENTS = ['first', 'last'];
const OPERATION_BASE = { query: 0, mutation: 10, subscription: 0 } as const;

class CostWalk {
  pageSizeRefused = false;
  private readonly memo = new Map<string, number>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
    private readonly directives: CostDirectives,
    private readonly budget: Budget,
  ) {}

  /** `sized`: sizes a parent's `@listSize(sizedFields:)` gives to fields of this selection. */
  selection(set: SelectionSetNode, parent: GraphQLCompositeType, sized?: Map<string, number>): number {
    if (!isAbstractType(parent)) return this.onObject(set, parent, sized);
    let most = 0;
    for (const type of this.schema.getPossibleTypes(parent)) most = Math.max(most, this.onObject(set, type, sized));
    return most;
  }

  private applies(condition: string | undefined, type: GraphQLObjectType): boolean {
    if (!condition || condition === type.name) return true;
    const cond = this.schema.getType(condition);
    return Boolean(cond && isAbstractType(cond) && this.schema.isSubType(cond, type));
  }

  private onObject(set: SelectionSetNode, type: GraphQLObjectType, sized: Map<string, number> | undefined): number {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const field = type.getFields()[sel.name.value];
        if (field) total += this.field(sel, field, type, sized);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (this.applies(sel.typeCondition?.name.value, type)) total += this.onObject(sel.selectionSet, type, sized);
      } else {
        const fragment = this.fragments.get(sel.name.value);
        if (!fragment || !this.applies(fragment.typeCondition.name.value, type)) continue;
        const key = `${fragment.name.value}@${type.name}@${sized ? [...sized].join() : ''}`;
        let cost = this.memo.get(key);
        if (cost === undefined) this.memo.set(key, (cost = this.onObject(fragment.selectionSet, type, sized)));
        total += cost;
      }
    }
    return total;
  }

  private field(node: FieldNode, field: GraphQLField<unknown, unknown>, parent: GraphQLObjectType, sized: Map<string, number> | undefined): number {
    const key = `${parent.name}.${field.name}`;
    const args = this.arguments(node, field);
    for (const name of PAGE_ARGUMENTS) {
      const v = args[name];
      if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > this.budget.maxPageSize)) this.pageSizeRefused = true;
    }
    const named = getNamedType(field.type);
    const base = this.directives.weights.get(key) ?? this.directives.weights.get(named.name) ?? (isCompositeType(named) ? 1 : 0);
    let argCost = 0;
    for (const name of Object.keys(args)) argCost += this.directives.weights.get(`${key}(${name})`) ?? 0;

    const listSize = this.directives.listSizes.get(key);
    const childSized = listSize?.sizedFields.length ? new Map(listSize.sizedFields.map((f) => [f, this.sizeOf(listSize, args)])) : undefined;
    const children = node.selectionSet && isCompositeType(named) ? this.selection(node.selectionSet, named, childSized) : 0;
    if (!isListType(getNullableType(field.type))) return argCost + base + children;
    const size = sized?.get(field.name) ?? (listSize && !listSize.sizedFields.length ? this.sizeOf(listSize, args) : this.budget.defaultListSize);
    return argCost + size * (base + children);
  }

  private sizeOf(listSize: ListSize, args: Record<string, unknown>): number {
    const given = listSize.slicingArguments.map((a) => args[a]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    // A refused page size is reported as such; the cost still counts the largest allowed page.
    if (given.length) return Math.min(Math.max(...given.map((v) => Math.max(v, 0))), this.budget.maxPageSize);
    return listSize.assumedSize ?? this.budget.defaultListSize;
  }

  /** Argument values as the subgraph will see them: literals, variables (coerced) and defaults. */
  private arguments(node: FieldNode, field: GraphQLField<unknown, unknown>): Record<string, unknown> {
    try {
      return getArgumentValues(field, node, this.variables);
    } catch {
      return {}; // a missing required argument: execution refuses it before any subgraph call
    }
  }
}

/** The cost of `operation` with the client's raw variables, coerced here as execution will
 * coerce them (defaults applied). Undefined when they do not coerce: the gateway refuses such a
 * request (BAD_USER_INPUT) before planning, so nothing reaches a subgraph. */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: readonly FragmentDefinitionNode[],
  rawVariables: Record<string, unknown>,
  directives: CostDirectives,
  budget: Budget,
): { cost: number; pageSizeRefused: boolean } | undefined {
  const { coerced } = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables, { maxErrors: 1 });
  if (!coerced) return undefined;
  const walk = new CostWalk(schema, new Map(fragments.map((f) => [f.name.value, f])), coerced, directives, budget);
  const root = schema.getRootType(operation.operation);
  const cost = OPERATION_BASE[operation.operation] + (root && isObjectType(root) ? walk.selection(operation.selectionSet, root) : 0);
  return { cost, pageSizeRefused: walk.pageSizeRefused };
}

/** Distinct variable sets remembered per document and operation (a new one beyond it is
 * computed, then remembered in place of the oldest): bounds the cache against clients that send
 * a new set of variables with every request. */
export const COST_CACHE_VARIABLE_SETS = 32;
/** Variables longer than this (as JSON) are judged without the cache. */
const MAX_VARIABLES_KEY = 2_048;

type Judged = { cost: number; pageSizeRefused: boolean } | undefined;

/**
 * The cost of each operation, remembered per parsed document (Apollo Server hands the same
 * DocumentNode for the same query text from its document cache; a document it forgets takes its
 * entries with it), operation name and variables as sent: the cost depends on nothing else but
 * the schema and its cost directives, and the cache is dropped with them on every supergraph
 * (re)load. Documents that are not cached by Apollo are new objects, so nothing is shared by
 * accident between two query texts.
 */
export class CostCache {
  private byDocument = new WeakMap<DocumentNode, Map<string, Judged>>();
  private schema: GraphQLSchema | undefined;
  hits = 0;
  misses = 0;

  /** Forget everything (the supergraph or its cost directives changed). */
  reset(): void {
    this.byDocument = new WeakMap();
    this.schema = undefined;
  }

  judge(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    rawVariables: Record<string, unknown>,
    compute: () => Judged,
  ): Judged {
    if (schema !== this.schema) {
      this.byDocument = new WeakMap();
      this.schema = schema;
    }
    // Without variable definitions the variables cannot change the cost.
    const vars = operation.variableDefinitions?.length ? JSON.stringify(rawVariables) : '';
    if (vars.length > MAX_VARIABLES_KEY) return compute();
    const key = `${operation.name?.value ?? ''}\u0000${vars}`;
    let entries = this.byDocument.get(document);
    if (entries?.has(key)) {
      this.hits += 1;
      return entries.get(key);
    }
    this.misses += 1;
    const judged = compute();
    if (!entries) this.byDocument.set(document, (entries = new Map()));
    if (entries.size >= COST_CACHE_VARIABLE_SETS) entries.delete(entries.keys().next().value!);
    entries.set(key, judged);
    return judged;
  }
}

/** Rejects before any subgraph is called: 400 with a registered code and no limit value. */
export function queryBudgetPlugin(
  budget: Budget,
  opts: { cache?: CostCache; /** For a schema that is not a supergraph (tests). */ directives?: CostDirectives } = {},
): ApolloServerPlugin {
  const cache = opts.cache ?? new CostCache();
  let directives = NO_COST_DIRECTIVES;
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ coreSupergraphSdl }) {
          directives = coreSupergraphSdl ? costDirectivesOf(coreSupergraphSdl) : (opts.directives ?? NO_COST_DIRECTIVES);
          cache.reset();
        },
      };
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, document, request }) {
          if (!operation) return;
          const variables = request.variables ?? {};
          const result = cache.judge(schema, document, operation, variables, () => {
            const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
            return operationCost(schema, operation, fragments, variables, directives, budget);
          });
          if (!result) return;
          const { cost, pageSizeRefused } = result;
          if (pageSizeRefused) {
            throw new HubError('BAD_USER_INPUT', 'A page size (first or last) is outside the range the API serves.', { http: { status: 400 } });
          }
          if (cost > budget.maxCost) {
            throw new HubError(LIMIT_CODE, 'Query is too expensive: ask for fewer items or fewer nested lists.', { http: { status: 400 } });
          }
        },
      };
    },
  };
}
