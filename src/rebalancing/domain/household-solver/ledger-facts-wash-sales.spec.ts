import { Big } from '../../../common/decimal/decimal';
import { replayLedger } from '../../../portfolio/domain/ledger';
import { at, LedgerWorld } from '../../../portfolio/domain/ledger.fixtures';
import { householdLots, washSaleFacts } from './ledger-facts';
import type { HouseholdAccount } from './problem';

const ACCOUNTS: HouseholdAccount[] = [
  { id: 'brokerage', accountType: 'TAXABLE', cash: new Big(0), cashReserve: new Big(0) },
  { id: 'ira', accountType: 'TAX_DEFERRED', cash: new Big(0), cashReserve: new Big(0) },
];

/**
 * A brokerage and an IRA on 2026-06-01. X: 100 bought at $10 in January, sold at $8 on 2026-05-20,
 * a $200 short-term loss nothing replaced. Y: 100 bought at $12 in 2025 and 100 more at $10 on
 * 2026-05-25; Y is at $9. The IRA holds 50 Y bought at $11 in 2025.
 */
function world() {
  const w = new LedgerWorld({ brokerage: 'FIFO', ira: 'FIFO' }, { ira: 'TAX_DEFERRED' });
  w.deposit('brokerage', '2025-01-02', '10000');
  w.deposit('ira', '2025-01-02', '1000');
  w.buy('brokerage', '2026-01-05', 'X', '100', '10');
  const oldY = w.buy('brokerage', '2025-03-03', 'Y', '100', '12');
  w.buy('ira', '2025-03-03', 'Y', '50', '11');
  w.sell('brokerage', '2026-05-20', 'X', '100', '8');
  const newY = w.buy('brokerage', '2026-05-25', 'Y', '100', '10');
  const replay = replayLedger(
    Object.entries(w.methods).map(([id, lotMethod]) => ({ id, lotMethod, accountType: w.accountTypes[id] })),
    w.transactions,
  );
  if (!replay.ok) throw new Error(replay.violation.message);
  return { replay, oldY, newY };
}

describe('wash-sale facts of a household, from the ledger', () => {
  const prices = new Map([
    ['X', new Big(8)],
    ['Y', new Big(9)],
  ]);

  it('flags buying X now: 100 unreplaced shares, $2 a share, short-term', () => {
    const { replay } = world();
    const { assetWashSales } = washSaleFacts(replay, ACCOUNTS, prices, at('2026-06-01'));

    expect(assetWashSales.map((w) => [w.assetId, w.quantity.toFixed(), w.lossPerUnit.toFixed(), w.term])).toEqual([['X', '100', '2', 'SHORT']]);
  });

  it("flags the old Y lot, whose $300 loss last week's purchase would wash out; not the new lot nor the IRA's", () => {
    const { replay, oldY } = world();
    const { lotWashSales } = washSaleFacts(replay, ACCOUNTS, prices, at('2026-06-01'));

    expect(lotWashSales.map((w) => [w.lotId, w.disallowedLoss.toFixed()])).toEqual([[oldY, '300']]);
  });

  it('finds nothing once the 30 days have passed', () => {
    const { replay } = world();

    expect(washSaleFacts(replay, ACCOUNTS, prices, at('2026-07-10'))).toEqual({ lotWashSales: [], assetWashSales: [] });
  });

  it("takes the household's open lots with the ledger's basis", () => {
    const { replay, newY } = world();

    expect(householdLots(replay, ACCOUNTS).map((l) => [l.accountId, l.assetId, l.quantity.toFixed(), l.costBasis.toFixed(), l.id === newY])).toEqual([
      ['brokerage', 'Y', '100', '1200', false],
      ['brokerage', 'Y', '100', '1000', true],
      ['ira', 'Y', '50', '550', false],
    ]);
  });
});
