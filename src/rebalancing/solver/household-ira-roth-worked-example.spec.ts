import { givenHousehold, tradesOf } from '../domain/household-solver/household-solver.fixtures';
import { planHousehold } from './plan-household';

/**
 * A household of three accounts, $20,000 in all: a taxable brokerage with 100 X (stock) at $100
 * bought for $4,000 long ago, a traditional IRA with $5,000 cash, a Roth IRA with 50 X at $100.
 * Target 50 % stock / 50 % bond (bands 5 points), cash 0 (band 1): $10,000 of bond to buy, $5,000
 * of stock to sell. The IRA's cash buys 50 B there (bonds belong in a tax-deferred account); the
 * stock sale happens in the Roth, where it costs no tax, not in the brokerage, where 50 X would
 * realize a $3,000 long-term gain ($450 at 15 %), and the Roth's proceeds buy the other 50 B.
 */
function household() {
  return givenHousehold({
    accounts: [
      { id: 'brokerage', type: 'TAXABLE', cash: '0' },
      { id: 'ira', type: 'TAX_DEFERRED', cash: '5000' },
      { id: 'roth', type: 'TAX_EXEMPT', cash: '0' },
    ],
    assets: [
      { id: 'X', price: '100', classes: 'stock' },
      { id: 'B', price: '100', classes: 'bond' },
    ],
    lots: [
      { id: 'brokerage-x', account: 'brokerage', asset: 'X', quantity: '100', basis: '4000', since: '2020-01-10' },
      { id: 'roth-x', account: 'roth', asset: 'X', quantity: '50', basis: '5000', since: '2021-05-03' },
    ],
    targets: { stock: ['50', '5'], bond: ['50', '5'], cash: ['0', '1'] },
  });
}

describe('household rebalancing across a brokerage, an IRA and a Roth', () => {
  it('buys the bonds in the IRA and sells the stock in the Roth, at no tax', async () => {
    const plan = await planHousehold(household());

    expect(plan.solver.status).toBe('OPTIMAL');
    expect(plan.verification).toEqual({ ok: true, violations: [], repairs: [] });
    expect(tradesOf(plan.proposal)).toEqual(['SELL 50 from roth-x', 'BUY 50 B in ira', 'BUY 50 B in roth']);
    expect(plan.breakdown.estimatedTax.total.toFixed()).toBe('0');
    expect(plan.breakdown.residualDrift.items.map((i) => [i.assetType, i.currentValue.toFixed()])).toEqual([
      ['bond', '10000'],
      ['cash', '0'],
      ['stock', '10000'],
    ]);
    expect(plan.breakdown.trades).toBe(3);
    expect(plan.breakdown.turnover.toFixed()).toBe('15000');
    // Naive, each account to 50/50 on its own: the brokerage sells 50 X ($3,000 long-term gain, $450),
    // the IRA buys 25 X and 25 B, the Roth sells 25 X and buys 25 B; 6 orders.
    expect(plan.baseline.naive.estimatedTax.total.toFixed()).toBe('450');
    expect(plan.baseline.naive.trades).toBe(6);
    expect(plan.baseline.taxSavedVsNaive.toFixed()).toBe('450');
    expect(plan.proposal.sells[0].reason).toBe(
      'Sells 50 X from lot roth-x in account roth at no tax in a tax-exempt account, moving stock from 75.00 % to 50.00 % of the household (target 50.00 %).',
    );
  });
});
