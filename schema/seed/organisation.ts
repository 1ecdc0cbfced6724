// Demo agencies and officials. Agencies of Vĩnh Phúc end on 2025-06-30; the merged Phú Thọ
// agencies start on 2025-07-01. Electronic identifiers follow the QCVN 102 format but are demo
// values; officials are fictional people with demo contacts.
import type { PrismaClient } from '../db/prisma.ts';
import { foldVietnamese } from '../text/vietnamese.ts';
import { stableId } from './ids.ts';

interface AgencySeed {
  slug: string;
  code: string;
  nameVi: string;
  nameEn: string;
  shortName?: string;
  kind: string;
  parent?: string;
  unitCode?: string;
  validFrom?: string;
  validTo?: string;
  phone?: string;
  email?: string;
  address?: string;
  functionsVi?: string;
  functionsEn?: string;
}

const VP_END = '2025-06-30';
const PT_START = '2025-07-01';

export const AGENCIES: AgencySeed[] = [
  {
    slug: 'ubnd-tinh-vinh-phuc',
    code: '000.00.00.H61',
    nameVi: 'Ủy ban nhân dân tỉnh Vĩnh Phúc',
    nameEn: 'Vĩnh Phúc Provincial People’s Committee',
    shortName: 'UBND tỉnh',
    kind: 'Ủy ban nhân dân',
    unitCode: '26',
    validTo: VP_END,
    address: 'Số 38 đường Nguyễn Trãi, phường Đống Đa, thành phố Vĩnh Yên',
    functionsVi: 'Cơ quan hành chính nhà nước ở địa phương, tổ chức thi hành Hiến pháp, pháp luật và nghị quyết của Hội đồng nhân dân tỉnh.',
    functionsEn: 'The local state administrative body: implements the Constitution, the law and the resolutions of the provincial People’s Council.',
  },
  {
    slug: 'van-phong-ubnd-tinh-vinh-phuc',
    code: '000.01.00.H61',
    nameVi: 'Văn phòng Ủy ban nhân dân tỉnh Vĩnh Phúc',
    nameEn: 'Office of the Vĩnh Phúc Provincial People’s Committee',
    kind: 'Văn phòng',
    parent: 'ubnd-tinh-vinh-phuc',
    validTo: VP_END,
    phone: '0211 3862 xxx',
    email: 'vanphong@vinhphuc.demo.invalid',
  },
  {
    slug: 'so-tu-phap-vinh-phuc',
    code: '000.02.00.H61',
    nameVi: 'Sở Tư pháp tỉnh Vĩnh Phúc',
    nameEn: 'Vĩnh Phúc Department of Justice',
    kind: 'Sở',
    parent: 'ubnd-tinh-vinh-phuc',
    validTo: VP_END,
    email: 'sotuphap@vinhphuc.demo.invalid',
  },
  {
    slug: 'so-khoa-hoc-cong-nghe-vinh-phuc',
    code: '000.03.00.H61',
    nameVi: 'Sở Khoa học và Công nghệ tỉnh Vĩnh Phúc',
    nameEn: 'Vĩnh Phúc Department of Science and Technology',
    kind: 'Sở',
    parent: 'ubnd-tinh-vinh-phuc',
    validTo: VP_END,
  },
  {
    slug: 'so-ke-hoach-dau-tu-vinh-phuc',
    code: '000.04.00.H61',
    nameVi: 'Sở Kế hoạch và Đầu tư tỉnh Vĩnh Phúc',
    nameEn: 'Vĩnh Phúc Department of Planning and Investment',
    kind: 'Sở',
    parent: 'ubnd-tinh-vinh-phuc',
    validTo: '2025-02-28',
  },
  {
    slug: 'so-thong-tin-truyen-thong-vinh-phuc',
    code: '000.05.00.H61',
    nameVi: 'Sở Thông tin và Truyền thông tỉnh Vĩnh Phúc',
    nameEn: 'Vĩnh Phúc Department of Information and Communications',
    kind: 'Sở',
    parent: 'ubnd-tinh-vinh-phuc',
    validTo: '2025-02-28',
  },
  {
    slug: 'cuc-thong-ke-vinh-phuc',
    code: '000.06.00.H61',
    nameVi: 'Cục Thống kê tỉnh Vĩnh Phúc',
    nameEn: 'Vĩnh Phúc Statistics Office',
    kind: 'Cơ quan ngành dọc',
    parent: 'ubnd-tinh-vinh-phuc',
    validTo: VP_END,
  },
  {
    slug: 'so-tai-chinh-vinh-phuc',
    code: '000.07.00.H61',
    nameVi: 'Sở Tài chính tỉnh Vĩnh Phúc',
    nameEn: 'Vĩnh Phúc Department of Finance',
    kind: 'Sở',
    parent: 'ubnd-tinh-vinh-phuc',
    validTo: VP_END,
    functionsVi: 'Từ 01/3/2025 tiếp nhận chức năng của Sở Kế hoạch và Đầu tư.',
    functionsEn: 'Took over the functions of the Department of Planning and Investment on 1 March 2025.',
  },
  {
    slug: 'ubnd-tinh-phu-tho',
    code: '000.00.00.H43',
    nameVi: 'Ủy ban nhân dân tỉnh Phú Thọ',
    nameEn: 'Phú Thọ Provincial People’s Committee',
    shortName: 'UBND tỉnh',
    kind: 'Ủy ban nhân dân',
    unitCode: '25',
    validFrom: PT_START,
    functionsVi: 'Tỉnh Phú Thọ mới được thành lập từ việc hợp nhất tỉnh Vĩnh Phúc, tỉnh Phú Thọ và tỉnh Hòa Bình (Nghị quyết 202/2025/QH15).',
    functionsEn: 'The new Phú Thọ province, formed by merging Vĩnh Phúc, Phú Thọ and Hòa Bình (Resolution 202/2025/QH15).',
  },
  {
    slug: 'van-phong-ubnd-tinh-phu-tho',
    code: '000.01.00.H43',
    nameVi: 'Văn phòng Ủy ban nhân dân tỉnh Phú Thọ',
    nameEn: 'Office of the Phú Thọ Provincial People’s Committee',
    kind: 'Văn phòng',
    parent: 'ubnd-tinh-phu-tho',
    validFrom: PT_START,
    email: 'vanphong@phutho.demo.invalid',
  },
  {
    slug: 'so-tu-phap-phu-tho',
    code: '000.02.00.H43',
    nameVi: 'Sở Tư pháp tỉnh Phú Thọ',
    nameEn: 'Phú Thọ Department of Justice',
    kind: 'Sở',
    parent: 'ubnd-tinh-phu-tho',
    validFrom: PT_START,
  },
  {
    slug: 'so-khoa-hoc-cong-nghe-phu-tho',
    code: '000.03.00.H43',
    nameVi: 'Sở Khoa học và Công nghệ tỉnh Phú Thọ',
    nameEn: 'Phú Thọ Department of Science and Technology',
    kind: 'Sở',
    parent: 'ubnd-tinh-phu-tho',
    validFrom: PT_START,
  },
  {
    slug: 'so-tai-chinh-phu-tho',
    code: '000.07.00.H43',
    nameVi: 'Sở Tài chính tỉnh Phú Thọ',
    nameEn: 'Phú Thọ Department of Finance',
    kind: 'Sở',
    parent: 'ubnd-tinh-phu-tho',
    validFrom: PT_START,
  },
  {
    slug: 'thong-ke-tinh-phu-tho',
    code: '000.06.00.H43',
    nameVi: 'Thống kê tỉnh Phú Thọ',
    nameEn: 'Phú Thọ Statistics Office',
    kind: 'Cơ quan ngành dọc',
    parent: 'ubnd-tinh-phu-tho',
    validFrom: PT_START,
  },
  {
    slug: 'ubnd-phuong-vinh-yen',
    code: '000.00.21.H43',
    nameVi: 'Ủy ban nhân dân phường Vĩnh Yên',
    nameEn: 'Vĩnh Yên Ward People’s Committee',
    kind: 'Ủy ban nhân dân cấp xã',
    parent: 'ubnd-tinh-phu-tho',
    unitCode: '08707',
    validFrom: PT_START,
  },
];

