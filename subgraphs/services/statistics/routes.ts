// GET /data/usage-statistics/<from>_<to>.csv[?agencyCode=…&allLevels=true]: the R-9.1 usage
// statistics as a CSV file for spreadsheets (UTF-8 with a BOM, so Excel reads the Vietnamese),
// served publicly through the gateway at /services/data/usage-statistics/… (the definition's
// publicRoutes). Signed by the gateway like any other call: without a valid signature nothing is read.
import type express from 'express';
import type { Logger } from 'pino';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import { HubError } from '../../../schema/errors.ts';
import { requireGatewaySignature, requireSignedBody, type SubgraphTrust } from '../../kit/signature.ts';
import { usageCsv, usageReport } from './usage-report.ts';

/** The route template, as the definition publishes it to the gateway. */
export const USAGE_CSV_ROUTE = '/data/usage-statistics/:file';
const FILE = /^(\d{4}-\d{2})_(\d{4}-\d{2})\.csv$/;
/** An agency's electronic identifier (QCVN 102: "000.02.00.H43"). */
const AGENCY_CODE = /^[A-Za-z0-9.]{1,35}$/;

const plain = (res: express.Response, status: number, text: string) => res.status(status).type('text/plain; charset=utf-8').send(text);

export function usageCsvRoutes(deps: { prisma: PrismaClient; trust: SubgraphTrust; logger: Logger; audience: string }) {
  const signed = [requireGatewaySignature(deps.audience, deps.trust, deps.logger), requireSignedBody(deps.logger, deps.audience)];
  return (app: express.Express) => {
    app.get(USAGE_CSV_ROUTE, ...signed, async (req, res) => {
      const m = FILE.exec(String(req.params.file));
      if (!m) return void plain(res, 404, 'Không tìm thấy. Not found.');
      const agencyCode = typeof req.query.agencyCode === 'string' ? req.query.agencyCode : null;
      const allLevels = req.query.allLevels === 'true';
      if (
        (agencyCode !== null && !AGENCY_CODE.test(agencyCode)) ||
        (req.query.allLevels !== undefined && req.query.allLevels !== 'true' && req.query.allLevels !== 'false')
      ) {
        return void plain(res, 400, 'agencyCode is an agency code (000.02.00.H43); allLevels is true or false.');
      }
      try {
        const report = await usageReport(deps.prisma, { from: m[1]!, to: m[2]!, agencyCode, allLevels });
        const name = `thong-ke-dich-vu-cong_${report.from}_${report.to}${agencyCode ? `_${agencyCode}` : ''}.csv`;
        res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Cache-Control', 'public, max-age=300');
        // The BOM lets spreadsheet programs read the Vietnamese as UTF-8.
        res.type('text/csv; charset=utf-8').send(`\uFEFF${usageCsv(report)}`);
      } catch (err) {
        if (err instanceof HubError && err.code === 'BAD_USER_INPUT') return void plain(res, 400, err.message);
        deps.logger.error({ err }, 'usage statistics CSV failed');
        if (!res.headersSent) plain(res, 500, 'Internal server error');
      }
    });
  };
}
