import { Redis } from 'ioredis';
import { AddressInfo, createServer, Socket } from 'node:net';

/**
 * Runs `work` with a client of a hung Redis: a server that accepts connections and never replies.
 * Closed afterwards, whatever `work` did.
 */
export async function withHungRedis(work: (hung: Redis) => Promise<void>): Promise<void> {
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const hung = new Redis({
    host: '127.0.0.1',
    port: (silent.address() as AddressInfo).port,
    maxRetriesPerRequest: null,
  });
  hung.on('error', () => undefined);
  try {
    await work(hung);
  } finally {
    hung.disconnect();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  }
}
