import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from './harness.ts';

/** What a raw connection saw before the server closed it. */
interface Ending {
  received: string;
  closedByServer: boolean;
}

/** Opens a TCP connection, writes `send`, and resolves when the server closes it (the test's own timeout is the limit). */
function connectAndWait(port: number, send: string): Promise<Ending> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    socket.on('connect', () => socket.write(send));
    // 'end' is the server's FIN; 'close' follows either it or a reset.
    let ended = false;
    socket.on('end', () => (ended = true));
    socket.on('close', (hadError) => resolve({ received, closedByServer: ended || hadError }));
  });
}

describe.each(DIALECTS)('slow clients are cut off by the configured timeouts [%s]', (dialect) => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp(dialect, {
      REQUEST_TIMEOUT_SECONDS: '1',
      KEEP_ALIVE_TIMEOUT_SECONDS: '1',
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('the settings reach the HTTP server', () => {
    expect(t.app.server.requestTimeout).toBe(1000);
    expect(t.app.server.headersTimeout).toBe(1000);
    expect(t.app.server.keepAliveTimeout).toBe(1000);
    expect(t.app.server.timeout).toBe(60_000);
  });

  it('a body that stalls after its headers (Content-Length 100, 10 bytes sent) → 408 and the connection closed', async () => {
    const ending = await connectAndWait(
      port,
      'POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\n\r\n{"usernam',
    );
    expect(ending.closedByServer).toBe(true);
    expect(ending.received).toMatch(/^HTTP\/1\.1 408 /);
  }, 20_000);

  it('headers that never finish → 408 and the connection closed', async () => {
    const ending = await connectAndWait(port, 'GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: a');
    expect(ending.closedByServer).toBe(true);
    expect(ending.received).toMatch(/^HTTP\/1\.1 408 /);
  }, 20_000);

  it('an idle keep-alive connection is closed after its answer', async () => {
    const ending = await connectAndWait(
      port,
      'GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n',
    );
    expect(ending.received).toMatch(/^HTTP\/1\.1 200 /);
    expect(ending.received).toMatch(/connection: keep-alive/i);
    expect(ending.closedByServer).toBe(true);
  }, 20_000);
});

// Its own app: a connection it closes is counted by the server a moment later, and must not cost another
// test its connection.
describe.each(DIALECTS)('the connection cap [%s]', (dialect) => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp(dialect, { MAX_CONNECTIONS: '3' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('reaches the HTTP server', () => {
    expect(t.app.server.maxConnections).toBe(3);
  });

  it('connections beyond MAX_CONNECTIONS are refused while the others stay open', async () => {
    const open = await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<net.Socket>((resolve, reject) => {
            const s = net.connect(port, '127.0.0.1', () => resolve(s));
            s.on('error', reject);
          }),
      ),
    );
    try {
      // Once the server has counted the three (an answered request on each proves it), a fourth is dropped.
      for (const s of open) {
        const answered = new Promise<string>((resolve) =>
          s.once('data', (d: Buffer) => resolve(d.toString())),
        );
        s.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
        expect(await answered).toMatch(/^HTTP\/1\.1 200 /);
      }
      const fourth = await connectAndWait(port, 'GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n');
      expect(fourth.closedByServer).toBe(true);
      expect(fourth.received).toBe('');
    } finally {
      for (const s of open) s.destroy();
    }
  }, 20_000);
});
