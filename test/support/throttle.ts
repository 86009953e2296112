/**
 * A TCP relay on loopback that passes what the server sends at a fixed rate, as a slow link
 * would: the server's socket fills and its writes wait, exactly as over a real slow network.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { Transform } from 'node:stream';

const TICK_MS = 50;

/** Lets through at most `bytesPerSecond`, holding the rest (and, through backpressure, the sender). */
function throttled(bytesPerSecond: number): Transform {
  const perTick = Math.max(1, Math.floor((bytesPerSecond * TICK_MS) / 1000));
  return new Transform({
    highWaterMark: perTick,
    transform(chunk: Buffer, _encoding, done) {
      const push = (offset: number) => {
        this.push(chunk.subarray(offset, offset + perTick));
        if (offset + perTick >= chunk.length) done();
        else setTimeout(() => push(offset + perTick), TICK_MS);
      };
      setTimeout(() => push(0), TICK_MS);
    },
  });
}

export interface SlowLink {
  /** The relay's ws:// URL for the given path. */
  url(path: string): string;
  close(): Promise<void>;
}

export async function slowLink(targetPort: number, bytesPerSecond: number): Promise<SlowLink> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream);
    upstream.pipe(throttled(bytesPerSecond)).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: (path) => `ws://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
