import { givenHousehold, tradesOf } from '../domain/household-solver/household-solver.fixtures';
import type { Restriction } from '../domain/household-solver/problem';
import { planHousehold } from './plan-household';

/**
 * One taxable account, $20,000: 100 X at $100 bought for $12,000 (a $2,000 long-term loss) and
 * 100 Y at $100 bought for $8,000 (a $2,000 long-term gain), both stock, no cash. Target 50 % stock
 * / 50 % bond: $10,000 of stock to sell. Free to choose, the plan harvests X's loss ($300 saved at
 * 15 %); with X on the do-not-sell list it sells Y instead and pays $300.
 */
function household(restrictions: Restriction[]) {
  return givenHousehold({
    accounts: [{ id: 'brokerage', type: 'TAXABLE', cash: '0' }],
    assets: [
      { id: 'X', price: '100', classes: 'stock' },
      { id: 'Y', price: '100', classes: 'stock' },
      { id: 'B', price: '100', classes: 'bond' },
    ],
    lots: [
      { id: 'x-lot', account: 'brokerage', asset: 'X', quantity: '100', basis: '12000', since: '2021-02-01' },
      { id: 'y-lot', account: 'brokerage', asset: 'Y', quantity: '100', basis: '8000', since: '2021-02-01' },
    ],
    targets: { stock: ['50', '5'], bond: ['50', '5'] },
    restrictions,
  });
}

describe('household rebalancing around a do-not-sell holding', () => {
  it('harvests the loss on X when nothing stops it', async () => {
    const plan = await planHousehold(household([]));

    expect(tradesOf(plan.proposal)).toEqual(['SELL 100 from x-lot', 'BUY 100 B in brokerage']);
    expect(plan.breakdown.estimatedTax.total.toFixed()).toBe('-300');
  });

  it('sells Y instead when X may not be sold, and still reaches the target', async () => {
    const plan = await planHousehold(household([{ assetId: 'X', kind: 'DO_NOT_SELL' }]));

    expect(plan.verification.ok).toBe(true);
    expect(tradesOf(plan.proposal)).toEqual(['SELL 100 from y-lot', 'BUY 100 B in brokerage']);
    expect(plan.breakdown.estimatedTax.total.toFixed()).toBe('300');
    expect(plan.breakdown.residualDrift.status).toBe('WITHIN_TOLERANCE');
    expect(plan.breakdown.residualDrift.totalDrift.toFixed()).toBe('0');
  });
});
