// What sources share: the runner type, plain text out of stored markup, uuid filtering.
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import { isUuid } from '../../kit/batch.ts';

export { plainFromMarkup as plainText } from '../../../schema/text/markup.ts';

export type Runner = Pick<PrismaClient, '$queryRaw'>;

export const uuids = (keys: string[]): string[] => keys.filter(isUuid);
