// Demo content of every kind (R-4.1–4.5, 4.10, 4.11, 4.14), written for this project in the
// real shapes — not copied from any site. Names of places are real; projects, figures, people
// and decisions are invented. Idempotent: stable ids, detail rows upserted, children replaced.
import type { PrismaClient } from '../db/prisma.ts';
import { normaliseDocumentNumber } from '../text/vietnamese.ts';
import { agency, at, day, SAMPLE, seedItem, upsertDetail } from './content-item.ts';
import { seedPlansAndProjects } from './content-plans.ts';
import { stableId } from './ids.ts';

const OFFICE = 'van-phong-ubnd-tinh-phu-tho';

async function introduction(p: PrismaClient): Promise<number> {
  const pages = [
    {
      slug: 'tam-dao-thien-nhien',
      topic: 'NATURE',
      title: { vi: 'Vườn quốc gia Tam Đảo – lá phổi xanh của vùng trung du', en: 'Tam Đảo National Park, the green lung of the midlands' },
      summary: { vi: 'Dãy núi Tam Đảo với rừng nhiệt đới, khí hậu mát mẻ quanh năm.', en: 'The Tam Đảo range: tropical forest and a cool climate all year.' },
      body: {
        vi: `<p>Rừng Tam Đảo có hàng nghìn loài thực vật và động vật, nhiều loài đặc hữu.</p>${SAMPLE}`,
        en: '<p>Thousands of plant and animal species live in the Tam Đảo forest, many found nowhere else.</p>',
      },
      unitCodes: ['08707'],
    },
    {
      slug: 'lich-su-vung-dat-vinh-yen',
      topic: 'HISTORY',
      title: { vi: 'Lịch sử vùng đất Vĩnh Yên qua các thời kỳ' },
      summary: { vi: 'Từ các làng cổ ven đầm Vạc đến trung tâm hành chính của tỉnh.' },
      body: { vi: `<p>Đầm Vạc gắn với đời sống của cư dân Vĩnh Yên từ nhiều thế kỷ.</p>${SAMPLE}` },
      unitCodes: ['08707', '08713', '08722', '08731'],
      unitsAsOf: '2025-06-30',
    },
    {
      slug: 'thap-binh-son',
      topic: 'HERITAGE',
      title: { vi: 'Tháp Bình Sơn – di tích kiến trúc nghệ thuật', en: 'Bình Sơn Tower, an architectural heritage site' },
      summary: { vi: 'Ngọn tháp gạch nung cổ bên dòng sông Lô.', en: 'An ancient fired-brick tower by the Lô river.' },
      body: { vi: `<p>Tháp được trang trí hoa văn tinh xảo trên từng viên gạch.</p>${SAMPLE}`, en: '<p>Every brick of the tower carries fine decoration.</p>' },
      recognition: 'Di tích quốc gia đặc biệt (minh họa)',
      latitude: '21.3920',
      longitude: '105.4620',
    },
    {
      slug: 'he-thong-chinh-tri-tinh',
      topic: 'POLITICAL_SYSTEM',
      title: { vi: 'Hệ thống chính trị của tỉnh' },
      summary: { vi: 'Tỉnh ủy, Hội đồng nhân dân, Ủy ban nhân dân và Ủy ban Mặt trận Tổ quốc tỉnh.' },
      body: { vi: `<p>Từ ngày 01/7/2025 chính quyền địa phương tổ chức theo hai cấp: tỉnh và xã, phường.</p>${SAMPLE}` },
      unitCodes: ['25'],
    },
  ];
  for (const pg of pages) {
    const id = await seedItem(p, {
      kind: 'INTRODUCTION',
      category: 'INTRODUCTION',
      slug: pg.slug,
      agencyId: agency(OFFICE),
      title: pg.title,
      summary: pg.summary,
      body: pg.body,
      authorName: 'Ban Biên tập',
      translationPoint: pg.topic === 'POLITICAL_SYSTEM' ? 'b' : 'a',
      publishedAt: at('2025-09-01T02:00:00Z'),
    });
    const detail = {
      topic: pg.topic as 'NATURE',
      unitCodes: pg.unitCodes ?? [],
      unitsAsOf: pg.unitsAsOf ? day(pg.unitsAsOf) : null,
      recognition: pg.recognition ?? null,
      latitude: pg.latitude ?? null,
      longitude: pg.longitude ?? null,
    };
    await upsertDetail(p.introductionPage, id, detail);
  }
  return pages.length;
}

