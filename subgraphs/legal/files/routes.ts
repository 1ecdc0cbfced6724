// GET /files/<sha256>: a mirrored file of a legal document, streamed from the file store. The
// gateway's public route /legal/files/<sha256> (gateway/public-routes.ts) forwards here and
// signs the call like any other (A18): without a valid signature nothing is read.
import type express from 'express';
import type { Logger } from 'pino';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import { requireGatewaySignature, requireSignedBody, type SubgraphTrust } from '../../kit/signature.ts';
import { isSha256, type FileStore } from './file-store.ts';

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name ("Quyết định.pdf"). */
function disposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function legalFileRoutes(deps: { prisma: PrismaClient; store: FileStore; trust: SubgraphTrust; logger: Logger }) {
  // A GET has no body: the signed digest must be the empty body's.
  const signed = [requireGatewaySignature('legal', deps.trust, deps.logger), requireSignedBody(deps.logger, 'legal')];
  return (app: express.Express) => {
    app.get('/files/:sha256', ...signed, async (req, res) => {
      const sha256 = String(req.params.sha256);
      try {
        const file = isSha256(sha256)
          ? await deps.prisma.legalFile.findFirst({ where: { sha256, storedAt: { not: null } }, orderBy: { position: 'asc' } })
          : null;
        const size = file ? await deps.store.size(sha256) : null;
        if (!file || size === null) {
          res.status(404).type('text/plain; charset=utf-8').send('Không tìm thấy. Not found.');
          return;
        }
        res.setHeader('Content-Type', file.mediaType);
        res.setHeader('Content-Length', String(size));
        res.setHeader('Content-Disposition', disposition(file.name));
        res.setHeader('X-Content-Type-Options', 'nosniff');
        // Content-addressed: the bytes behind this URL never change.
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        res.setHeader('ETag', `"${sha256}"`);
        deps.store
          .open(sha256)
          .on('error', (err) => {
            deps.logger.error({ err }, 'legal file read failed');
            res.destroy();
          })
          .pipe(res);
      } catch (err) {
        deps.logger.error({ err }, 'legal file route failed');
        if (!res.headersSent) res.status(500).type('text/plain').send('Internal server error');
      }
    });
  };
}
