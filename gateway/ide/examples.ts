// The example operations the GraphQL IDE opens with, one tab each: what a newcomer runs first.
// test/e2e/explorer-examples.test.ts runs every one against the seeded hub.
export const EXAMPLES: Record<string, string> = {
  'Tin mới / Latest news': `query LatestNews {\n  articles(first: 5) {\n    totalCount\n    nodes { slug title { vi en } publishedAt category { name { vi } } agency { name { vi } } }\n  }\n}`,
  'Cơ quan / Agencies': `query Agencies {\n  agencies(first: 10, filter: { rootsOnly: true }) {\n    nodes { code name { vi en } phone email children { name { vi } } }\n  }\n}`,
  'Lãnh đạo / Leaders': `query Leaders {\n  officials(first: 10, filter: { leadersOnly: true }) {\n    nodes { fullName position { vi en } email phone agency { name { vi } } }\n  }\n}`,
  'Đơn vị hành chính 2025 / Units after the merger': `query Units {\n  administrativeUnit(code: "08707", asOf: "2025-06-01") {\n    name validTo successor { name validFrom }\n  }\n}`,
  'Tìm không dấu / Search without diacritics': `query Search {\n  agencies(filter: { search: "so tai chinh" }) { nodes { name { vi } } }\n}`,
  'Văn bản QPPL + Công báo / Legal documents and gazette': `query Legal {\n  searchLegalDocuments(query: "quyet dinh 26/2017/QD-UBND", first: 3) {\n    totalCount\n    nodes {\n      number { raw } title issueDate status { code label { vi en } }\n      validityOn(date: "2020-01-01") { status { code } }\n      gazetteIssues { nodes { page issue { label year date } } }\n      relations(first: 5) { nodes { type label { vi } number document { title } } }\n    }\n  }\n}`,
  'Dự án đầu tư / Investment projects': `query Projects {\n  investmentProjects(first: 5) { nodes { title { vi en } budgetVnd fundingType status printUrl pdfUrl } }\n}`,
  'Thống kê / Statistics': `query Stats {\n  statisticsDatasets(first: 3) { nodes { title { vi } surveyPeriod csvUrl values { indicator { vi } value unit } } }\n}`,
  'Ngày làm việc / Working days': `query Calendar {\n  legal: contentDeadline(category: LEGAL_DOCUMENTS, trigger: ISSUED, date: "2025-01-24") { due }\n  day: calendarDay(date: "2025-04-26") { working reason }\n  calendarCoverage { years warnings { code message } }\n}`,
};
