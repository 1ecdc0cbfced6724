// Typed gazette payloads after `parseXmlSafely`: the RSS 2.0 feeds and the issue export
// (gazette-issue.xsd). Every value is a string (the parser keeps numbers as text); zod checks
// the shape and turns numbers into numbers. The array paths below are the ONLY places where a
// repeated element is expected; everything else is a single element.
import { z } from 'zod';

export const RSS_ARRAY_PATHS = ['rss.channel.item', 'rss.channel.item.category'] as const;
export const ISSUE_ARRAY_PATHS = ['CongBao.DanhSachVanBan.VanBan'] as const;

const text = z.string();
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
/** An element that may carry attributes: <guid isPermaLink="false">…</guid>. */
const textWithAttributes = z.union([text, z.object({ '#text': text }).transform((v) => v['#text'])]);
const integer = z.string().regex(/^\d+$/).transform(Number);

export const rssItem = z.object({
  title: textWithAttributes,
  link: text,
  description: optionalText,
  pubDate: optionalText,
  guid: textWithAttributes.optional(),
  category: z.array(textWithAttributes).optional(),
});
export type RssItem = z.infer<typeof rssItem>;

export const rssDocument = z.object({
  rss: z.object({
    '@_version': z.literal('2.0'),
    channel: z.object({
      title: text,
      link: text,
      description: optionalText,
      item: z.array(rssItem).default([]),
    }),
  }),
});

export const issueEntry = z.object({
  SoKyHieu: text,
  LoaiVanBan: text,
  CoQuanBanHanh: text,
  NgayBanHanh: text,
  TrichYeu: text,
  Trang: integer,
  DenTrang: integer.optional(),
  MaVanBan: optionalText,
});
export type IssueEntry = z.infer<typeof issueEntry>;

export const issueExport = z.object({
  CongBao: z.object({
    CoQuanPhatHanh: text,
    So: integer,
    DenSo: integer.optional(),
    Nam: integer,
    NgayPhatHanh: text,
    DanhSachVanBan: z.preprocess((v) => (v === '' ? {} : v), z.object({ VanBan: z.array(issueEntry).default([]) })),
  }),
});
export type IssueExport = z.infer<typeof issueExport>;
