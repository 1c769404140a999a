import { givenHousehold, tradesOf } from '../domain/household-solver/household-solver.fixtures';
import { planHousehold } from './plan-household';

/**
 * One taxable account with $10,000 cash; targets 60 % stock / 40 % bond. A balanced fund F at $100
 * is 60 % stock and 40 % bond, so 100 F meet both targets in one order where S and B would take
 * two: the plan buys 100 F, and the household after it counts F's $10,000 as $6,000 stock and
 * $4,000 bond.
 */
describe('household rebalancing with a look-through fund', () => {
  it('counts a 60/40 fund as 60 % stock and 40 % bond, and buys it in one order', async () => {
    const plan = await planHousehold(
      givenHousehold({
        accounts: [{ id: 'brokerage', type: 'TAXABLE', cash: '10000' }],
        assets: [
          {
            id: 'F',
            price: '100',
            classes: [
              ['stock', '0.6'],
              ['bond', '0.4'],
            ],
          },
          { id: 'S', price: '100', classes: 'stock' },
          { id: 'B', price: '100', classes: 'bond' },
        ],
        targets: { stock: ['60', '5'], bond: ['40', '5'], cash: ['0', '1'] },
      }),
    );

    expect(plan.verification.ok).toBe(true);
    expect(tradesOf(plan.proposal)).toEqual(['BUY 100 F in brokerage']);
    expect(plan.breakdown.residualDrift.items.map((i) => [i.assetType, i.currentValue.toFixed(), i.currentPercentage.toFixed()])).toEqual([
      ['bond', '4000', '40'],
      ['cash', '0', '0'],
      ['stock', '6000', '60'],
    ]);
  });
});
