import { ChildProcess, spawn } from 'node:child_process';
import { AddressInfo, createServer } from 'node:net';
import { Redis } from 'ioredis';

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A redis-server of the test's own, without persistence, on a free port: a test may flush it or
 * kill it and start it again empty, which it must never do to the Redis other suites share.
 */
export class PrivateRedis {
  private process: ChildProcess | null = null;
  private output = '';

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.launch();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async flushAll(): Promise<void> {
    await this.withClient((client) => client.flushall());
  }

  /** Cuts every client's connection (CLIENT KILL TYPE normal); the server runs on. */
  async killClients(): Promise<void> {
    await this.withClient((client) => client.call('CLIENT', 'KILL', 'TYPE', 'normal'));
  }

  async keyCount(): Promise<number> {
    return this.withClient((client) => client.dbsize());
  }

  /** Kills the server (SIGKILL: no shutdown save) and starts a new, empty one on the same port. */
  async restartEmpty(): Promise<void> {
    await this.kill();
    await this.launch();
  }

  async stop(): Promise<void> {
    await this.kill();
  }

  private async launch(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.process = child;
    const started = Date.now();
    for (;;) {
      try {
        await this.withClient((client) => client.ping());
        return;
      } catch {
        if (child.exitCode !== null || Date.now() - started > 15_000)
          throw new Error(
            `redis-server did not start on ${this.port}:\n${this.output.slice(-2000)}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  private async kill(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  private async withClient<T>(work: (client: Redis) => Promise<T>): Promise<T> {
    const client = new Redis({
      host: '127.0.0.1',
      port: this.port,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await work(client);
    } finally {
      client.disconnect();
    }
  }
}
