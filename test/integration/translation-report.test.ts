// b, c: agencies and officials missing from the English channel.
import { describe, expect, it } from 'vitest';
import { signedQuery, usePortal } from '../harness/portal.ts';

const portal = usePortal();

const QUERY = `{ untranslatedOrganisation { agencyCount agencies { slug } officialCount officials { fullName } } }`;
type Report = { untranslatedOrganisation: { agencyCount: number; agencies: { slug: string }[]; officialCount: number; officials: { fullName: string }[] } };

describe('untranslated organisation report', () => {
  it('lists current agencies without an English name and officials without an English position', async () => {
    const before = await signedQuery<Report>(portal.url, QUERY, {}, { roles: ['BOARD'] });
    const base = before.body.data!.untranslatedOrganisation;
    await portal.db.prisma.agency.update({ where: { slug: 'so-tu-phap-phu-tho' }, data: { nameEn: null } });
    await portal.db.prisma.agency.update({ where: { slug: 'so-tu-phap-vinh-phuc' }, data: { nameEn: null } }); // ended in 2025: not counted
    const { body } = await signedQuery<Report>(portal.url, QUERY, {}, { roles: ['BOARD'] });
    const r = body.data!.untranslatedOrganisation;
    expect(r.agencyCount).toBe(base.agencyCount + 1);
    expect(r.agencies.map((a) => a.slug)).toContain('so-tu-phap-phu-tho');
    expect(r.agencies.map((a) => a.slug)).not.toContain('so-tu-phap-vinh-phuc');
    expect(r.officialCount).toBe(r.officials.length);
  });

  it('is for staff only', async () => {
    const { body } = await signedQuery(portal.url, QUERY);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
