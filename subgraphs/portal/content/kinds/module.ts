// How a content kind plugs into the generic item: what it is (its kinds and their R-4
// category, URL segment, GraphQL type name …), its detail table (load, clean, write), the
// GraphQL fields it adds, its input block, and what it tells the item (R-4 point, R-4.15
// point, search text). A module imports no resolver and nothing of nodes.ts: the registry
// (../registry.ts) lists the modules and everything else derives from it.
import type { PrismaClient } from '../../../../schema/db/prisma.ts';
import type { ContentCategory } from '../../../../schema/deadlines/rules.ts';
import type { Prisma } from '../../../../schema/generated/prisma/client.ts';

export type Tx = Prisma.TransactionClient;

export interface KindMeta {
  category: ContentCategory;
  /** URL segment of print/save routes: /print/<segment>/<slug>. */
  segment: string;
  /** GraphQL type name (the resolver file's object type of that name implements ContentItem). */
  typeName: string;
  /** DCMI type vocabulary. */
  dcType: 'Text' | 'Event' | 'Dataset';
  /** point (a–e) that makes the English version mandatory for every item of the kind. */
  englishPoint?: 'a' | 'b' | 'c' | 'd' | 'e';
  label: { vi: string; en: string };
}

export interface DetailModule<K extends string, Row extends { itemId: string }, Clean> {
  /** The kinds this module serves (the enum `ContentKind` is the union of every module's). */
  kinds: Readonly<Record<K, KindMeta>>;
  /** The field of ContentItemInput carrying this kind's detail. */
  inputField: string;
  /** That field's GraphQL input type and description; null when the kind has no detail block. */
  input: { type: () => abstract new () => unknown; description?: string } | null;
  load(prisma: PrismaClient, ids: string[]): Promise<Row[]>;
  /** The kind's own GraphQL fields, flattened onto the item. */
  fields(row: Row | null): Record<string, unknown>;
  clean(input: never, kind: K): Clean;
  /** Insert or replace the detail row (and its children) of an item. */
  write(tx: Tx, itemId: string, clean: Clean): Promise<void>;
  /** Point (điểm) of the R-4 clause, e.g. a–e. */
  categoryPoint?(clean: Clean): string | null;
  /** point making the English version mandatory. */
  englishPoint?(clean: Clean): string | null;
  /** Extra words for the folded search column. */
  searchText?(clean: Clean): string;
  /** Legal bases as cited (their number keys are stored on the item for LegalDocument.relatedContent). */
  legalBases?(clean: Clean): readonly string[];
}

/** Type-erased module, as the registry holds them (keeps the kind names). */
export type KindModule<K extends string = string> = DetailModule<K, { itemId: string }, unknown>;
export type AnyDetailModule = KindModule;

export const defineModule = <K extends string, Row extends { itemId: string }, Clean>(m: DetailModule<K, Row, Clean>): KindModule<K> =>
  m as unknown as KindModule<K>;
