// A TCP proxy on 127.0.0.1 in front of the shared PostgreSQL server, which a test can cut and
// restore (C7, C8) without touching the server other test files are using. Cut = every open
// connection destroyed and new ones refused (the port stops listening); restore = listening
// again on the same port.
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** `postgresql://…` of the target with host and port replaced by the proxy's. */
  urlFor(target: string): string;
  /** Connections currently open through the proxy. */
  open(): number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** A free port on 127.0.0.1 (nothing listens on it when this returns). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Forwards 127.0.0.1:port → targetHost:targetPort; starts cut (not listening) when `listening` is false. */
export async function startTcpProxy(targetHost: string, targetPort: number, opts: { port?: number; listening?: boolean } = {}): Promise<TcpProxy> {
  const port = opts.port ?? (await freePort());
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  const listen = async () => {
    server = net.createServer((client) => {
      const upstream = net.connect(targetPort, targetHost);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
  };
  const stop = async () => {
    const s = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  if (opts.listening !== false) await listen();
  return {
    port,
    urlFor(target) {
      const url = new URL(target);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    open: () => sockets.size / 2,
    cut: stop,
    restore: async () => {
      if (!server) await listen();
    },
    close: stop,
  };
}
