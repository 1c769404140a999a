import { startServer } from './http';

export interface ImportFigures {
  rows: number;
  /** Wall time of the server's first POST …/transactions/import, a CSV body, into a fresh portfolio of a fresh user: code not yet optimized by the JIT. */
  coldCsvMs: number;
  /** The same rows as a JSON array, next, into another fresh portfolio of another fresh user. */
  jsonMs: number;
  /** The same CSV once more, last, into a third: the steady state a running server sees. */
  csvMs: number;
  /** What the CSV weighed on the wire. */
  csvBytes: number;
}

const PASSWORD = 'bench-password-long-enough';
const START = Date.UTC(2023, 0, 2, 15);
const MINUTE = 60_000;

interface Row {
  type: 'DEPOSIT' | 'BUY' | 'SELL' | 'DIVIDEND';
  executedAt: string;
  symbol?: string;
  amount?: string;
  quantity?: string;
  price?: string;
  fee?: string;
}

/**
 * A partner's history as a broker exports it: one DEPOSIT, then nine BUYs for each SELL and
 * DIVIDEND over 20 assets, a minute apart. Every SELL sells one unit of what the row before it
 * bought, so the history replays; most rows open a lot, the ledger's heavy case.
 */
function history(rows: number, symbols: string[]): Row[] {
  const at = (k: number) => new Date(START + k * MINUTE).toISOString();
  const out: Row[] = [{ type: 'DEPOSIT', amount: String(rows * 1000), executedAt: at(0) }];
  for (let k = 1; k < rows; k++) {
    const symbol = symbols[k % symbols.length];
    if (k % 10 === 0) out.push({ type: 'SELL', symbol: symbols[(k - 1) % symbols.length], quantity: '1', price: '61.25', fee: '0.5', executedAt: at(k) });
    else if (k % 10 === 5) out.push({ type: 'DIVIDEND', symbol, amount: '3.17', executedAt: at(k) });
    else out.push({ type: 'BUY', symbol, quantity: String(2 + (k % 7)), price: `${50 + (k % 13)}.${k % 100}`, fee: '1', executedAt: at(k) });
  }
  return out;
}

const COLUMNS = ['type', 'executedAt', 'symbol', 'amount', 'quantity', 'price', 'fee'] as const;

function toCsv(rows: Row[]): string {
  return `${[COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((column) => row[column] ?? '').join(','))].join('\n')}\n`;
}

async function request(url: string, path: string, init: { token?: string; body: string; contentType: string }): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': init.contentType, ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${text.slice(0, 2000)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** A new user and an empty portfolio: the import is the whole of the user's ledger, as on a partner's first upload. */
async function freshPortfolio(url: string, name: string): Promise<{ token: string; path: string }> {
  const email = `import-bench-${name}-${Date.now()}@rebalance.local`;
  const json = (body: unknown) => ({ body: JSON.stringify(body), contentType: 'application/json' });
  await request(url, '/api/v1/auth/register', json({ email, password: PASSWORD }));
  const { accessToken } = (await request(url, '/api/v1/auth/login', json({ email, password: PASSWORD }))) as { accessToken: string };
  const { id } = (await request(url, '/api/v1/portfolios', { token: accessToken, ...json({ name: `Import bench ${name}` }) })) as { id: string };
  return { token: accessToken, path: `/api/v1/portfolios/${id}/transactions/import` };
}

async function timed(url: string, target: { token: string; path: string }, body: string, contentType: string, rows: number): Promise<number> {
  const started = performance.now();
  const answer = await request(url, target.path, { token: target.token, body, contentType });
  const ms = performance.now() - started;
  if (answer.imported !== rows) throw new Error(`the import recorded ${String(answer.imported)} rows, not ${rows}`);
  return ms;
}

/**
 * Imports of `rows` rows over HTTP against the production build, each into a fresh portfolio:
 * CSV on a server that has imported nothing yet, then JSON, then CSV again. Each measured request
 * holds the parsing, the validation of every row, the catalogue lookups, the one INSERT, the one
 * ledger replay and the derived rows it writes.
 */
export async function importBench(databaseUrl: string, rows: number, progress: (line: string) => void): Promise<ImportFigures> {
  const server = await startServer(databaseUrl);
  try {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const assets = await client
      .query<{ symbol: string; id: string }>("SELECT symbol, id FROM assets WHERE currency = 'USD' ORDER BY symbol LIMIT 20")
      .then((result) => new Map(result.rows.map((row) => [row.symbol, row.id])))
      .finally(() => client.end());
    const data = history(rows, [...assets.keys()]);
    const csv = toCsv(data);
    progress(`${rows} rows as CSV (${Math.round(csv.length / 1024)} KiB), on a server that has imported nothing yet`);
    const coldCsvMs = await timed(server.url, await freshPortfolio(server.url, 'cold-csv'), csv, 'text/csv', rows);
    progress(`${rows} rows as JSON`);
    // A JSON row is the single POST's body, which names its asset by id.
    const json = JSON.stringify(data.map(({ symbol, ...row }) => (symbol === undefined ? row : { ...row, assetId: assets.get(symbol) })));
    const jsonMs = await timed(server.url, await freshPortfolio(server.url, 'json'), json, 'application/json', rows);
    progress(`${rows} rows as CSV again`);
    const csvMs = await timed(server.url, await freshPortfolio(server.url, 'csv'), csv, 'text/csv', rows);
    const ms = (value: number) => Number(value.toFixed(0));
    return { rows, coldCsvMs: ms(coldCsvMs), jsonMs: ms(jsonMs), csvMs: ms(csvMs), csvBytes: csv.length };
  } finally {
    await server.stop();
  }
}
