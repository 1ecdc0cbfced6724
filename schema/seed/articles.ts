// Sample articles written for this project (not copied from any site), in the real shapes.
import type { PrismaClient } from '../db/prisma.ts';
import { upsertItem } from './content-item.ts';
import { stableId } from './ids.ts';

export const CATEGORIES = [
  { slug: 'tin-tuc-su-kien', nameVi: 'Tin tức – Sự kiện', nameEn: 'News and events' },
  { slug: 'hoat-dong-lanh-dao', nameVi: 'Hoạt động của lãnh đạo', nameEn: 'Leaders’ activities', parent: 'tin-tuc-su-kien' },
  { slug: 'kinh-te-xa-hoi', nameVi: 'Kinh tế – Xã hội', nameEn: 'Economy and society', parent: 'tin-tuc-su-kien' },
  { slug: 'guong-dien-hinh', nameVi: 'Gương điển hình tiên tiến', nameEn: 'Exemplary people and movements', parent: 'tin-tuc-su-kien' },
  { slug: 'chuyen-doi-so', nameVi: 'Chuyển đổi số', nameEn: 'Digital transformation' },
];

interface ArticleSeed {
  slug: string;
  category: string;
  agency: string;
  titleVi: string;
  titleEn?: string;
  summaryVi: string;
  summaryEn?: string;
  bodyVi: string;
  bodyEn?: string;
  publishedAt?: string;
  state?: 'PUBLISHED' | 'DRAFT' | 'SUBMITTED';
  author?: string;
  source?: { name: string; url?: string; author?: string };
}