interface OfficialSeed {
  key: string;
  agency: string;
  fullName: string;
  positionVi: string;
  positionEn: string;
  isLeader?: boolean;
  email?: string;
  phone?: string;
  biographyVi?: string;
  biographyEn?: string;
  dutiesVi?: string;
  dutiesEn?: string;
}

export const OFFICIALS: OfficialSeed[] = [
  {
    key: 'pt-chair',
    agency: 'ubnd-tinh-phu-tho',
    fullName: 'Nguyễn Văn Demo',
    positionVi: 'Chủ tịch',
    positionEn: 'Chairman',
    isLeader: true,
    email: 'chutich@phutho.demo.invalid',
    biographyVi: 'Sinh năm 1970. Thạc sĩ Quản lý công. (Nhân vật minh họa.)',
    biographyEn: 'Born 1970. Master of Public Administration. (Fictional person.)',
    dutiesVi: 'Lãnh đạo, quản lý toàn diện các lĩnh vực công tác của Ủy ban nhân dân tỉnh.',
    dutiesEn: 'Leads all areas of work of the Provincial People’s Committee.',
  },
  {
    key: 'pt-vice-1',
    agency: 'ubnd-tinh-phu-tho',
    fullName: 'Trần Thị Hòa',
    positionVi: 'Phó Chủ tịch',
    positionEn: 'Vice Chairwoman',
    isLeader: true,
    biographyVi: 'Sinh năm 1975. (Nhân vật minh họa.)',
    dutiesVi: 'Phụ trách lĩnh vực văn hóa – xã hội, khoa học và công nghệ, chuyển đổi số.',
    dutiesEn: 'In charge of culture and society, science and technology, digital transformation.',
  },
  {
    key: 'pt-office-head',
    agency: 'van-phong-ubnd-tinh-phu-tho',
    fullName: 'Lê Minh Thuỷ',
    positionVi: 'Chánh Văn phòng',
    positionEn: 'Chief of Office',
    isLeader: true,
    phone: '0210 3xxx xxx',
    email: 'chanhvanphong@phutho.demo.invalid',
  },
  {
    key: 'pt-office-it',
    agency: 'van-phong-ubnd-tinh-phu-tho',
    fullName: 'Phạm Đức Anh',
    positionVi: 'Chuyên viên phụ trách Cổng thông tin điện tử',
    positionEn: 'Officer in charge of the e-portal',
    phone: '0210 3xxx xxy',
    email: 'congthongtin@phutho.demo.invalid',
  },
  { key: 'pt-justice-director', agency: 'so-tu-phap-phu-tho', fullName: 'Đặng Quốc Khánh', positionVi: 'Giám đốc', positionEn: 'Director', isLeader: true },
  {
    key: 'vp-chair',
    agency: 'ubnd-tinh-vinh-phuc',
    fullName: 'Hoàng Văn Mẫu',
    positionVi: 'Chủ tịch (đến 30/6/2025)',
    positionEn: 'Chairman (until 30 June 2025)',
    isLeader: true,
    biographyVi: '(Nhân vật minh họa.)',
  },
];

