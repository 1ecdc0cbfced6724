// The cost directives of the composed supergraph (GraphQL cost directive specification, as
// Federation 2.9 composes them: `@cost(weight)` and `@listSize(assumedSize, slicingArguments,
// sizedFields, requireOneSlicingArgument)`). The gateway's API schema drops them, so they are
// read from the supergraph SDL each time it (re)loads.
import { Kind, parse, valueFromASTUntyped, type ConstDirectiveNode, type DocumentNode } from 'graphql';

export interface ListSize {
  assumedSize?: number;
  slicingArguments: string[];
  sizedFields: string[];
  requireOneSlicingArgument: boolean;
}

export interface CostDirectives {
  /** `@cost` weights: "Type.field", "Type.field(arg)", or "Type" for object, scalar and enum types. */
  weights: Map<string, number>;
  /** `@listSize` by "Type.field". */
  listSizes: Map<string, ListSize>;
}

export const NO_COST_DIRECTIVES: CostDirectives = { weights: new Map(), listSizes: new Map() };

/** Both the imported name (`@listSize`) and the namespaced one (`@cost__listSize`). */
const isNamed = (directive: ConstDirectiveNode, name: string) =>
  directive.name.value === name || directive.name.value === `cost__${name}` || directive.name.value === `federation__${name}`;

function args(directive: ConstDirectiveNode): Record<string, unknown> {
  return Object.fromEntries((directive.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

function weightOf(directives: readonly ConstDirectiveNode[] | undefined): number | undefined {
  const d = directives?.find((x) => isNamed(x, 'cost'));
  const w = d ? args(d).weight : undefined;
  return typeof w === 'number' && Number.isFinite(w) ? w : undefined;
}

function listSizeOf(directives: readonly ConstDirectiveNode[] | undefined): ListSize | undefined {
  const d = directives?.find((x) => isNamed(x, 'listSize'));
  if (!d) return undefined;
  const a = args(d);
  return {
    assumedSize: typeof a.assumedSize === 'number' ? a.assumedSize : undefined,
    slicingArguments: strings(a.slicingArguments),
    sizedFields: strings(a.sizedFields),
    requireOneSlicingArgument: a.requireOneSlicingArgument !== false,
  };
}

export function costDirectivesOf(supergraphSdl: string | DocumentNode): CostDirectives {
  const doc = typeof supergraphSdl === 'string' ? parse(supergraphSdl) : supergraphSdl;
  const out: CostDirectives = { weights: new Map(), listSizes: new Map() };
  for (const def of doc.definitions) {
    if (
      def.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      def.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      def.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      def.kind !== Kind.SCALAR_TYPE_DEFINITION &&
      def.kind !== Kind.ENUM_TYPE_DEFINITION
    ) {
      continue;
    }
    const type = def.name.value;
    const typeWeight = weightOf(def.directives);
    if (typeWeight !== undefined) out.weights.set(type, typeWeight);
    if (!('fields' in def)) continue;
    for (const field of def.fields ?? []) {
      const key = `${type}.${field.name.value}`;
      const weight = weightOf(field.directives);
      if (weight !== undefined) out.weights.set(key, weight);
      const size = listSizeOf(field.directives);
      if (size) out.listSizes.set(key, size);
      for (const arg of field.arguments ?? []) {
        const argWeight = weightOf(arg.directives);
        if (argWeight !== undefined) out.weights.set(`${key}(${arg.name.value})`, argWeight);
      }
    }
  }
  return out;
}
