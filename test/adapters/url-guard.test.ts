// SECURITY-MATRIX B1: upstream and feed URLs never reach the hub's own network.
import type dns from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUrlGuard, UrlRefusedError, type UrlGuard } from '../../adapters/kit/url-guard.ts';
import { createHttpClient } from '../../adapters/kit/http.ts';
import { startFakeUpstream, type FakeServer } from '../../adapters/kit/fake-upstream.ts';

const refusal = (guard: UrlGuard, url: string): string | null => {
  try {
    guard.check(url);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(UrlRefusedError);
    return (error as UrlRefusedError).reason;
  }
};

const resolveWith = (guard: UrlGuard, host: string) =>
  new Promise<{ error: Error | null; address: string | dns.LookupAddress[] }>((resolve) =>
    guard.lookup(host, {}, (error, address) => resolve({ error, address })),
  );

describe('URL guard (default: deny private ranges)', () => {
  const guard = createUrlGuard();

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'private-address'],
    ['http://127.0.0.1/', 'private-address'],
    ['http://10.1.2.3/feed', 'private-address'],
    ['http://172.16.5.4/', 'private-address'],
    ['http://192.168.1.1/', 'private-address'],
    ['http://100.64.0.1/', 'private-address'],
    ['http://0.0.0.0/', 'private-address'],
    ['http://[::1]/', 'private-address'],
    ['http://[::ffff:127.0.0.1]/', 'private-address'],
    ['http://[::ffff:169.254.169.254]/', 'private-address'],
    ['http://[::ffff:8.8.8.8]/', 'private-address'],
    ['http://[64:ff9b::7f00:1]/', 'private-address'],
    ['http://[fe80::1]/', 'private-address'],
    ['http://[fd12:3456::1]/', 'private-address'],
    ['http://2130706433/', 'non-canonical-ip'],
    ['http://0x7f000001/', 'non-canonical-ip'],
    ['http://0x7f.0.0.1/', 'non-canonical-ip'],
    ['http://0177.0.0.1/', 'non-canonical-ip'],
    ['http://127.1/', 'non-canonical-ip'],
    ['http://0/', 'non-canonical-ip'],
    ['http://%31%32%37.0.0.1/', 'non-canonical-ip'],
    ['file:///etc/passwd', 'scheme'],
    ['gopher://example.org:70/_x', 'scheme'],
    ['ftp://example.org/', 'scheme'],
    ['data:text/xml,<a/>', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['http://user:secret@vbpl.vn/', 'credentials'],
    ['not a url', 'invalid-url'],
  ])('refuses %s (%s)', (url, reason) => {
    expect(refusal(guard, url)).toBe(reason);
  });

  it.each(['https://vbpl.vn/doc/all', 'http://congbao.vinhphuc.gov.vn/rss', 'http://93.184.216.34/', 'https://[2606:4700::1111]/'])(
    'allows the public URL %s',
    (url) => {
      expect(refusal(guard, url)).toBeNull();
    },
  );

  it('refuses a host name that resolves to a private address', async () => {
    const { error } = await resolveWith(guard, 'localhost');
    expect(error).toBeInstanceOf(UrlRefusedError);
  });
});

describe('URL guard allowlist', () => {
  it('lets a deployment or a test allow its own upstream hosts explicitly', () => {
    const guard = createUrlGuard({ allowHosts: ['127.0.0.1'] });
    expect(refusal(guard, 'http://127.0.0.1:8080/soap')).toBeNull();
    expect(refusal(guard, 'http://127.0.0.2/')).toBe('private-address');
    // The allowed host spelt differently is still refused.
    expect(refusal(guard, 'http://2130706433/')).toBe('non-canonical-ip');
  });

  it('allows ranges given as CIDR', () => {
    const guard = createUrlGuard({ allowCidrs: ['10.20.0.0/16'] });
    expect(refusal(guard, 'http://10.20.3.4/lgsp')).toBeNull();
    expect(refusal(guard, 'http://10.21.0.1/')).toBe('private-address');
  });

  it('allows a named host through the lookup only when allowlisted', async () => {
    const guard = createUrlGuard({ allowHosts: ['localhost'] });
    const { error, address } = await resolveWith(guard, 'localhost');
    expect(error).toBeNull();
    expect(['127.0.0.1', '::1']).toContain(address);
  });

  it('restricts schemes when told to', () => {
    const guard = createUrlGuard({ allowedSchemes: ['https'] });
    expect(refusal(guard, 'http://vbpl.vn/')).toBe('scheme');
    expect(refusal(guard, 'https://vbpl.vn/')).toBeNull();
  });
});

describe('URL guard inside the HTTP client', () => {
  let fake: FakeServer;
  beforeAll(async () => {
    fake = await startFakeUpstream({
      contentType: 'application/json',
      ok: () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{}' }),
      fault: () => ({ status: 500, headers: {}, body: '' }),
      malformed: () => ({ status: 200, headers: {}, body: '{' }),
      hostile: () => ({ status: 200, headers: {}, body: '' }),
    });
  });
  afterAll(() => fake.close());

  it('refuses a loopback upstream before connecting unless allowlisted', async () => {
    const denied = createHttpClient({ guard: createUrlGuard(), timeoutMs: 1000, maxBytes: 1024 });
    const refused = await denied.request({ method: 'GET', url: `${fake.origin}/x` }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ kind: 'invalid' });
    expect((refused as Error).cause).toBeInstanceOf(UrlRefusedError);
    expect(fake.received).toHaveLength(0);
    const allowed = createHttpClient({ guard: createUrlGuard({ allowHosts: ['127.0.0.1'] }), timeoutMs: 1000, maxBytes: 1024 });
    const res = await allowed.request({ method: 'GET', url: `${fake.origin}/x` });
    expect(res.status).toBe(200);
    expect(fake.received).toHaveLength(1);
    await Promise.all([denied.close(), allowed.close()]);
  });

  it('refuses a name resolving to loopback at connect time (DNS lookup guarded)', async () => {
    const client = createHttpClient({ guard: createUrlGuard(), timeoutMs: 1000, maxBytes: 1024 });
    const port = new URL(fake.origin).port;
    const before = fake.received.length;
    await expect(client.request({ method: 'GET', url: `http://localhost:${port}/x` })).rejects.toMatchObject({ kind: 'invalid' });
    expect(fake.received).toHaveLength(before);
    await client.close();
  });
});
