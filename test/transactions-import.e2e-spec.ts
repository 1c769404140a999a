import { randomUUID } from 'node:crypto';
import { givenAdmin, givenApiKey, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { changedTables, type Fingerprint, fingerprintReader } from './support/database-fingerprint';
import { givenPortfolio, record } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

const DAY = (n: number) => new Date(Date.UTC(2026, 2, 1 + n, 15)).toISOString();

describe('bulk import: a CSV or JSON list of transactions, recorded all or nothing', () => {
  let t: TestApp;
  let owner: TestUser;
  let stock: TestAsset;
  let bond: TestAsset;
  let euro: TestAsset;
  let fingerprint: () => Promise<Fingerprint>;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    owner = await givenUser(t, 'importer');
    stock = await givenAsset(t, admin, { symbol: 'IMPA', assetType: 'stock', price: '110' });
    bond = await givenAsset(t, admin, { symbol: 'IMPB', assetType: 'bond', price: '50' });
    euro = await givenAsset(t, admin, { symbol: 'IMPE', assetType: 'stock', currency: 'EUR', price: '10' });
    fingerprint = await fingerprintReader(t.dataSource);
  });
  afterAll(() => t.close());

  const url = (id: string) => `/api/v1/portfolios/${id}/transactions/import`;
  const importCsv = (id: string, csv: string, user = owner) => t.http().post(url(id)).set(user.auth).set('Content-Type', 'text/csv').send(csv);
  const importJson = (id: string, rows: unknown[], user = owner) => t.http().post(url(id)).set(user.auth).send(rows);
  const csvOf = (lines: string[]) => `${lines.join('\r\n')}\r\n`;

  async function transactionsOf(id: string): Promise<Array<{ type: string; quantity: string | null }>> {
    return t.dataSource.query('SELECT type, quantity::text AS quantity FROM transactions WHERE portfolio_id = $1 ORDER BY sequence', [id]);
  }

  /** Refused, with nothing written anywhere: not a row of any table (the idempotency store and job queue included). */
  async function refusedUnchanged(send: () => Promise<{ status: number; body: Record<string, unknown> }>, status: number) {
    const before = await fingerprint();
    const response = await send();
    expect(response.status).toBe(status);
    expect(changedTables(before, await fingerprint())).toEqual([]);
    return response.body;
  }

  it('records a worked example from CSV: cash, positions and the realized gain come out as computed by hand', async () => {
    const id = await givenPortfolio(t, owner);
    // Columns in an order of the file's own choosing, a quoted cell, empty cells for absent fields, a blank line.
    const csv = csvOf([
      'executedAt,type,symbol,quantity,price,fee,amount',
      `${DAY(1)},DEPOSIT,,,,,"10000"`,
      `${DAY(2)},BUY,IMPA,40,100,2,`,
      `${DAY(3)},BUY,impb,50,48,0,`,
      '',
      `${DAY(9)},SELL,IMPA,10,110,1.50,`,
      `${DAY(19)},DIVIDEND,IMPB,,,,12.34`,
    ]);
    const response = await importCsv(id, csv).expect(201);
    expect(response.body).toEqual({ imported: 5, firstTransactionId: expect.any(String), lastTransactionId: expect.any(String) });

    // Cash: 10,000 − (40 × 100 + 2) − 50 × 48 + (10 × 110 − 1.50) + 12.34 = 4,708.84.
    const portfolio = await t.http().get(`/api/v1/portfolios/${id}`).set(owner.auth).expect(200);
    expect(portfolio.body.cash).toBe('4708.84');
    // IMPA: 40 bought for 4,002 (100.05 each), 10 sold FIFO → 30 left at 3,001.50. IMPB: 50 at 2,400.
    const positions = await t.http().get(`/api/v1/portfolios/${id}/positions`).set(owner.auth).expect(200);
    const bySymbol = Object.fromEntries(
      positions.body.items.map((p: { symbol: string | null; assetType: string; quantity: string; costBasis: string }) => [
        p.symbol ?? p.assetType,
        [p.quantity, p.costBasis],
      ]),
    );
    expect(bySymbol).toEqual({ IMPA: ['30', '3001.5'], IMPB: ['50', '2400'], cash: ['4708.84', '4708.84'] });
    // The sale: proceeds 1,100 − 1.50 = 1,098.50 against 10 × 100.05 = 1,000.50 of basis, a gain of 98.
    const gains = await t.http().get(`/api/v1/portfolios/${id}/realized-gains`).set(owner.auth).expect(200);
    expect(gains.body.items).toEqual([expect.objectContaining({ quantity: '10', proceeds: '1098.5', costBasis: '1000.5', gain: '98' })]);

    const ids = (await t.dataSource.query('SELECT id FROM transactions WHERE portfolio_id = $1 ORDER BY sequence', [id])).map((r: { id: string }) => r.id);
    expect([ids[0], ids[4]]).toEqual([response.body.firstTransactionId, response.body.lastTransactionId]);
  });

  it('takes the same bodies as POST .../transactions in a JSON array, replaying rows of one instant in the order given', async () => {
    const id = await givenPortfolio(t, owner);
    const at = DAY(4);
    const response = await importJson(id, [
      { type: 'DEPOSIT', amount: 500, executedAt: at },
      { type: 'BUY', assetId: stock.id, quantity: '4', price: '100', executedAt: at },
      { type: 'TRANSFER_IN', assetId: bond.id, quantity: '3', costPerUnit: '45', acquiredAt: DAY(-300), executedAt: at },
      { type: 'SELL', assetId: stock.id, quantity: '1', price: '120', fee: '0.5', executedAt: at },
    ]).expect(201);
    expect(response.body.imported).toBe(4);
    // The BUY needs the DEPOSIT's cash and the SELL the BUY's units: each at the same executedAt, so only row order makes it possible.
    expect(await transactionsOf(id)).toEqual([
      { type: 'DEPOSIT', quantity: null },
      { type: 'BUY', quantity: '4.00000000' },
      { type: 'TRANSFER_IN', quantity: '3.00000000' },
      { type: 'SELL', quantity: '1.00000000' },
    ]);
    // 500 − 400 + 119.50.
    expect((await t.http().get(`/api/v1/portfolios/${id}`).set(owner.auth).expect(200)).body.cash).toBe('219.5');
  });

  it('refuses the whole import for one bad row among 200, naming it, and writes nothing', async () => {
    const id = await givenPortfolio(t, owner);
    const rows = Array.from({ length: 200 }, (_, index) => ({ type: 'DEPOSIT', amount: index === 136 ? '-5' : '10', executedAt: DAY(1) }));
    const body = await refusedUnchanged(() => importJson(id, rows), 422);
    expect(body).toMatchObject({ code: 'IMPORT_ROWS_INVALID', detail: '1 of 200 rows break a rule (see errors: row, field, rule); nothing was imported' });
    expect(body.errors).toEqual([{ row: 137, field: 'amount', rule: 'isDecimal', message: expect.any(String) }]);
    expect(await transactionsOf(id)).toEqual([]);
  });

  it('lists every bad row of a CSV at once, by row (the header is not a row), field and rule', async () => {
    const id = await givenPortfolio(t, owner);
    const csv = csvOf([
      'type,executedAt,symbol,assetId,amount,quantity,price',
      `DEPOSIT,${DAY(1)},,,1000,,`,
      `BUY,${DAY(2)},NOPE,,,1,10`,
      `BUY,${DAY(2)},IMPA,,,0.123456789,10`,
      `BUY,2999-01-01T00:00:00Z,IMPA,${stock.id},,1,10`,
      `DEPOSIT,${DAY(3)},,,5`,
      `BUY,${DAY(2)},IMPE,,,1,10`,
      `GIFT,${DAY(2)},,,,,`,
      `DEPOSIT,${DAY(2)},,,1,2,`,
    ]);
    const body = await refusedUnchanged(() => importCsv(id, csv), 422);
    expect(body.code).toBe('IMPORT_ROWS_INVALID');
    expect(body.detail).toBe('6 of 8 rows break a rule (see errors: row, field, rule); nothing was imported');
    expect((body.errors as Array<Record<string, unknown>>).map(({ row, field, rule }) => [row, field, rule])).toEqual([
      [2, 'symbol', 'knownSymbol'],
      [3, 'quantity', 'isDecimal'],
      [4, 'symbol', 'oneAssetReference'],
      [4, 'executedAt', 'isNotFuture'],
      [5, '(row)', 'columnCount'],
      [7, 'type', 'isIn'],
      [8, 'quantity', 'allowedForType'],
    ]);
    // Row 6's asset trades in EUR: the portfolio's own rule, checked once the form of every row is right.
    const currency = await refusedUnchanged(() => importCsv(id, csvOf(['type,executedAt,symbol,quantity,price', `BUY,${DAY(2)},IMPE,1,10`])), 422);
    expect(currency.errors).toEqual([{ row: 1, field: 'assetId', rule: 'sameCurrency', message: 'IMPE trades in EUR, the portfolio in USD' }]);
    expect(euro.symbol).toBe('IMPE');
  });

  it('refuses a history the ledger cannot hold, naming the row, and writes nothing', async () => {
    const id = await givenPortfolio(t, owner);
    await record(t, owner, id, { type: 'DEPOSIT', amount: '100', executedAt: DAY(0) });
    const csv = csvOf(['type,executedAt,symbol,quantity,price', `BUY,${DAY(1)},IMPA,1,50`, `SELL,${DAY(2)},IMPA,5,60`, `BUY,${DAY(3)},IMPA,1,40`]);
    const body = await refusedUnchanged(() => importCsv(id, csv), 422);
    expect(body).toMatchObject({ code: 'INSUFFICIENT_QUANTITY', row: 2 });
    expect(body.detail).toMatch(new RegExp(`^Row 2 \\(SELL of ${DAY(2).replace(/[.]/g, '\\.')}\\): `));
    expect(body.transactionId).toBeUndefined();
    expect(await transactionsOf(id)).toEqual([{ type: 'DEPOSIT', quantity: null }]);
  });

  it('names the transaction recorded before that a backdated import row would break', async () => {
    const id = await givenPortfolio(t, owner);
    await record(t, owner, id, { type: 'DEPOSIT', amount: '100', executedAt: DAY(0) });
    const buy = await record(t, owner, id, { type: 'BUY', assetId: stock.id, quantity: '1', price: '90', executedAt: DAY(5) });
    // 100 − 50 leaves 50 on DAY(5), short of the BUY's 90.
    const body = await refusedUnchanged(() => importCsv(id, csvOf(['type,executedAt,amount', `WITHDRAWAL,${DAY(1)},50`])), 422);
    expect(body).toMatchObject({ code: 'INSUFFICIENT_CASH', transactionId: buy });
    expect(body.row).toBeUndefined();
    expect(body.detail).toMatch(/^The import would make a transaction recorded before it impossible: /);
  });

  it('replays a retried import once under one Idempotency-Key', async () => {
    const id = await givenPortfolio(t, owner);
    const csv = csvOf(['type,executedAt,amount', `DEPOSIT,${DAY(1)},100`, `DEPOSIT,${DAY(2)},23.45`]);
    const send = () => t.http().post(url(id)).set(owner.auth).set('Content-Type', 'text/csv').set('Idempotency-Key', 'import-2026-03').send(csv);
    const first = await send().expect(201);
    const again = await send().expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(first.text);
    expect(await transactionsOf(id)).toHaveLength(2);
    const other = await t
      .http()
      .post(url(id))
      .set(owner.auth)
      .set('Content-Type', 'text/csv')
      .set('Idempotency-Key', 'import-2026-03')
      .send(csv.replace('23.45', '23.46'))
      .expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await t.http().get(`/api/v1/portfolios/${id}`).set(owner.auth).expect(200)).body.cash).toBe('123.45');
  });

  it("answers 404 for another user's portfolio, as for an unknown one, and writes nothing", async () => {
    const id = await givenPortfolio(t, owner);
    const stranger = await givenUser(t, 'import-stranger');
    const csv = csvOf(['type,executedAt,amount', `DEPOSIT,${DAY(1)},100`]);
    const foreign = await refusedUnchanged(() => importCsv(id, csv, stranger), 404);
    const unknown = await refusedUnchanged(() => importCsv(randomUUID(), csv, stranger), 404);
    expect(foreign).toMatchObject({ code: 'NOT_FOUND', detail: 'Portfolio not found' });
    expect({ ...foreign, instance: undefined, requestId: undefined }).toEqual({ ...unknown, instance: undefined, requestId: undefined });
  });

  it("takes a partner's API key with portfolios:write, and refuses one that can only read (403)", async () => {
    const id = await givenPortfolio(t, owner);
    const csv = csvOf(['type,executedAt,amount', `DEPOSIT,${DAY(1)},100`]);
    const writer = await givenApiKey(t, owner, ['portfolios:write']);
    const reader = await givenApiKey(t, owner, ['portfolios:read']);
    const send = (secret: string) => t.http().post(url(id)).set('X-API-Key', secret).set('Content-Type', 'text/csv').send(csv);
    // Not refusedUnchanged: an API key's lastUsedAt moves on every authenticated call, refused ones included.
    expect((await send(reader.secret).expect(403)).body.code).toBe('INSUFFICIENT_SCOPE');
    expect(await transactionsOf(id)).toEqual([]);
    await send(writer.secret).expect(201);
    expect(await transactionsOf(id)).toEqual([{ type: 'DEPOSIT', quantity: null }]);
  });

  it('records 10,000 rows in one request', async () => {
    const id = await givenPortfolio(t, owner);
    const csv = csvOf(['type,executedAt,amount', ...Array.from({ length: 10_000 }, (_, k) => `DEPOSIT,${DAY(1)},0.0${1 + (k % 9)}`)]);
    // Over three times the 100 KiB every other route takes.
    expect(csv.length).toBeGreaterThan(300 * 1024);
    const response = await importCsv(id, csv).expect(201);
    expect(response.body.imported).toBe(10_000);
    // 10,000 deposits of 0.01 to 0.09 cycling: 1,111 full cycles of 0.45, then 0.01: 499.96.
    expect((await t.http().get(`/api/v1/portfolios/${id}`).set(owner.auth).expect(200)).body.cash).toBe('499.96');
  });

  it('reads a body of 10,001 rows (past BODY_LIMIT) and refuses it by count (413 TOO_MANY_ITEMS); past 5 MiB the parser refuses (413 PAYLOAD_TOO_LARGE)', async () => {
    const id = await givenPortfolio(t, owner);
    const line = `DEPOSIT,${DAY(1)},1`;
    const csv = csvOf(['type,executedAt,amount', ...Array.from({ length: 10_001 }, () => line)]);
    const tooManyCsv = await refusedUnchanged(() => importCsv(id, csv), 413);
    expect(tooManyCsv).toMatchObject({ code: 'TOO_MANY_ITEMS', detail: 'At most 10000 rows per import; got 10001' });
    const rows = Array.from({ length: 10_001 }, () => ({ type: 'DEPOSIT', amount: '1', executedAt: DAY(1) }));
    expect(JSON.stringify(rows).length).toBeGreaterThan(100 * 1024);
    expect(await refusedUnchanged(() => importJson(id, rows), 413)).toMatchObject({ code: 'TOO_MANY_ITEMS' });
    const huge = csvOf(['type,executedAt,amount', ...Array.from({ length: 9_000 }, () => `${line}${'0'.repeat(600)}`)]);
    expect(await refusedUnchanged(() => importCsv(id, huge), 413)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    // The larger limit is the import's alone: a single transaction's body keeps BODY_LIMIT.
    const single = await t
      .http()
      .post(`/api/v1/portfolios/${id}/transactions`)
      .set(owner.auth)
      .send({ type: 'DEPOSIT', amount: '1', executedAt: DAY(1), padding: 'x'.repeat(200 * 1024) })
      .expect(413);
    expect(single.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a body that is not CSV this route reads, or in another media type, and writes nothing', async () => {
    const id = await givenPortfolio(t, owner);
    const unclosed = await refusedUnchanged(() => importCsv(id, csvOf(['type,executedAt,amount', `DEPOSIT,${DAY(1)},"100`])), 400);
    expect(unclosed.code).toBe('MALFORMED_CSV');
    const header = await refusedUnchanged(() => importCsv(id, csvOf(['kind,executedAt,amount', `DEPOSIT,${DAY(1)},100`])), 400);
    expect(header).toMatchObject({ code: 'MALFORMED_CSV' });
    expect((header.errors as Array<{ rule: string }>).map((error) => error.rule)).toEqual(['knownColumn', 'requiredColumn']);
    const onlyHeader = await refusedUnchanged(() => importCsv(id, 'type,executedAt,amount\n'), 400);
    expect(onlyHeader.errors).toEqual([{ field: '(body)', rule: 'arrayMinSize', message: 'must hold at least 1 row' }]);
    const plain = await refusedUnchanged(
      () =>
        t
          .http()
          .post(url(id))
          .set(owner.auth)
          .set('Content-Type', 'text/plain')
          .send(`type,executedAt,amount\nDEPOSIT,${DAY(1)},1\n`),
      415,
    );
    expect(plain.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await refusedUnchanged(() => t.http().post(url(id)).set(owner.auth).send({ type: 'DEPOSIT' }), 400)).errors).toEqual([
      { field: '(body)', rule: 'isArray', message: 'must be a JSON array of transaction bodies' },
    ]);
  });
});
