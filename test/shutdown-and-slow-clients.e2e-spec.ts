import { Agent, request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { spawnServer, type ServerProcess } from './support/spawn-server';
import { createTestDatabase, type TestDatabase } from './support/test-database';

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}

function get(agent: Agent, port: number, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Everything a raw socket receives until the server closes it. */
function received(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    socket.on('data', (chunk: Buffer) => (data += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(data));
  });
}

function opened(port: number): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
  });
}

async function outputContains(server: ServerProcess, text: string): Promise<void> {
  while (!server.output().includes(text)) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('the HTTP server against slow clients and during shutdown', () => {
  let database: TestDatabase;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    // A server that failed to stop must not outlive the test run.
    for (const server of servers) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await database.drop();
  });

  const serve = (env: NodeJS.ProcessEnv) => {
    const server = spawnServer({ DATABASE_URL: database.url, MIGRATIONS_RUN: 'false', JOB_WORKERS: 'false', ...env });
    servers.push(server);
    return server;
  };

  it('on SIGTERM under keep-alive load, finishes what is in flight, answers Connection: close and exits 0 while the load goes on', async () => {
    // A grace far beyond the drain: the exit must come from the connections closing, not from the grace running out.
    const server = serve({ SHUTDOWN_GRACE_MS: '60000' });
    const port = await server.listening;
    let exited = false;
    void server.exited.then(() => (exited = true));

    // A login whose body is still on its way when the signal arrives: in flight, and it needs the database.
    const body = JSON.stringify({ email: 'nobody@example.com', password: 'not the password at all' });
    const slowLogin = new Promise<Answer>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/api/v1/auth/login',
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, body: text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      void outputContains(server, 'SIGTERM received').then(() => req.end(body.slice(10)));
    });

    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    const PER_WORKER = 3000;
    let signalled = false;
    let answered = 0;
    const afterSignal: Answer[] = [];
    // Each client keeps sending on its kept-alive connection until the server stops it, or it has sent PER_WORKER.
    const worker = async (): Promise<'stopped by the server' | 'load ran out'> => {
      for (let sent = 0; sent < PER_WORKER; sent += 1) {
        if (exited) return 'stopped by the server';
        try {
          const answer = await get(agent, port, '/api/v1/health/live');
          answered += 1;
          if (signalled) afterSignal.push(answer);
        } catch {
          if (signalled) return 'stopped by the server';
          throw new Error('a request failed before the signal');
        }
      }
      return 'load ran out';
    };
    const load = Promise.all([worker(), worker(), worker(), worker()]);
    while (answered < 100) await new Promise((resolve) => setTimeout(resolve, 10));
    signalled = true;
    server.child.kill('SIGTERM');

    expect(await load).toEqual(['stopped by the server', 'stopped by the server', 'stopped by the server', 'stopped by the server']);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    // Idle kept-alive connections were closed at once; no answer the clients did get was an error.
    expect(afterSignal.every((answer) => answer.status === 200)).toBe(true);
    const login = await slowLogin;
    expect(login).toMatchObject({ status: 401, connection: 'close' });
    expect(JSON.parse(login.body)).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(server.output()).not.toContain('grace ended');
    agent.destroy();
  });

  it('answers 408 to a client that never finishes its headers, and refuses connections beyond the cap', async () => {
    const server = serve({ HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '1000', HTTP_MAX_CONNECTIONS: '2' });
    const port = await server.listening;
    try {
      const first = await opened(port);
      const second = await opened(port);
      const firstAnswer = received(first);
      first.write('GET /api/v1/health/live HTTP/1.1\r\nHost: rebalance\r\nConnection: close\r\n\r\n');
      expect(await firstAnswer).toMatch(/^HTTP\/1\.1 200 /);

      // The first connection is gone, so there is room for one more beside the second, but not two.
      const third = await opened(port);
      const fourth = await opened(port);
      const fourthAnswer = received(fourth);
      fourth.write('GET /api/v1/health/live HTTP/1.1\r\nHost: rebalance\r\n\r\n');
      expect(await fourthAnswer).toBe('');
      third.destroy();

      // The slow one: headers started and never finished.
      const slowAnswer = received(second);
      second.write('GET /api/v1/health/live HTTP/1.1\r\nHost: rebalance\r\n');
      expect(await slowAnswer).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});
