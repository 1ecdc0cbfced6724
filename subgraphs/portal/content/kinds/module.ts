// How a content kind plugs into the generic item: its detail table (load, write), the
// GraphQL fields it adds, and what it tells the item (R-4 point, R-4.15 point, search text).
import type { PrismaClient } from '../../../../schema/db/prisma.ts';
import type { Prisma } from '../../../../schema/generated/prisma/client.ts';
import type { ContentKind } from '../kinds.ts';

export type Tx = Prisma.TransactionClient;

export interface DetailModule<Row extends { itemId: string } = { itemId: string }, Clean = unknown> {
  kinds: readonly ContentKind[];
  /** The field of ContentItemInput carrying this kind's detail. */
  inputField: string;
  load(prisma: PrismaClient, ids: string[]): Promise<Row[]>;
  /** The kind's own GraphQL fields, flattened onto the item. */
  fields(row: Row | null): Record<string, unknown>;
  clean(input: never, kind: ContentKind): Clean;
  /** Insert or replace the detail row (and its children) of an item. */
  write(tx: Tx, itemId: string, clean: Clean): Promise<void>;
  /** Point (điểm) of the R-4 clause, e.g. a–e. */
  categoryPoint?(clean: Clean): string | null;
  /** point making the English version mandatory. */
  englishPoint?(clean: Clean): string | null;
  /** Extra words for the folded search column. */
  searchText?(clean: Clean): string;
}

/** Type-erased module, as the registry holds them. */
export type AnyDetailModule = DetailModule<{ itemId: string }, unknown>;

export const defineModule = <Row extends { itemId: string }, Clean>(m: DetailModule<Row, Clean>): AnyDetailModule => m as unknown as AnyDetailModule;
