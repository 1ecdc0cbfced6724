// After a sync, the files not yet mirrored are downloaded, checked against the sha256 the
// source declared (a mismatch is refused, never stored) and put in the file store. A failed
// download leaves the file unmirrored, to be tried again by the next run; the document itself
// is already stored and served.
import type { Logger } from 'pino';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { FileFetcher } from './file-fetcher.ts';
import { sha256Of, type FileStore } from './file-store.ts';

export interface MirrorDeps {
  prisma: PrismaClient;
  fetcher: FileFetcher;
  store: FileStore;
  clock: () => Date;
  logger: Logger;
  /** Most files one run downloads (bounds a run's duration). */
  limit?: number;
}

export async function mirrorFiles(deps: MirrorDeps): Promise<{ stored: number; failed: number }> {
  const pending = await deps.prisma.legalFile.findMany({
    where: { storedAt: null },
    distinct: ['sourceUrl'],
    orderBy: { sourceUrl: 'asc' },
    take: deps.limit ?? 100,
  });
  let stored = 0;
  let failed = 0;
  for (const file of pending) {
    try {
      const bytes = await deps.fetcher.fetch(file.sourceUrl);
      const sha256 = sha256Of(bytes);
      if (file.sha256 && file.sha256 !== sha256) throw new Error('sha256 differs from the one the source declared');
      await deps.store.put(bytes);
      await deps.prisma.legalFile.updateMany({
        where: { sourceUrl: file.sourceUrl, storedAt: null },
        data: { sha256, size: bytes.length, storedAt: deps.clock() },
      });
      stored += 1;
    } catch (err) {
      failed += 1;
      deps.logger.warn({ err, file: file.name }, 'legal file not mirrored');
    }
  }
  return { stored, failed };
}
