// The row of a content item as the read paths load it.
import type { Db } from '../../../schema/db/prisma.ts';

/** An item's row without its folded search columns (matched in SQL, never read back). */
export type ItemRow = Omit<Db.ContentItem, 'titleFolded' | 'searchFolded'>;

/** Leave them out of a select: on long bodies they are the largest columns of the row. */
export const WITHOUT_FOLDED = { titleFolded: true, searchFolded: true } as const;
