// contentItems(filter.search) matches the body too and answers in relevance order: a phrase in
// the title first, the same words only in the body after, either way typed without diacritics,
// đ as d and either tone placement; lists by kind rank the same way.
import { beforeAll, describe, expect, it } from 'vitest';
import { usePortal } from '../harness/portal.ts';
import { ANON, articleInput, gql, itemIn, type ItemView } from '../harness/content.ts';

const portal = usePortal();
let inTitle: ItemView;
let inBody: ItemView;
let scattered: ItemView;

beforeAll(async () => {
  scattered = await itemIn(portal.url, 'PUBLISHED', {
    input: articleInput({
      slug: 'rai-rac',
      title: { vi: 'Hoà giải các tranh chấp đất đai ở xã' },
      body: { vi: '<p>Cơ sở hạ tầng được đầu tư; viên chức hỗ trợ.</p>' },
    }),
  });
  inBody = await itemIn(portal.url, 'PUBLISHED', {
    input: articleInput({
      slug: 'trong-than-bai',
      title: { vi: 'Tập huấn nghiệp vụ năm 2026' },
      body: { vi: '<p>Lớp tập huấn cho <b>hòa giải viên</b> ở cơ sở đã kết thúc.</p>' },
    }),
  });
  inTitle = await itemIn(portal.url, 'PUBLISHED', {
    input: articleInput({ slug: 'trong-tieu-de', title: { vi: 'Công nhận hoà giải viên ở cơ sở' }, body: { vi: '<p>Quy trình công nhận.</p>' } }),
  });
});

async function search(text: string, list = 'contentItems') {
  const res = await gql<Record<string, { totalCount: number; nodes: { id: string }[] }>>(
    portal.url,
    ANON,
    `query($s: String) { r: ${list}(first: 20, filter: { search: $s }) { totalCount nodes { id } } }`,
    { s: text },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.r!;
}

describe('contentItems(filter.search)', () => {
  it('finds words that are only in the body', async () => {
    const r = await search('lop tap huan');
    expect(r.nodes.map((n) => n.id)).toEqual([inBody.id]);
  });

  it('ranks the phrase in the title first, then the body, then the words scattered — whatever the tone placement or diacritics', async () => {
    for (const q of ['hoà giải viên ở cơ sở', 'hòa giải viên ở cơ sở', 'hoa giai vien o co so']) {
      const r = await search(q);
      expect(r.totalCount, q).toBe(3);
      expect(
        r.nodes.map((n) => n.id),
        q,
      ).toEqual([inTitle.id, inBody.id, scattered.id]);
    }
    const byKind = await search('hoa giai vien o co so', 'articles');
    expect(byKind.nodes.map((n) => n.id)).toEqual([inTitle.id, inBody.id, scattered.id]);
  });

  it('reads đ as d', async () => {
    expect((await search('tranh chap dat dai')).nodes[0]?.id).toBe(scattered.id);
    expect((await search('tranh chấp đất đai')).nodes[0]?.id).toBe(scattered.id);
  });
});
