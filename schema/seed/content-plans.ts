// Demo content for and R-4.14 (invented projects and figures).
import type { PrismaClient } from '../db/prisma.ts';
import { agency, at, day, item, SAMPLE, seedItem, upsertDetail } from './content-item.ts';

const EXPLAINER_BASES = ['31/2024/QH15', '26/2017/QĐ-UBND'];
// Plans and projects rest on the planning and public-investment laws and on the province's
// regulation on its portal (which governs how they are published).
const PLAN_BASES = ['Luật Quy hoạch số 21/2017/QH14', 'Quyết định số 26/2017/QĐ-UBND'];
const PROJECT_BASES = ['Luật Đầu tư công số 58/2024/QH15', 'Quyết định số 26/2017/QĐ-UBND'];

async function explainers(p: PrismaClient) {
  const id = await seedItem(p, {
    legalBasis: EXPLAINER_BASES,
    kind: 'LAW_EXPLAINER',
    category: 'LAW_DISSEMINATION',
    slug: 'hoi-dap-luat-dat-dai-cap-giay-chung-nhan',
    agencyId: agency('so-tu-phap-phu-tho'),
    title: { vi: 'Hỏi – đáp: cấp Giấy chứng nhận quyền sử dụng đất lần đầu theo Luật Đất đai 2024' },
    summary: { vi: 'Những giấy tờ cần chuẩn bị và thời hạn giải quyết, trình bày dễ hiểu.' },
    body: { vi: `<h2>Ai được cấp?</h2><p>Hộ gia đình, cá nhân đang sử dụng đất ổn định, không có tranh chấp.</p>${SAMPLE}` },
    trigger: { kind: 'issued', date: '2026-03-02' },
    authorName: 'Phòng Phổ biến, giáo dục pháp luật',
    subjects: ['đất đai', 'giấy chứng nhận'],
    publishedAt: at('2026-03-05T02:00:00Z'),
  });
  const d = { sector: 'Đất đai', audience: 'Người dân, hộ gia đình', legalBasis: EXPLAINER_BASES };
  await upsertDetail(p.lawExplainer, id, d);
  return 1;
}

const PLANS = [
  {
    slug: 'danh-muc-du-an-keu-goi-dau-tu-2026',
    planKind: 'INVESTMENT_CALL',
    point: 'a',
    title: 'Danh mục dự án kêu gọi đầu tư năm 2026',
    titleEn: 'Projects calling for investment, 2026',
    units: ['25'],
    english: 'e',
  },
  {
    slug: 'quy-hoach-phan-khu-do-thi-vinh-yen',
    planKind: 'ZONING',
    point: 'b',
    subtype: 'URBAN',
    title: 'Quy hoạch phân khu đô thị phía Nam phường Vĩnh Yên',
    units: ['08707', '08716'],
  },
  { slug: 'ke-hoach-su-dung-dat-2026', planKind: 'LAND_USE', point: 'c', title: 'Kế hoạch sử dụng đất năm 2026 của tỉnh', units: ['25'] },
  {
    slug: 'quy-hoach-khai-thac-cat-soi-song-lo',
    planKind: 'NATURAL_RESOURCE',
    point: 'd',
    title: 'Phương án khai thác cát, sỏi lòng sông Lô giai đoạn 2026–2030',
    units: ['08848'],
  },
  {
    slug: 'diem-o-nhiem-moi-truong-can-xu-ly',
    planKind: 'ENVIRONMENT',
    point: 'e',
    subtype: 'POLLUTED_AREA',
    title: 'Danh sách khu vực ô nhiễm môi trường cần xử lý',
    units: ['08740', '08746'],
  },
] as const;