const date = (s?: string) => (s ? new Date(`${s}T00:00:00Z`) : null);

export async function seedOrganisation(prisma: PrismaClient): Promise<{ agencies: number; officials: number }> {
  for (const a of AGENCIES) {
    const id = stableId(`agency:${a.slug}`);
    const data = {
      code: a.code,
      slug: a.slug,
      nameVi: a.nameVi,
      nameEn: a.nameEn,
      shortName: a.shortName ?? null,
      kind: a.kind,
      parentId: a.parent ? stableId(`agency:${a.parent}`) : null,
      unitCode: a.unitCode ?? null,
      address: a.address ?? null,
      phone: a.phone ?? null,
      email: a.email ?? null,
      functionsVi: a.functionsVi ?? null,
      functionsEn: a.functionsEn ?? null,
      sortOrder: AGENCIES.indexOf(a),
      validFrom: date(a.validFrom),
      validTo: date(a.validTo),
      nameFolded: foldVietnamese(a.nameVi),
    };
    await prisma.agency.upsert({ where: { id }, create: { id, ...data }, update: data });
  }
  for (const o of OFFICIALS) {
    const id = stableId(`official:${o.key}`);
    const agency = AGENCIES.find((a) => a.slug === o.agency)!;
    const data = {
      agencyId: stableId(`agency:${o.agency}`),
      fullName: o.fullName,
      positionVi: o.positionVi,
      positionEn: o.positionEn,
      isLeader: o.isLeader ?? false,
      email: o.email ?? null,
      phone: o.phone ?? null,
      biographyVi: o.biographyVi ?? null,
      biographyEn: o.biographyEn ?? null,
      dutiesVi: o.dutiesVi ?? null,
      dutiesEn: o.dutiesEn ?? null,
      sortOrder: OFFICIALS.indexOf(o),
      validFrom: date(agency.validFrom),
      validTo: date(agency.validTo),
      nameFolded: foldVietnamese(o.fullName),
    };
    await prisma.official.upsert({ where: { id }, create: { id, ...data }, update: data });
  }
  return { agencies: AGENCIES.length, officials: OFFICIALS.length };
}
