// What a query asks below a field, read from its selection (fragments included): lets a list
// fetch the relations its nodes will need in the same statement (issue 13, lighter subgraphs).
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Whether the selection of the field being resolved reaches `path` (e.g. ['nodes', 'children']). */
export function selects(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[]): boolean {
  const walk = (set: SelectionSetNode | undefined, i: number, seen: Set<string>): boolean =>
    !!set &&
    set.selections.some((sel) => {
      if (sel.kind === Kind.FIELD) return sel.name.value === path[i] && (i === path.length - 1 || walk(sel.selectionSet, i + 1, seen));
      if (sel.kind === Kind.INLINE_FRAGMENT) return walk(sel.selectionSet, i, seen);
      if (seen.has(sel.name.value)) return false;
      seen.add(sel.name.value);
      return walk(info.fragments[sel.name.value]?.selectionSet, i, seen);
    });
  return info.fieldNodes.some((node) => walk(node.selectionSet, 0, new Set()));
}