export const ARTICLES: ArticleSeed[] = [
  {
    slug: 'khai-truong-cong-dich-vu-cong-tinh-moi',
    category: 'chuyen-doi-so',
    agency: 'van-phong-ubnd-tinh-phu-tho',
    titleVi: 'Vận hành hệ thống thông tin giải quyết thủ tục hành chính dùng chung của tỉnh mới',
    titleEn: 'Shared administrative-procedure system of the new province goes live',
    summaryVi: 'Từ ngày 01/7/2025, người dân ở các xã, phường thuộc tỉnh Phú Thọ mới nộp hồ sơ trực tuyến trên một hệ thống thống nhất.',
    summaryEn: 'From 1 July 2025 residents of every commune and ward of the new Phú Thọ file applications online in one system.',
    bodyVi:
      'Sau khi sắp xếp đơn vị hành chính, các xã, phường mới tiếp nhận hồ sơ trên hệ thống dùng chung. Người dân tra cứu tiến độ xử lý hồ sơ bằng mã hồ sơ.\n\nBài viết minh họa cho dự án Cổng hub.',
    bodyEn:
      'After the reorganisation of administrative units, the new communes and wards receive applications in a shared system. Residents track progress with their dossier code.\n\nSample article for the Cổng hub project.',
    publishedAt: '2025-07-02T08:00:00+07:00',
    author: 'Ban Biên tập',
  },
  {
    slug: 'hoi-nghi-tong-ket-cong-tac-nam',
    category: 'hoat-dong-lanh-dao',
    agency: 'van-phong-ubnd-tinh-phu-tho',
    titleVi: 'Hội nghị tổng kết công tác năm và triển khai nhiệm vụ năm mới',
    summaryVi: 'Ủy ban nhân dân tỉnh đánh giá kết quả thực hiện kế hoạch năm, đề ra các nhiệm vụ trọng tâm.',
    bodyVi:
      'Hội nghị đã nghe báo cáo của các sở, ngành về kết quả thực hiện nhiệm vụ, thảo luận các giải pháp đẩy mạnh cải cách hành chính và chuyển đổi số.\n\nBài viết minh họa cho dự án Cổng hub.',
    publishedAt: '2026-01-05T09:30:00+07:00',
    author: 'Phóng viên Cổng TTĐT',
  },
  {
    slug: 'thu-hut-dau-tu-khu-cong-nghiep',
    category: 'kinh-te-xa-hoi',
    agency: 'so-tai-chinh-phu-tho',
    titleVi: 'Thu hút đầu tư vào các khu công nghiệp tăng so với cùng kỳ',
    titleEn: 'Investment into industrial parks up year on year',
    summaryVi: 'Các khu công nghiệp trên địa bàn tiếp tục thu hút dự án mới trong lĩnh vực điện tử và cơ khí chính xác.',
    summaryEn: 'Industrial parks keep attracting new projects in electronics and precision engineering.',
    bodyVi:
      'Nhiều doanh nghiệp đăng ký mở rộng sản xuất. Tỉnh tiếp tục hoàn thiện hạ tầng giao thông kết nối các khu công nghiệp.\n\nBài viết minh họa cho dự án Cổng hub.',
    bodyEn:
      'Many companies registered expansions. The province keeps improving the transport links between industrial parks.\n\nSample article for the Cổng hub project.',
    publishedAt: '2026-03-12T10:00:00+07:00',
    author: 'Sở Tài chính',
  },
  {
    slug: 'nguoi-tot-viec-tot-o-xa-tam-son',
    category: 'guong-dien-hinh',
    agency: 'ubnd-phuong-vinh-yen',
    titleVi: 'Người tốt, việc tốt: tổ tự quản đường làng xanh – sạch – đẹp',
    summaryVi: 'Một tổ tự quản ở khu dân cư duy trì vệ sinh môi trường suốt nhiều năm.',
    bodyVi: 'Tổ tự quản gồm các hộ gia đình tình nguyện thu gom rác, trồng hoa dọc đường làng mỗi tuần.\n\nBài viết minh họa cho dự án Cổng hub.',
    publishedAt: '2026-04-20T07:45:00+07:00',
    author: 'Văn phòng HĐND và UBND phường Vĩnh Yên',
  },
  {
    slug: 'huong-dan-tra-cuu-van-ban-phap-luat',
    category: 'chuyen-doi-so',
    agency: 'so-tu-phap-phu-tho',
    titleVi: 'Hướng dẫn tra cứu văn bản quy phạm pháp luật trên Cổng thông tin',
    summaryVi: 'Người dân có thể tìm văn bản theo số ký hiệu, gõ có dấu hoặc không dấu.',
    bodyVi:
      'Công cụ tìm kiếm nhận "QĐ" hay "QD", "hòa" hay "hoà" như nhau. Kết quả được sắp xếp theo mức độ phù hợp hoặc ngày ban hành.\n\nBài viết minh họa cho dự án Cổng hub.',
    publishedAt: '2026-05-15T14:00:00+07:00',
    source: { name: 'Sở Tư pháp tỉnh Phú Thọ', author: 'Phòng Phổ biến, giáo dục pháp luật' },
  },
  {
    slug: 'du-thao-ke-hoach-chuyen-doi-so',
    category: 'chuyen-doi-so',
    agency: 'so-khoa-hoc-cong-nghe-phu-tho',
    titleVi: 'Dự thảo kế hoạch chuyển đổi số giai đoạn tới (bản nháp nội bộ)',
    summaryVi: 'Bản nháp chưa được Ban Biên tập duyệt.',
    bodyVi: 'Nội dung đang biên tập.',
    state: 'DRAFT',
  },
];

export async function seedArticles(prisma: PrismaClient): Promise<number> {
  for (const c of CATEGORIES) {
    const id = stableId(`category:${c.slug}`);
    const data = {
      slug: c.slug,
      nameVi: c.nameVi,
      nameEn: c.nameEn,
      parentId: c.parent ? stableId(`category:${c.parent}`) : null,
      sortOrder: CATEGORIES.indexOf(c),
    };
    await prisma.articleCategory.upsert({ where: { id }, create: { id, ...data }, update: data });
  }
  for (const a of ARTICLES) {
    const id = stableId(`article:${a.slug}`);
    const published = (a.state ?? 'PUBLISHED') === 'PUBLISHED';
    await upsertItem(prisma, {
      id,
      kind: 'ARTICLE',
      category: 'NEWS',
      slug: a.slug,
      sectionId: stableId(`category:${a.category}`),
      agencyId: stableId(`agency:${a.agency}`),
      title: { vi: a.titleVi, en: a.titleEn },
      summary: { vi: a.summaryVi, en: a.summaryEn },
      body: { vi: a.bodyVi, en: a.bodyEn },
      state: a.state ?? 'PUBLISHED',
      publishedAt: published && a.publishedAt ? new Date(a.publishedAt) : null,
      authorName: a.author ?? null,
      source: a.source ?? null,
      subjects: [],
    });
  }
  return ARTICLES.length;
}
