// The national public-service portal's Q&A exchange (DOMAIN.md §3 "Q&A sync services"):
// questions citizens asked the province on the national portal come in; the province's
// approved answers go back. Same client, session protocol, URL guard, deadlines, byte caps,
// breaker and UPSTREAM_* errors as the catalogue source (source.ts). Listing is a read
// (retried); pushing an answer is keyed by the question's code on the portal's side, so a
// retry after a lost reply overwrites rather than duplicates.
import { createHttpClient } from '../kit/http.ts';
import { createUpstreamPolicy, DEFAULT_RESILIENCE } from '../kit/resilience.ts';
import type { AdapterDeps } from '../kit/types.ts';
import { createUrlGuard } from '../kit/url-guard.ts';
import { cleanLine, cleanOptional } from '../kit/text.ts';
import { z } from 'zod';
import { createPortalClient } from './client.ts';
import { portalInstant, SYSTEM, toPortalTime } from './map.ts';
import type { ServicePortalConfig } from './source.ts';
import { wireQuestion, type WireAnswerPush } from './wire.ts';

export interface NationalQuestion {
  externalId: string;
  title: string;
  body: string;
  askerName: string;
  email: string | null;
  phone: string | null;
  field: string | null;
  /** ISO instant, when the portal gave a valid one. */
  askedAt: string | null;
}

export interface NationalAnswer {
  externalId: string;
  text: string;
  agencyName: string | null;
  answeredAt: Date;
}

export interface QaExchange {
  questionsSince(since: Date | null): Promise<NationalQuestion[]>;
  pushAnswer(answer: NationalAnswer): Promise<void>;
  close(): Promise<void>;
}

const accepted = z.unknown();

export function createQaExchange(config: ServicePortalConfig, _deps: AdapterDeps = {}): QaExchange {
  const guard = createUrlGuard({ allowHosts: config.allowHosts, allowCidrs: config.allowCidrs });
  guard.check(config.endpoint);
  const http = createHttpClient({ guard, timeoutMs: config.timeoutMs, maxBytes: config.maxBytes, userAgent: 'cong-hub/national-service-portal-qa' });
  const policy = createUpstreamPolicy(SYSTEM, config.resilience ?? { ...DEFAULT_RESILIENCE, attemptTimeoutMs: config.timeoutMs });
  const client = createPortalClient({ endpoint: config.endpoint, http, credentials: config });
  return {
    async questionsSince(since) {
      const params = since ? { tungay: toPortalTime(since) } : {};
      const { rows } = await policy.run('LayDanhSachHoiDap', (signal) => client.call('LayDanhSachHoiDap', params, wireQuestion, signal), { idempotent: true });
      return rows.map((r) => ({
        externalId: cleanLine(r.MAHOIDAP).slice(0, 100),
        title: cleanLine(r.TIEUDE).slice(0, 300),
        body: r.NOIDUNG.normalize('NFC').slice(0, 10_000),
        askerName: cleanLine(r.HOTEN).slice(0, 200),
        email: cleanOptional(r.EMAIL)?.toLowerCase().slice(0, 254) ?? null,
        phone: cleanOptional(r.DIENTHOAI)?.slice(0, 20) ?? null,
        field: cleanOptional(r.LINHVUC)?.slice(0, 200) ?? null,
        askedAt: portalInstant(r.NGAYGUI),
      }));
    },
    async pushAnswer(answer) {
      const push: WireAnswerPush = {
        MAHOIDAP: answer.externalId,
        NOIDUNGTRALOI: answer.text,
        COQUANTRALOI: answer.agencyName,
        NGAYTRALOI: toPortalTime(answer.answeredAt),
      };
      await policy.run('DongBoHoiDap', (signal) => client.call('DongBoHoiDap', { ...push }, accepted, signal), { idempotent: true });
    },
    close: () => http.close(),
  };
}
