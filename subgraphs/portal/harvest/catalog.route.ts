// A DCAT catalogue of the statistics datasets at /data/catalog.jsonld:
// JSON-LD (DCAT 2 with schema.org's Dataset vocabulary alongside), one dcat:Dataset per
// published dataset with its CSV distribution and its page. Served publicly by the gateway at
// /portal/data/catalog.jsonld.
import type express from 'express';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import { signedPublicBase } from '../../kit/public-base.ts';
import type { SubgraphTrust } from '../../kit/signature.ts';
import type { PortalRuntime } from '../context.ts';
import { KINDS } from '../content/kinds.ts';

export function catalogRoute(prisma: PrismaClient, runtime: PortalRuntime, trust: SubgraphTrust | undefined) {
  return (app: express.Express) => {
    app.get('/data/catalog.jsonld', (req, res) => {
      (async () => {
        const base = runtime.publicBaseUrl(await signedPublicBase(req, 'portal', trust));
        const rows = await prisma.contentItem.findMany({
          where: { kind: 'STATISTICS_DATASET', state: 'PUBLISHED' },
          select: {
            slug: true,
            titleVi: true,
            summaryVi: true,
            firstPublishedAt: true,
            updatedAt: true,
            subjects: true,
            triggerDate: true,
            agency: { select: { nameVi: true, code: true } },
          },
          orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
          take: 10_000,
        });
        const segment = KINDS.STATISTICS_DATASET.segment;
        const catalog = {
          '@context': {
            '@vocab': 'http://www.w3.org/ns/dcat#',
            dcat: 'http://www.w3.org/ns/dcat#',
            dct: 'http://purl.org/dc/terms/',
            foaf: 'http://xmlns.com/foaf/0.1/',
          },
          '@id': `${base}/data/catalog.jsonld`,
          '@type': 'dcat:Catalog',
          'dct:title': 'Dữ liệu thống kê',
          'dct:language': 'vi',
          'dcat:dataset': rows.map((r) => ({
            '@id': `${base}/print/${segment}/${r.slug}`,
            '@type': 'dcat:Dataset',
            'dct:identifier': `${base}/print/${segment}/${r.slug}`,
            'dct:title': r.titleVi,
            'dct:description': r.summaryVi ?? undefined,
            'dct:issued': r.firstPublishedAt?.toISOString(),
            'dct:modified': r.updatedAt.toISOString(),
            'dct:publisher': r.agency ? { '@type': 'foaf:Organization', 'foaf:name': r.agency.nameVi, 'dct:identifier': r.agency.code } : undefined,
            'dcat:keyword': r.subjects,
            'dcat:landingPage': { '@id': `${base}/print/${segment}/${r.slug}` },
            'dcat:distribution': [
              {
                '@type': 'dcat:Distribution',
                'dcat:downloadURL': { '@id': `${base}/data/statistics/${r.slug}.csv` },
                'dcat:mediaType': 'text/csv',
                'dct:format': 'CSV',
              },
            ],
          })),
        };
        res.setHeader('Cache-Control', 'public, max-age=300');
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.type('application/ld+json; charset=utf-8').send(JSON.stringify(catalog));
      })().catch((err: unknown) => {
        runtime.logger.error({ err }, 'catalogue route failed');
        if (!res.headersSent) res.status(500).type('text/plain').send('Internal server error');
      });
    });
  };
}
