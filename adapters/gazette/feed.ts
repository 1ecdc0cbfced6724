// RSS 2.0 feeds of a gazette (DOMAIN.md §2): one of the newest documents, one of the newest
// issues whose item title is the issue number. Parsed with the kit's safe XML parser (size
// cap, no DOCTYPE/entities, validated before parsing, arrays by path), then shape-checked.
import { UpstreamFailure } from '../kit/errors.ts';
import type { GazetteFeedDocument, GazetteFeedIssue } from '../kit/types.ts';
import { parseXmlSafely } from '../kit/xml.ts';
import { mapFeedDocument, mapFeedIssue } from './map.ts';
import { RSS_ARRAY_PATHS, rssDocument, type RssItem } from './wire.ts';

export interface FeedLimits {
  maxBytes: number;
  /** Items read from one feed; the rest are ignored (feeds list the newest first). */
  maxItems?: number;
}

function feedItems(xml: string, limits: FeedLimits): RssItem[] {
  const tree = parseXmlSafely(xml, { maxBytes: limits.maxBytes, arrayPaths: RSS_ARRAY_PATHS });
  const parsed = rssDocument.safeParse(tree);
  if (!parsed.success) throw new UpstreamFailure('invalid', 'not an RSS 2.0 feed', { cause: parsed.error });
  return parsed.data.rss.channel.item.slice(0, limits.maxItems ?? 200);
}

export function parseDocumentsFeed(xml: string, limits: FeedLimits): GazetteFeedDocument[] {
  return feedItems(xml, limits).map(mapFeedDocument);
}

export function parseIssuesFeed(xml: string, limits: FeedLimits): GazetteFeedIssue[] {
  return feedItems(xml, limits)
    .map(mapFeedIssue)
    .filter((issue): issue is GazetteFeedIssue => issue !== null);
}