async function plans(p: PrismaClient) {
  for (const pl of PLANS) {
    const id = await seedItem(p, {
      legalBasis: PLAN_BASES,
      kind: 'PLAN',
      category: 'PLANS',
      categoryPoint: pl.point,
      slug: pl.slug,
      agencyId: agency('van-phong-ubnd-tinh-phu-tho'),
      title: { vi: pl.title, en: 'titleEn' in pl ? pl.titleEn : null },
      summary: { vi: `${pl.title}: nội dung chính, phạm vi và thời kỳ thực hiện.` },
      body: { vi: SAMPLE },
      trigger: { kind: 'approved', date: '2026-02-10' },
      authorName: 'Văn phòng UBND tỉnh',
      translationPoint: 'english' in pl ? pl.english : null,
      coverage: pl.units.join(', '),
      publishedAt: at('2026-02-20T02:00:00Z'),
    });
    const d = {
      planKind: pl.planKind,
      subtype: 'subtype' in pl ? pl.subtype : null,
      unitCodes: [...pl.units],
      unitsAsOf: day('2026-02-10'),
      approvalNumber: `${100 + PLANS.indexOf(pl)}/QĐ-UBND`,
      approvedOn: day('2026-02-10'),
      periodFrom: 2026,
      periodTo: 2030,
      visionYear: 2050,
      areaHectares: pl.planKind === 'ZONING' ? '356.75' : null,
      legalBasis: PLAN_BASES,
    };
    await upsertDetail(p.planItem, id, d);
  }
  return PLANS.length;
}

async function projects(p: PrismaClient) {
  const rows = [
    {
      slug: 'duong-vanh-dai-phia-tay',
      title: 'Đường vành đai phía Tây kết nối các khu công nghiệp',
      budget: '1234567890123.45',
      funding: 'STATE_BUDGET',
      status: 'UNDER_WAY',
      field: 'Giao thông',
    },
    {
      slug: 'nha-may-xu-ly-nuoc-thai-phuc-yen',
      title: 'Nhà máy xử lý nước thải tập trung Phúc Yên',
      budget: '485000000000.00',
      funding: 'ODA',
      donor: 'Nhà tài trợ song phương (minh họa)',
      status: 'PREPARING',
      field: 'Môi trường',
    },
    {
      slug: 'trung-tam-du-lieu-tinh',
      title: 'Trung tâm dữ liệu của tỉnh',
      budget: '96500000000.00',
      funding: 'STATE_BUDGET',
      status: 'COMPLETED',
      field: 'Công nghệ thông tin',
    },
  ] as const;
  for (const r of rows) {
    const id = await seedItem(p, {
      legalBasis: PROJECT_BASES,
      kind: 'INVESTMENT_PROJECT',
      category: 'INVESTMENT_PROJECTS',
      slug: r.slug,
      agencyId: agency('so-tai-chinh-phu-tho'),
      title: { vi: r.title },
      summary: { vi: `Dự án ${r.field.toLowerCase()} thuộc danh mục đầu tư công của tỉnh.` },
      body: { vi: SAMPLE },
      trigger: { kind: 'approved', date: '2026-01-12' },
      authorName: 'Sở Tài chính',
      translationPoint: 'e',
      publishedAt: at('2026-01-20T02:00:00Z'),
    });
    const d = {
      objectivesVi: 'Hoàn thiện hạ tầng, thúc đẩy phát triển kinh tế – xã hội.',
      field: r.field,
      projectType: 'Dự án nhóm A (minh họa)',
      startYear: 2025,
      endYear: 2028,
      budgetVnd: r.budget,
      fundingType: r.funding,
      donor: 'donor' in r ? r.donor : null,
      status: r.status,
      callingForCapital: r.status === 'PREPARING',
      unitCodes: ['25'],
      legalBasis: PROJECT_BASES,
    };
    await upsertDetail(p.investmentProject, id, d);
  }
  const tid = await seedItem(p, {
    kind: 'TENDER',
    category: 'INVESTMENT_PROJECTS',
    slug: 'goi-thau-xl01-duong-vanh-dai',
    agencyId: agency('so-tai-chinh-phu-tho'),
    title: { vi: 'Thông báo mời thầu gói thầu XL-01: xây lắp đoạn tuyến Km0 – Km5' },
    summary: { vi: 'Đấu thầu rộng rãi qua mạng, một giai đoạn một túi hồ sơ.' },
    trigger: { kind: 'approved', date: '2026-03-01' },
    authorName: 'Ban Quản lý dự án (minh họa)',
    publishedAt: at('2026-03-03T02:00:00Z'),
  });
  const t = {
    noticeKind: 'INVITATION_TO_BID' as const,
    projectItemId: item('INVESTMENT_PROJECT', 'duong-vanh-dai-phia-tay'),
    packageName: 'XL-01: Xây lắp đoạn tuyến Km0 – Km5',
    procuringEntity: 'Ban Quản lý dự án đầu tư xây dựng (minh họa)',
    method: 'Đấu thầu rộng rãi qua mạng',
    estimatedValueVnd: '215000000000.00',
    closingAt: at('2026-04-02T02:00:00Z'),
  };
  await upsertDetail(p.tender, tid, t);
  return rows.length + 1;
}

