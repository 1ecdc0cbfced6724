// Gazette wire → domain: RSS items → feed entries, an issue export → GazetteIssueRecord.
// Text is repaired/NFC (kit/text.ts); a document's kind comes from its number's suffix before
// the listed type (DOMAIN.md §2); provenance carries a hash of the mapped content.
import {
  contentHash,
  documentNumber,
  gazetteIssueSourceId,
  resolveDocumentType,
  type GazetteIssueDocument,
  type GazetteIssueRecord,
} from '../../schema/domain/legal.ts';
import { foldVietnamese } from '../../schema/text/vietnamese.ts';
import { UpstreamFailure } from '../kit/errors.ts';
import { cleanLine, cleanOptional, textFromHtml, vietnamDate, vietnamInstant } from '../kit/text.ts';
import type { GazetteFeedDocument, GazetteFeedIssue } from '../kit/types.ts';
import type { IssueEntry, IssueExport, RssItem } from './wire.ts';

export const SYSTEM = 'gazette';

/** A number/symbol inside a title: "Quyết định số 26/2017/QĐ-UBND ngày …" → "26/2017/QĐ-UBND". */
const NUMBER_IN_TEXT = /\d+[a-z]?\/(?:\d{4}\/)?[\p{Lu}\d]+(?:[-\u2010-\u2015][\p{Lu}\d]+)*/u;

export function mapFeedDocument(item: RssItem): GazetteFeedDocument {
  const title = cleanLine(item.title);
  return {
    title,
    link: item.link.trim(),
    number: NUMBER_IN_TEXT.exec(title)?.[0] ?? null,
    summary: item.description ? textFromHtml(item.description) : '',
    publishedAt: vietnamInstant(rfc822(item.pubDate)),
    guid: (item.guid ?? item.link).trim(),
  };
}

/**
 * An entry of the newest-issues feed, whose title is the issue number ("Số 45", "45",
 * "Số 45 + 46"). Null when the title holds no number: such an entry is not an issue.
 */
export function mapFeedIssue(item: RssItem): GazetteFeedIssue | null {
  const numbers = /(\d+)(?:\s*(?:\+|-|–|den|va)\s*(\d+))?/.exec(foldVietnamese(cleanLine(item.title)));
  if (!numbers) return null;
  const date = vietnamDate(rfc822(item.pubDate));
  const yearInText = /nam\s+(\d{4})/.exec(foldVietnamese(item.description ?? ''))?.[1];
  const year = Number(yearInText ?? date?.slice(0, 4));
  if (!Number.isInteger(year) || year < 1945) return null;
  const number = Number(numbers[1]);
  const numberTo = numbers[2] ? Number(numbers[2]) : null;
  return { number, numberTo: numberTo && numberTo > number ? numberTo : null, year, date, exportUrl: item.link.trim(), guid: (item.guid ?? item.link).trim() };
}

/** RFC 822 dates ("Tue, 05 Sep 2017 08:00:00 +0700") as Date; anything else as given. */
function rfc822(value: string | undefined): Date | string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

function mapEntry(entry: IssueEntry): GazetteIssueDocument {
  const number = cleanLine(entry.SoKyHieu);
  return {
    number: documentNumber(number),
    type: resolveDocumentType(cleanLine(entry.LoaiVanBan), number),
    issuer: cleanLine(entry.CoQuanBanHanh),
    issueDate: vietnamDate(entry.NgayBanHanh),
    summary: cleanLine(entry.TrichYeu),
    page: entry.Trang,
    pageTo: entry.DenTrang ?? null,
    sourceId: cleanOptional(entry.MaVanBan),
  };
}

/**
 * Cross-field rules the XSD cannot express. A violation means the export is not what it
 * claims to be: UPSTREAM_INVALID_RESPONSE, like any other invalid body.
 */
function checkIssueRules(issue: IssueExport['CongBao'], date: string): void {
  if (issue.DenSo !== undefined && issue.DenSo <= issue.So) throw new UpstreamFailure('invalid', 'DenSo must exceed So');
  if (Math.abs(Number(date.slice(0, 4)) - issue.Nam) > 1) throw new UpstreamFailure('invalid', 'Nam does not match NgayPhatHanh');
  for (const entry of issue.DanhSachVanBan.VanBan) {
    if (entry.DenTrang !== undefined && entry.DenTrang < entry.Trang) throw new UpstreamFailure('invalid', 'DenTrang before Trang');
  }
}

export function mapIssueExport(wire: IssueExport, context: { sourceUrl: string; fetchedAt: Date }): GazetteIssueRecord {
  const issue = wire.CongBao;
  const date = vietnamDate(issue.NgayPhatHanh);
  if (!date) throw new UpstreamFailure('invalid', 'NgayPhatHanh is not a date');
  checkIssueRules(issue, date);
  const content = {
    number: issue.So,
    numberTo: issue.DenSo ?? null,
    year: issue.Nam,
    date,
    publisher: cleanLine(issue.CoQuanPhatHanh),
    documents: issue.DanhSachVanBan.VanBan.map(mapEntry),
  };
  return {
    ...content,
    provenance: {
      system: SYSTEM,
      sourceId: gazetteIssueSourceId(content),
      sourceUrl: context.sourceUrl,
      fetchedAt: context.fetchedAt.toISOString(),
      contentHash: contentHash(content),
    },
  };
}
