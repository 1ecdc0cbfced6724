// GraphQL enums generated from the lists the domain modules own, so a value is added in one
// place (schema/…) and the graph follows.

/** `['A', 'B']` → `{ A: 'A', B: 'B' }`, the object type-graphql's registerEnumType takes. */
export const enumOf = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, k])) as { [P in K]: P };
