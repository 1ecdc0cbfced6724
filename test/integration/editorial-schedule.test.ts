// Scheduled publication, the portal's job run directly (as the job runner would) on an injected
// clock, and the R-7 deadline of an item measured on the same clock. No waiting on wall time.
import { describe, expect, it } from 'vitest';
import { usePortal } from '../harness/portal.ts';
import { publicationJob } from '../../subgraphs/portal/editorial/scheduler.ts';
import { ANON, BOARD, gql, itemIn, ok, projectInput, PUBLISH, RETURN, type ItemView } from '../harness/content.ts';

let now = new Date('2026-06-01T01:00:00Z');
const HOUR = 3_600_000;
const portal = usePortal({ clock: () => now });

const stateOf = async (id: string) => (await portal.db.prisma.contentItem.findUniqueOrThrow({ where: { id } })).state;

/** One run of the scheduled-publication job, as the job runner calls it. */
const runScheduler = () => publicationJob(portal.db.prisma, portal.server.state).run();

const publicView = async (id: string) =>
  (await gql<{ contentItem: unknown }>(portal.url, ANON, `query($id: ID!) { contentItem(id: $id) { id } }`, { id })).data?.contentItem;

describe('scheduled publication', () => {
  it('publishes an approved item when the injected clock reaches its time, not before', async () => {
    const item = await itemIn(portal.url, 'APPROVED');
    const at = new Date(now.getTime() + HOUR);
    const scheduled = await ok<ItemView & { scheduledAt: string }>(portal.url, BOARD, PUBLISH, { id: item.id, at: at.toISOString() });
    expect([scheduled.state, scheduled.scheduledAt]).toEqual(['APPROVED', at.toISOString()]);
    await runScheduler();
    expect(await stateOf(item.id)).toBe('APPROVED');
    expect(await publicView(item.id)).toBeNull();

    now = new Date(now.getTime() + 2 * HOUR);
    expect(await runScheduler()).toMatchObject({ published: [item.id] });
    expect(await stateOf(item.id)).toBe('PUBLISHED');
    const row = await portal.db.prisma.contentItem.findUniqueOrThrow({ where: { id: item.id } });
    expect([row.publishedAt, row.firstPublishedAt, row.scheduledAt]).toEqual([now, now, null]);
    const last = await portal.db.prisma.contentRevision.findFirstOrThrow({ where: { itemId: item.id }, orderBy: { version: 'desc' } });
    expect([last.action, last.actorId]).toEqual(['PUBLISH', 'system:scheduler']);
    expect(await publicView(item.id)).toEqual({ id: item.id });
  });

  it('drops the schedule of an item returned before its time', async () => {
    const item = await itemIn(portal.url, 'APPROVED');
    await ok(portal.url, BOARD, PUBLISH, { id: item.id, at: new Date(now.getTime() + HOUR).toISOString() });
    await ok(portal.url, BOARD, RETURN, { id: item.id, reasons: ['Chưa đúng thời điểm'] });
    now = new Date(now.getTime() + 2 * HOUR);
    expect(await runScheduler()).toEqual({ published: [], failed: [] });
    const row = await portal.db.prisma.contentItem.findUniqueOrThrow({ where: { id: item.id } });
    expect([row.state, row.scheduledAt]).toEqual(['RETURNED', null]);
  });

  it('leaves an item approved, audited and unscheduled when it can no longer be published at its time', async () => {
    const item = await itemIn(portal.url, 'APPROVED');
    await ok(portal.url, BOARD, PUBLISH, { id: item.id, at: new Date(now.getTime() + HOUR).toISOString() });
    await portal.db.prisma.contentItem.update({ where: { id: item.id }, data: { summaryVi: null } });
    now = new Date(now.getTime() + 2 * HOUR);
    expect(await runScheduler()).toMatchObject({ published: [], failed: [{ id: item.id }] });
    expect((await portal.db.prisma.contentItem.findUniqueOrThrow({ where: { id: item.id } })).scheduledAt).toBeNull();
    expect(await stateOf(item.id)).toBe('APPROVED');
    const failed = await portal.db.prisma.auditEvent.findFirstOrThrow({ where: { targetId: item.id, outcome: 'FAILED' } });
    expect(failed.detail).toMatchObject({ code: 'PUBLISH_PRECONDITION_FAILED', missing: ['dublinCore.description'] });
  });
});

describe('R-7 deadline of an item', () => {
  const Q = `query($id: ID!) { contentItem(id: $id) { trigger { kind date } deadline { dueDate status deliveredOn } } }`;

  it('counts working days from the trigger and judges the delivery (approved Fri 26/04/2024 + 10 → Tue 14/05/2024)', async () => {
    now = new Date('2024-05-10T03:00:00Z');
    const item = await itemIn(portal.url, 'APPROVED', {
      kind: 'INVESTMENT_PROJECT',
      input: projectInput({ trigger: { kind: 'APPROVED', date: '2024-04-26' } }),
    });
    expect(await ok(portal.url, BOARD, Q, { id: item.id })).toEqual({
      trigger: { kind: 'APPROVED', date: '2024-04-26' },
      deadline: { dueDate: '2024-05-14', status: 'PENDING', deliveredOn: null },
    });
    now = new Date('2024-05-20T03:00:00Z');
    await ok(portal.url, BOARD, PUBLISH, { id: item.id });
    expect((await ok<{ deadline: unknown }>(portal.url, ANON, Q, { id: item.id })).deadline).toEqual({
      dueDate: '2024-05-14',
      status: 'LATE',
      deliveredOn: '2024-05-20',
    });
  });
});
