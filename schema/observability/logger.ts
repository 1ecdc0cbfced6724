// The hub's pino loggers: JSON lines, and the current request id on every line written while a
// request is served (gateway, subgraph, adapter alike), so one grep follows a request across
// the processes it crossed.
import { pino, type Logger, type LoggerOptions } from 'pino';
import { currentRequestId } from './request-context.ts';

export function requestIdMixin(mergeObject: object = {}): { requestId?: string } {
  if ('requestId' in mergeObject) return {};
  const requestId = currentRequestId();
  return requestId ? { requestId } : {};
}

export function createLogger(level = 'info', options: LoggerOptions = {}, destination?: pino.DestinationStream): Logger {
  const merged = { level, mixin: requestIdMixin, ...options };
  return destination ? pino(merged, destination) : pino(merged);
}