// The province's own regulation on the portal and the law and decree it rests on: the legal
// subgraph resolves each citation (LegalBasis.document).
const DIRECTIVE_BASES = ['Luật Tổ chức chính quyền địa phương số 77/2015/QH13', 'Nghị định số 43/2011/NĐ-CP', 'Quyết định số 26/2017/QĐ-UBND'];

async function direction(p: PrismaClient): Promise<number> {
  const d1 = await seedItem(p, {
    legalBasis: DIRECTIVE_BASES,
    kind: 'DIRECTIVE',
    category: 'DIRECTION',
    slug: 'chi-thi-phong-chong-thien-tai-2026',
    agencyId: agency(OFFICE),
    title: { vi: 'Chỉ thị về tăng cường công tác phòng, chống thiên tai mùa mưa bão năm 2026' },
    summary: { vi: 'Yêu cầu các sở, ngành và UBND các xã, phường chủ động phương án ứng phó.' },
    body: { vi: `<p>Kiểm tra hệ thống đê điều, hồ đập trước ngày 31/5/2026.</p>${SAMPLE}` },
    trigger: { kind: 'issued', date: '2026-04-20' },
    authorName: 'Văn phòng UBND tỉnh',
    publishedAt: at('2026-04-21T01:00:00Z'),
  });
  const dir = {
    directionKind: 'DIRECTIVE' as const,
    documentNumber: '05/CT-UBND',
    documentNumberKey: normaliseDocumentNumber('05/CT-UBND'),
    issuedOn: day('2026-04-20'),
    signerName: 'Nguyễn Văn Demo',
    signerTitle: 'Chủ tịch',
    legalBasis: DIRECTIVE_BASES,
  };
  await upsertDetail(p.directionItem, d1, dir);

  const pr = await seedItem(p, {
    kind: 'PETITION_RESPONSE',
    category: 'DIRECTION',
    slug: 'tra-loi-kien-nghi-cu-tri-duong-lien-xa',
    agencyId: agency(OFFICE),
    title: { vi: 'Trả lời kiến nghị của cử tri về nâng cấp đường liên xã' },
    summary: { vi: 'Tuyến đường được bố trí vốn trong kế hoạch đầu tư công năm 2027.' },
    body: { vi: `<p>UBND tỉnh giao Sở Xây dựng khảo sát, lập phương án nâng cấp.</p>${SAMPLE}` },
    authorName: 'Văn phòng UBND tỉnh',
    publishedAt: at('2026-05-10T03:00:00Z'),
  });
  const pet = {
    petitioner: 'Cử tri xã Hợp Lý',
    petitionSummaryVi: 'Đề nghị nâng cấp tuyến đường liên xã đã xuống cấp.',
    receivedOn: day('2026-03-02'),
    respondedOn: day('2026-05-08'),
    responseNumber: '1234/UBND-KT',
  };
  await upsertDetail(p.petitionResponse, pr, pet);

  const cm = await seedItem(p, {
    kind: 'COMMENDATION',
    category: 'DIRECTION',
    slug: 'bang-khen-hop-tac-xa-nong-nghiep-so',
    agencyId: agency(OFFICE),
    title: { vi: 'Tặng Bằng khen cho hợp tác xã có thành tích chuyển đổi số trong nông nghiệp' },
    summary: { vi: 'Hợp tác xã ứng dụng truy xuất nguồn gốc cho sản phẩm rau an toàn.' },
    authorName: 'Ban Thi đua – Khen thưởng',
    publishedAt: at('2026-02-02T02:00:00Z'),
  });
  const com = {
    decisionKind: 'COMMENDATION' as const,
    subjectName: 'Hợp tác xã Rau an toàn Yên Lãng (minh họa)',
    form: 'Bằng khen của Chủ tịch UBND tỉnh',
    decisionNumber: '210/QĐ-UBND',
    decidedOn: day('2026-01-28'),
    amountVnd: '3500000.00',
  };
  await upsertDetail(p.commendation, cm, com);
  return 3;
}

