import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { HttpDrain } from './http-server';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
}

describe('HttpDrain: stopping a server that has keep-alive clients', () => {
  let server: Server;
  let port: number;
  let releaseSlow: () => void;
  let slowArrived: Promise<void>;

  beforeEach(async () => {
    let arrived: () => void = () => undefined;
    slowArrived = new Promise((resolve) => (arrived = resolve));
    const released = new Promise<void>((resolve) => (releaseSlow = resolve));
    server = createServer((req, res) => {
      if (req.url === '/slow') {
        arrived();
        void released.then(() => res.end('slow'));
      } else if (req.url === '/stream') {
        // Headers and a first part go out at once; the rest waits.
        res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '10' });
        res.write('first');
        arrived();
        void released.then(() => res.end('-last'));
      } else {
        res.end('fast');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterEach(() => {
    releaseSlow();
    server.closeAllConnections();
  });

  const get = (path: string) =>
    new Promise<Answer>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    });

  /** A kept-alive connection that has had one answer and now waits, idle. */
  const idleConnection = async (): Promise<{ socket: Socket; closed: Promise<void> }> => {
    const socket = connect(port, '127.0.0.1');
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await new Promise<void>((resolve) => {
      socket.once('data', () => resolve());
      socket.write('GET /fast HTTP/1.1\r\nHost: test\r\n\r\n');
    });
    return { socket, closed };
  };

  it('closes idle connections at once, lets the request in flight finish with Connection: close, and then resolves', async () => {
    const drain = new HttpDrain(server);
    const idle = await idleConnection();
    const slow = get('/slow');
    await slowArrived;

    const drained = drain.drain(60_000);
    await idle.closed;
    releaseSlow();
    expect(await slow).toMatchObject({ status: 200, headers: { connection: 'close' } });
    expect(await drained).toBe('drained');
    expect(server.listening).toBe(false);
  });

  it('answers a new request on a connection still open with Connection: close, then closes it', async () => {
    const drain = new HttpDrain(server);
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write('GET /stream HTTP/1.1\r\nHost: test\r\n\r\n');
    await slowArrived;

    // Its answer had begun before the drain, so it could not say Connection: close; the next one does.
    const drained = drain.drain(60_000);
    releaseSlow();
    while (!text.endsWith('first-last')) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text.toLowerCase()).toContain('connection: keep-alive');
    text = '';
    socket.write('GET /fast HTTP/1.1\r\nHost: test\r\n\r\n');
    await closed;
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text.toLowerCase()).toContain('connection: close');
    expect(text.endsWith('fast')).toBe(true);
    expect(await drained).toBe('drained');
  });

  it('cuts what is still open when the grace ends', async () => {
    const drain = new HttpDrain(server);
    const slow = get('/slow').catch((error: Error) => error);
    await slowArrived;
    expect(await drain.drain(50)).toBe('cut');
    // The client saw its connection cut, not an answer.
    expect(String(await slow)).toMatch(/socket hang up|ECONNRESET/);
  });
});
