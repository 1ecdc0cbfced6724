// Pages of the legal subgraph. The arguments, cursors and limits are the kit's (pagination.ts);
// the page-info type has its own name because a value type resolved by two subgraphs must be
// @shareable in both, and the kit's PageInfo is not (yet): `LegalPageInfo` composes today.
import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { pageWindow, toPage, type Page, type PageArgs } from '../kit/pagination.ts';

@ObjectType({ description: 'Where a page of a legal-subgraph list ends.' })
export class LegalPageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;
}

export function LegalPageOf<T extends object>(node: ClassType<T>, name: string): ClassType<Page<T>> {
  @ObjectType(name)
  class PageType implements Page<T> {
    @Field(() => [node])
    nodes!: T[];

    @Field(() => Int)
    totalCount!: number;

    @Field(() => LegalPageInfo)
    pageInfo!: LegalPageInfo;
  }
  return PageType;
}

/** A page cut from a list already loaded in full (a document's relations, history, files). */
export function slicePage<T>(all: T[], args: PageArgs): Page<T> {
  const window = pageWindow(args);
  return toPage(all.slice(window.skip, window.skip + window.take), all.length, window);
}
