import { purchaseWouldReplace } from './wash-sales';
import { replayLedger, type OpenLot, type RealizedGain } from './ledger';
import { at, figures, LedgerWorld } from './ledger.fixtures';

const ROW = ['gain', 'washSaleDisallowed', 'reportableGain', 'taxable'] as const satisfies (keyof RealizedGain)[];
const LOT = ['quantity', 'costBasis', 'washSaleAdjustment', 'holdingPeriodStart'] as const satisfies (keyof OpenLot)[];

function lotById(lots: OpenLot[], id: string): Record<string, string> {
  const lot = lots.find((candidate) => candidate.id === id);
  if (!lot) throw new Error(`no open lot ${id}`);
  return figures(lot, [...LOT]);
}

/**
 * One household: a taxable brokerage account and a traditional IRA. 100 X bought in the brokerage
 * for $1,000 on 2025-01-06 are sold there for $800 on 2025-03-10, a $200 loss.
 */
function household() {
  const world = new LedgerWorld({ brokerage: 'FIFO', ira: 'FIFO' }, { ira: 'TAX_DEFERRED' });
  world.deposit('brokerage', '2025-01-02', '5000');
  world.deposit('ira', '2025-01-02', '5000');
  world.buy('brokerage', '2025-01-06', 'X', '100', '10');
  return world;
}

describe('tax-deferred and tax-exempt accounts in the ledger (Rev. Rul. 2008-5)', () => {
  it('an IRA purchase 10 days after a loss sale in the brokerage disallows the $200 for good: the IRA lot keeps its $820 basis and its own date', () => {
    const world = household();
    world.sell('brokerage', '2025-03-10', 'X', '100', '8');
    const iraLot = world.buy('ira', '2025-03-20', 'X', '100', '8.20');
    // A brokerage purchase later in the window finds no loss left to take: the IRA shares took it.
    const brokerageLot = world.buy('brokerage', '2025-03-25', 'X', '100', '8.10');
    const portfolios = world.replay();

    expect(figures(portfolios.get('brokerage')!.realizedGains[0], [...ROW])).toEqual({
      gain: '-200',
      washSaleDisallowed: '200',
      reportableGain: '0',
      taxable: 'true',
    });
    expect(lotById(portfolios.get('ira')!.lots, iraLot)).toEqual({
      quantity: '100',
      costBasis: '820',
      washSaleAdjustment: '0',
      holdingPeriodStart: '2025-03-20',
    });
    expect(lotById(portfolios.get('brokerage')!.lots, brokerageLot)).toEqual({
      quantity: '100',
      costBasis: '810',
      washSaleAdjustment: '0',
      holdingPeriodStart: '2025-03-25',
    });
  });

  it('an IRA lot bought 20 days before the loss sale replaces it too, and stays as it was', () => {
    const world = household();
    const iraLot = world.buy('ira', '2025-02-18', 'X', '100', '9');
    world.sell('brokerage', '2025-03-10', 'X', '100', '8');
    const portfolios = world.replay();

    expect(figures(portfolios.get('brokerage')!.realizedGains[0], [...ROW])).toEqual({
      gain: '-200',
      washSaleDisallowed: '200',
      reportableGain: '0',
      taxable: 'true',
    });
    expect(lotById(portfolios.get('ira')!.lots, iraLot)).toEqual({
      quantity: '100',
      costBasis: '900',
      washSaleAdjustment: '0',
      holdingPeriodStart: '2025-02-18',
    });
  });

  it('50 IRA shares take half the loss for good ($100); 50 brokerage shares bought after take the other $100 onto their basis', () => {
    const world = household();
    world.sell('brokerage', '2025-03-10', 'X', '100', '8');
    const iraLot = world.buy('ira', '2025-03-12', 'X', '50', '8');
    const brokerageLot = world.buy('brokerage', '2025-03-14', 'X', '50', '8');
    const portfolios = world.replay();

    expect(figures(portfolios.get('brokerage')!.realizedGains[0], [...ROW])).toEqual({
      gain: '-200',
      washSaleDisallowed: '200',
      reportableGain: '0',
      taxable: 'true',
    });
    expect(lotById(portfolios.get('ira')!.lots, iraLot)).toEqual({
      quantity: '50',
      costBasis: '400',
      washSaleAdjustment: '0',
      holdingPeriodStart: '2025-03-12',
    });
    // $400 + $100; the sold shares were held 63 days (2025-01-06 → 03-10), tacked on before 2025-03-14.
    expect(lotById(portfolios.get('brokerage')!.lots, brokerageLot)).toEqual({
      quantity: '50',
      costBasis: '500',
      washSaleAdjustment: '100',
      holdingPeriodStart: '2025-01-10',
    });
  });

  it('a sale inside the IRA realizes nothing reportable: its $150 loss is kept with taxable false, and no purchase washes it', () => {
    const world = new LedgerWorld({ brokerage: 'FIFO', roth: 'FIFO' }, { roth: 'TAX_EXEMPT' });
    world.deposit('roth', '2025-01-02', '2000');
    world.deposit('brokerage', '2025-01-02', '2000');
    world.buy('roth', '2025-01-06', 'X', '50', '10');
    world.sell('roth', '2025-03-10', 'X', '50', '7');
    const rothLot = world.buy('roth', '2025-03-15', 'X', '50', '7');
    const brokerageLot = world.buy('brokerage', '2025-03-16', 'X', '50', '7');
    const result = replayLedger(
      [
        { id: 'brokerage', lotMethod: 'FIFO' },
        { id: 'roth', lotMethod: 'FIFO', accountType: 'TAX_EXEMPT' },
      ],
      world.transactions,
    );
    if (!result.ok) throw new Error(result.violation.message);

    expect(figures(result.portfolios.get('roth')!.realizedGains[0], [...ROW])).toEqual({
      gain: '-150',
      washSaleDisallowed: '0',
      reportableGain: '-150',
      taxable: 'false',
    });
    expect(lotById(result.portfolios.get('roth')!.lots, rothLot)).toMatchObject({ costBasis: '350', washSaleAdjustment: '0' });
    expect(lotById(result.portfolios.get('brokerage')!.lots, brokerageLot)).toMatchObject({ costBasis: '350', washSaleAdjustment: '0' });
    // Nor would a purchase after the history: the loss was never one the rule watches.
    expect(purchaseWouldReplace(result.unreplacedLosses, 'X', at('2025-03-20'))).toBe(false);
  });

  it('a gain in the IRA is kept with taxable false; in the brokerage with taxable true', () => {
    const world = household();
    world.buy('ira', '2025-01-06', 'X', '10', '10');
    world.sell('ira', '2025-02-03', 'X', '10', '12');
    world.sell('brokerage', '2025-02-03', 'X', '10', '12');
    const portfolios = world.replay();
    expect(figures(portfolios.get('ira')!.realizedGains[0], [...ROW])).toEqual({ gain: '20', washSaleDisallowed: '0', reportableGain: '20', taxable: 'false' });
    expect(figures(portfolios.get('brokerage')!.realizedGains[0], [...ROW])).toEqual({
      gain: '20',
      washSaleDisallowed: '0',
      reportableGain: '20',
      taxable: 'true',
    });
  });
});
