// The cost directives (Federation 2.9 `@listSize`, GraphQL cost directive specification) for
// the kit's pagination convention, written once here instead of on each of the ~30 paginated
// fields: a field taking `first` and returning a page (a type with `nodes`) fetches at most
// `first` nodes, DEFAULT_PAGE_SIZE when it is omitted. The gateway's demand control
// (gateway/cost.ts) reads these from the composed supergraph.
import { Kind, parse, print, visit, type ConstDirectiveNode, type DocumentNode, type FieldDefinitionNode } from 'graphql';
import { DEFAULT_PAGE_SIZE } from './pagination.ts';

const PAGE_LIST_SIZE = parseConstDirective(
  `@listSize(assumedSize: ${DEFAULT_PAGE_SIZE}, slicingArguments: ["first"], sizedFields: ["nodes"], requireOneSlicingArgument: false)`,
);

function parseConstDirective(source: string): ConstDirectiveNode {
  const def = parse(`scalar S ${source}`).definitions[0];
  if (def?.kind !== Kind.SCALAR_TYPE_DEFINITION || !def.directives?.[0]) throw new Error(`not a directive: ${source}`);
  return def.directives[0];
}

const namedType = (field: FieldDefinitionNode): string => {
  let t = field.type;
  while (t.kind !== Kind.NAMED_TYPE) t = t.type;
  return t.name.value;
};

/** Adds `@listSize` to every paginated field of the printed SDL that declares none itself. */
export function withPageListSizes(sdl: string): string {
  const doc = parse(sdl);
  const pages = new Set(
    doc.definitions.flatMap((d) =>
      (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION) && d.fields?.some((f) => f.name.value === 'nodes')
        ? [d.name.value]
        : [],
    ),
  );
  const out: DocumentNode = visit(doc, {
    FieldDefinition(field) {
      const paginated = field.arguments?.some((a) => a.name.value === 'first') && pages.has(namedType(field));
      if (!paginated || field.directives?.some((d) => d.name.value === 'listSize')) return undefined;
      return { ...field, directives: [...(field.directives ?? []), PAGE_LIST_SIZE] };
    },
  });
  return print(out);
}