async function science(p: PrismaClient) {
  const id = await seedItem(p, {
    kind: 'SCIENCE_TASK',
    category: 'SCIENCE_TASKS',
    slug: 'ung-dung-ai-phan-loai-ho-so',
    agencyId: agency('so-khoa-hoc-cong-nghe-phu-tho'),
    title: { vi: 'Nghiên cứu ứng dụng trí tuệ nhân tạo phân loại hồ sơ thủ tục hành chính' },
    summary: { vi: 'Nhiệm vụ cấp tỉnh, đã nghiệm thu; kết quả áp dụng tại bộ phận một cửa.' },
    body: { vi: SAMPLE },
    trigger: { kind: 'accepted', date: '2026-04-15' },
    authorName: 'Sở Khoa học và Công nghệ',
    publishedAt: at('2026-04-24T02:00:00Z'),
  });
  const d = {
    code: 'ĐTKHCN.07/2024',
    managementLevel: 'PROVINCIAL' as const,
    field: 'Công nghệ thông tin',
    leadUnit: 'Trường Đại học (minh họa)',
    principalInvestigator: 'TS. Lê Minh Thuỷ',
    startOn: day('2024-03-01'),
    endOn: day('2026-02-28'),
    acceptedOn: day('2026-04-15'),
    resultSummaryVi: 'Mô hình phân loại đúng 92% hồ sơ thử nghiệm; rút ngắn thời gian tiếp nhận.',
  };
  await upsertDetail(p.scienceTask, id, d);
  return 1;
}

async function statistics(p: PrismaClient) {
  const id = await seedItem(p, {
    kind: 'STATISTICS_DATASET',
    category: 'STATISTICS',
    slug: 'tang-truong-grdp-6-thang-2026',
    agencyId: agency('thong-ke-tinh-phu-tho'),
    title: { vi: 'Tốc độ tăng trưởng GRDP 6 tháng đầu năm 2026', en: 'GRDP growth, first half of 2026' },
    summary: { vi: 'Số liệu ước tính theo khu vực kinh tế (số liệu minh họa).', en: 'Estimates by economic sector (illustrative figures).' },
    body: { vi: SAMPLE, en: '<p>Sample content for the Cổng hub project.</p>' },
    trigger: { kind: 'announced', date: '2026-07-06' },
    authorName: 'Thống kê tỉnh',
    publishedAt: at('2026-07-08T02:00:00Z'),
  });
  const d = {
    surveyPeriod: '6 tháng đầu năm 2026',
    surveyFrom: day('2026-01-01'),
    surveyTo: day('2026-06-30'),
    methodologyVi: 'Ước tính theo phương pháp sản xuất, giá so sánh năm 2010.',
    methodologyEn: 'Production approach, constant 2010 prices.',
    analysisVi: 'Khu vực công nghiệp – xây dựng tiếp tục là động lực tăng trưởng.',
  };
  await upsertDetail(p.statisticsDataset, id, d);
  await p.statisticValue.deleteMany({ where: { datasetId: id } });
  const values: [string, string, string][] = [
    ['Tổng sản phẩm trên địa bàn (GRDP)', 'Gross regional domestic product', '7.85'],
    ['Nông, lâm nghiệp và thủy sản', 'Agriculture, forestry and fishery', '3.12'],
    ['Công nghiệp và xây dựng', 'Industry and construction', '9.40'],
    ['Dịch vụ', 'Services', '6.75'],
  ];
  await p.statisticValue.createMany({
    data: values.map(([vi, en, value], i) => ({
      datasetId: id,
      indicatorVi: vi,
      indicatorEn: en,
      area: 'Toàn tỉnh',
      unitCode: '25',
      period: '6T/2026',
      value,
      unit: '%',
      sortOrder: i,
    })),
  });
  return 1;
}

export async function seedPlansAndProjects(p: PrismaClient): Promise<number> {
  return (await explainers(p)) + (await plans(p)) + (await projects(p)) + (await science(p)) + (await statistics(p));
}
