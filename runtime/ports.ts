import net from 'node:net';
import { EnvironmentError } from './environment-error';

/** Resolves true when something accepts TCP connections on host:port. */
export function isPortListening(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const finish = (listening: boolean) => {
      socket.destroy();
      resolve(listening);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** Throws `EnvironmentError('PORT_IN_USE')` naming the variable that moves the port, when the port is taken. */
export async function assertPortFree(port: number, variable: string, what: string): Promise<void> {
  if (await isPortListening(port)) {
    throw new EnvironmentError(
      'PORT_IN_USE',
      `cổng ${port} (${what}) đang bị một tiến trình khác dùng. Hãy dừng tiến trình đó (xem \`ss -ltnp | grep :${port}\`) hoặc đặt ${variable} sang cổng khác.`,
    );
  }
}

/** A free loopback port chosen by the OS, for tests and private servers. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
