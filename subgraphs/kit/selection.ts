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

/**
 * The names of the fields the selection asks at `path` (e.g. ['nodes']: every field asked of
 * each node, through fragments), or null when it does not reach `path`.
 */
export function fieldsAt(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[]): Set<string> | null {
  let reached = false;
  const names = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, i: number, seen: Set<string>): void => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) {
        if (i === path.length) names.add(sel.name.value);
        else if (sel.name.value === path[i]) {
          if (i === path.length - 1) reached = true;
          walk(sel.selectionSet, i + 1, seen);
        }
      } else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet, i, seen);
      else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        walk(info.fragments[sel.name.value]?.selectionSet, i, seen);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet, 0, new Set());
  return reached ? names : null;
}
