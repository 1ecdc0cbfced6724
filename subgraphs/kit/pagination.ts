// Every list is a page: `first` (capped) and an opaque `after` cursor. Over the cap is a
// BAD_USER_INPUT error rather than a silent clamp, so a client learns its query is wrong (A11).
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { HubError } from '../../schema/errors.ts';

import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../schema/contract/paging.ts';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Items per page (1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor returned as pageInfo.endCursor.' })
  after?: string | null;
}

// A value type every subgraph resolves (portal, legal…): federation requires it to be
// @shareable in each, or composition refuses two subgraphs defining the same type.
@Directive('@shareable')
@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface PageWindow {
  take: number;
  skip: number;
}

export function pageWindow(args: PageArgs): PageWindow {
  const take = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(take) || take < 1 || take > MAX_PAGE_SIZE) {
    throw new HubError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE_SIZE}.`, { field: 'first', reason: 'PAGE_SIZE' });
  }
  return { take, skip: args.after ? decodeCursor(args.after) : 0 };
}

function decodeCursor(cursor: string): number {
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new HubError('BAD_USER_INPUT', 'after is not a valid cursor.', { field: 'after', reason: 'CURSOR' });
  return Number(m[1]);
}

const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');

export interface Page<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: PageInfo;
}

export function toPage<T>(nodes: T[], totalCount: number, window: PageWindow): Page<T> {
  const end = window.skip + nodes.length;
  const hasNextPage = end < totalCount;
  return { nodes, totalCount, pageInfo: { hasNextPage, endCursor: hasNextPage ? encodeCursor(end) : null } };
}

/** A `XxxPage` object type for a node type: `nodes`, `totalCount`, `pageInfo`. */
export function PageOf<T extends object>(node: ClassType<T>, name: string): ClassType<Page<T>> {
  @ObjectType(name)
  class PageType implements Page<T> {
    @Field(() => [node])
    nodes!: T[];

    @Field(() => Int)
    totalCount!: number;

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return PageType;
}

/** A page cut from a list already loaded in full (a short list loaded with its owner). */
export function slicePage<T>(all: T[], args: PageArgs): Page<T> {
  const window = pageWindow(args);
  return toPage(all.slice(window.skip, window.skip + window.take), all.length, window);
}
