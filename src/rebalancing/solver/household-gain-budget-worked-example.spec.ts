import { givenHousehold, tradesOf } from '../domain/household-solver/household-solver.fixtures';
import { planHousehold } from './plan-household';

/**
 * One taxable account: 100 X (stock) at $100, bought for $5,000 in 2020, so $50 of long-term gain
 * per unit, and no cash. Target 50 % stock / 50 % bond, bands 5 points. Reaching the target means
 * selling 50 X ($2,500 of gain); a long-term gain budget of $1,000 allows 20 units. The plan sells
 * exactly 20 X, buys 20 B, and reports the drift that is left: stock 80 %, bond 20 %.
 */
describe('household rebalancing under a gain budget', () => {
  it('stops the sale at the budget and reports the residual drift', async () => {
    const plan = await planHousehold(
      givenHousehold({
        accounts: [{ id: 'brokerage', type: 'TAXABLE', cash: '0' }],
        assets: [
          { id: 'X', price: '100', classes: 'stock' },
          { id: 'B', price: '100', classes: 'bond' },
        ],
        lots: [{ id: 'x-2020', account: 'brokerage', asset: 'X', quantity: '100', basis: '5000', since: '2020-03-02' }],
        targets: { stock: ['50', '5'], bond: ['50', '5'] },
        budget: { maxLongTermGain: '1000' },
      }),
    );

    expect(plan.verification.ok).toBe(true);
    expect(tradesOf(plan.proposal)).toEqual(['SELL 20 from x-2020', 'BUY 20 B in brokerage']);
    expect(plan.breakdown.longTermGain.toFixed()).toBe('1000');
    expect(plan.breakdown.estimatedTax.longTerm.toFixed()).toBe('150');
    expect(plan.breakdown.residualDrift.status).toBe('CRITICAL');
    expect(plan.breakdown.residualDrift.items.map((i) => [i.assetType, i.currentPercentage.toFixed(), i.driftLevel])).toEqual([
      ['bond', '20', 'CRITICAL'],
      ['stock', '80', 'CRITICAL'],
    ]);
    expect(plan.proposal.sells[0].reason).toBe(
      'Sells 20 X from lot x-2020 in account brokerage realizing a long-term gain of 1000.00, moving stock from 100.00 % to 80.00 % of the household (target 50.00 %).',
    );
  });
});