async function schedules(p: PrismaClient): Promise<number> {
  const ws = await seedItem(p, {
    kind: 'WORK_SCHEDULE',
    category: 'DIRECTION',
    slug: 'lich-lam-viec-tuan-23-2026',
    agencyId: agency(OFFICE),
    title: { vi: 'Lịch làm việc của lãnh đạo UBND tỉnh tuần 23 (01/6 – 05/6/2026)', en: 'Provincial leaders’ work schedule, week 23 (1–5 June 2026)' },
    summary: { vi: 'Lịch công tác của Chủ tịch và các Phó Chủ tịch.', en: 'Schedule of the Chair and Vice-Chairs.' },
    authorName: 'Văn phòng UBND tỉnh',
    publishedAt: at('2026-05-29T09:00:00Z'),
  });
  const wsd = {
    periodStart: day('2026-06-01'),
    periodEnd: day('2026-06-05'),
    officialId: stableId('official:pt-chair'),
    leaderName: 'Nguyễn Văn Demo',
    location: null,
  };
  await upsertDetail(p.schedule, ws, wsd);
  await p.scheduleEntry.deleteMany({ where: { scheduleId: ws } });
  await p.scheduleEntry.createMany({
    data: [
      {
        scheduleId: ws,
        startsAt: at('2026-06-01T01:00:00Z'),
        endsAt: at('2026-06-01T04:00:00Z'),
        location: 'Phòng họp số 1, trụ sở UBND tỉnh',
        activityVi: 'Họp giao ban lãnh đạo UBND tỉnh',
        activityEn: 'Weekly meeting of the provincial leaders',
        host: 'Chủ tịch UBND tỉnh',
      },
      {
        scheduleId: ws,
        startsAt: at('2026-06-03T07:00:00Z'),
        location: 'Xã Sông Lô',
        activityVi: 'Kiểm tra công tác phòng, chống thiên tai',
        activityEn: 'Inspection of disaster preparedness',
        host: 'Chủ tịch UBND tỉnh',
        participants: 'Sở Nông nghiệp và Môi trường',
      },
    ],
  });

  const rs = await seedItem(p, {
    kind: 'RECEPTION_SCHEDULE',
    category: 'DIRECTION',
    slug: 'lich-tiep-cong-dan-thang-5-2026',
    agencyId: agency(OFFICE),
    title: { vi: 'Lịch tiếp công dân định kỳ tháng 5/2026 và kết quả' },
    summary: { vi: 'Chủ tịch UBND tỉnh tiếp công dân ngày 15 hằng tháng tại Trụ sở tiếp công dân tỉnh.' },
    authorName: 'Ban Tiếp công dân tỉnh',
    publishedAt: at('2026-05-20T02:00:00Z'),
  });
  const rsd = {
    periodStart: day('2026-05-01'),
    periodEnd: day('2026-05-31'),
    officialId: stableId('official:pt-chair'),
    leaderName: 'Nguyễn Văn Demo',
    location: 'Trụ sở tiếp công dân tỉnh (minh họa)',
  };
  await upsertDetail(p.schedule, rs, rsd);
  await p.scheduleEntry.deleteMany({ where: { scheduleId: rs } });
  await p.scheduleEntry.createMany({
    data: [
      {
        scheduleId: rs,
        startsAt: at('2026-05-15T01:00:00Z'),
        endsAt: at('2026-05-15T04:30:00Z'),
        activityVi: 'Tiếp công dân định kỳ',
        host: 'Chủ tịch UBND tỉnh',
        resultVi: 'Tiếp 12 lượt công dân; 9 vụ việc được hướng dẫn, giải thích tại chỗ; 3 vụ việc giao cơ quan chuyên môn giải quyết trong 15 ngày.',
        casesReceived: 12,
        casesResolved: 9,
      },
    ],
  });
  return 2;
}

export async function seedContentKinds(prisma: PrismaClient): Promise<number> {
  return (await introduction(prisma)) + (await direction(prisma)) + (await schedules(prisma)) + (await seedPlansAndProjects(prisma));
}
