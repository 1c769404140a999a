import { Big, toDecimalString } from '../../common/decimal/decimal';
import { replayLedger } from '../../portfolio/domain/ledger';
import { LedgerWorld } from '../../portfolio/domain/ledger.fixtures';
import { generateSuggestions, type GeneratorHolding } from './suggestions';
import { givenGenerator, NOW, readable } from './suggestions.fixtures';
import { harvestOpportunities } from './tax-loss-harvesting';

/**
 * A lot's own purchase is not its replacement (IRC §1091; Treas. Reg. §1.1091-1(a); Rev. Rul. 56-602).
 *
 * Portfolio p: a deposit of 8,000; 16 X bought at 80 on 2024-06-03 (1,280, long-term) and 16 X bought
 * at 120 on 2026-02-20, ten days before NOW (1,920, short-term), so 4,800 of cash. X is priced 100:
 * the old lot is worth 1,600, a gain of +320; the new one 1,600, a loss of −320. Targets: stock 20,
 * cash 80, so 1,600 of the 3,200 of stock is to be sold.
 *
 * Selling the new lot is not a wash sale: the only purchase in the 30 days is the one the lot came
 * from. The ledger says so when the sale is recorded; harvesting and suggestions must say the same.
 * Another purchase of 4 X five days ago, in another portfolio, replaces 4 of the 16 shares:
 * 320 × 4 / 16 = 80 of the loss is disallowed, and the plan sells the gaining lot instead.
 */
function world(otherPurchase: boolean) {
  const ledger = new LedgerWorld({ p: 'FIFO', q: 'FIFO' });
  ledger.deposit('p', '2024-06-01', '8000');
  const oldLot = ledger.buy('p', '2024-06-03', 'x', '16', '80');
  const newLot = ledger.buy('p', '2026-02-20', 'x', '16', '120');
  if (otherPurchase) {
    ledger.deposit('q', '2026-02-01', '1000');
    ledger.buy('q', '2026-02-25', 'x', '4', '100');
  }
  const result = replayLedger(
    Object.entries(ledger.methods).map(([id, lotMethod]) => ({ id, lotMethod })),
    ledger.transactions,
  );
  if (!result.ok) throw new Error(result.violation.message);
  const lots = result.portfolios.get('p')!.lots;
  const holding: GeneratorHolding = {
    assetId: 'x',
    symbol: 'X',
    assetType: 'stock',
    quantity: new Big(32),
    price: new Big(100),
    lots: lots.map((lot) => ({ lotId: lot.id, quantity: lot.quantity, costBasis: lot.costBasis, holdingPeriodStart: lot.holdingPeriodStart })),
  };
  return { ledger, oldLot, newLot, holding, washSaleLots: result.washSaleLots, cash: result.portfolios.get('p')!.cash };
}

/** What the ledger records when the new lot is sold whole at 100 at NOW. */
function recordedSale(otherPurchase: boolean) {
  const { ledger, newLot } = world(otherPurchase);
  ledger.sell('p', NOW.toISOString(), 'x', '16', '100', { lots: [[newLot, '16']] });
  const [gain] = ledger.portfolio('p').realizedGains;
  return [toDecimalString(gain.gain), toDecimalString(gain.washSaleDisallowed)];
}

function harvest(otherPurchase: boolean) {
  const { holding, washSaleLots } = world(otherPurchase);
  return harvestOpportunities({
    lots: holding.lots.map((lot) => ({ ...lot, assetId: 'x', symbol: 'X', assetType: 'stock' })),
    prices: new Map([['x', new Big(100)]]),
    catalogue: [{ assetId: 'x', symbol: 'X', assetType: 'stock', price: new Big(100) }],
    washSaleLots,
    now: NOW,
    minLoss: new Big(0),
    minLossPercent: new Big(0),
    shortTermRate: new Big('0.37'),
    longTermRate: new Big('0.2'),
  });
}

function plan(otherPurchase: boolean) {
  const { holding, washSaleLots, cash } = world(otherPurchase);
  const input = { ...givenGenerator({ holdings: [holding], cash: toDecimalString(cash), targets: { stock: '20', cash: '80' } }), washSaleLots };
  return generateSuggestions(input).suggestions;
}

describe('a single recent losing lot: its own purchase is not its replacement', () => {
  it('holds 4,800 of cash and 32 X in two lots', () => {
    const { oldLot, newLot, holding, cash } = world(false);
    expect(toDecimalString(cash)).toBe('4800');
    expect(holding.lots.map((lot) => [lot.lotId, toDecimalString(lot.quantity), toDecimalString(lot.costBasis)])).toEqual([
      [oldLot, '16', '1280'],
      [newLot, '16', '1920'],
    ]);
  });

  it('the ledger, recording the sale of the new lot, disallows nothing; with another purchase of 4 X, 80', () => {
    expect(recordedSale(false)).toEqual(['-320', '0']);
    expect(recordedSale(true)).toEqual(['-320', '80']);
  });

  it('harvesting lists the loss of 320 as not blocked, nothing disallowed', () => {
    const [opportunity] = harvest(false);

    expect({
      lotId: opportunity.lotId,
      unrealizedLoss: toDecimalString(opportunity.unrealizedLoss),
      term: opportunity.term,
      washSaleBlocked: opportunity.washSaleBlocked,
      washSaleDisallowed: toDecimalString(opportunity.washSaleDisallowed),
      washSaleSafeAfter: opportunity.washSaleSafeAfter,
      estimatedTaxSaving: toDecimalString(opportunity.estimatedTaxSaving),
    }).toEqual({
      lotId: world(false).newLot,
      unrealizedLoss: '320',
      term: 'SHORT',
      washSaleBlocked: false,
      washSaleDisallowed: '0',
      washSaleSafeAfter: null,
      estimatedTaxSaving: '118.4',
    });
  });

  it('the tax-aware plan sells the losing lot (−320 short-term), harvesting it, not the gaining one', () => {
    const [sale] = plan(false).map(readable);

    expect(sale).toMatchObject({
      action: 'SELL',
      quantity: '16',
      estimatedValue: '1600',
      lots: [{ lotId: world(false).newLot, quantity: '16', gain: '-320', term: 'SHORT', washSaleDisallowed: '0' }],
      estimatedRealizedGain: { shortTerm: '-320', longTerm: '0' },
      taxLossHarvesting: true,
      washSale: false,
    });
  });

  it('with 4 X bought five days ago in another portfolio: 80 of the loss disallowed, and the plan sells the gaining lot (+320 long-term)', () => {
    const [opportunity] = harvest(true);
    expect([opportunity.washSaleBlocked, toDecimalString(opportunity.washSaleDisallowed), opportunity.washSaleSafeAfter?.toISOString().slice(0, 10)]).toEqual([
      true,
      '80',
      '2026-03-28',
    ]);

    const [sale] = plan(true).map(readable);
    expect(sale).toMatchObject({
      lots: [{ lotId: world(true).oldLot, quantity: '16', gain: '320', term: 'LONG', washSaleDisallowed: '0' }],
      taxLossHarvesting: false,
      washSale: false,
    });
  });
});
