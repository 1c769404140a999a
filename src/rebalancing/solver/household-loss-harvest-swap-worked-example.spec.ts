import { givenHousehold, tradesOf } from '../domain/household-solver/household-solver.fixtures';
import { planHousehold } from './plan-household';

/**
 * One taxable account: 100 X (stock) at $100, bought for $15,000 in 2021, a $5,000 long-term loss;
 * target 100 % stock. Selling X saves $750 at 15 %, but buying X back the same day would wash the
 * loss out, so the plan swaps into Y, another stock, and stays fully invested. Of two other stocks
 * alike in every way the model offers only the cheaper per unit (Y at $50, not Z at $200).
 */
describe('household rebalancing harvests a loss by swapping into a like asset', () => {
  it('sells X at a loss and buys Y, never X itself', async () => {
    const plan = await planHousehold(
      givenHousehold({
        accounts: [{ id: 'brokerage', type: 'TAXABLE', cash: '0' }],
        assets: [
          { id: 'X', price: '100', classes: 'stock' },
          { id: 'Y', price: '50', classes: 'stock' },
          { id: 'Z', price: '200', classes: 'stock' },
        ],
        lots: [{ id: 'x-lot', account: 'brokerage', asset: 'X', quantity: '100', basis: '15000', since: '2021-04-06' }],
        targets: { stock: ['100', '5'] },
      }),
    );

    expect(plan.verification.ok).toBe(true);
    expect(tradesOf(plan.proposal)).toEqual(['SELL 100 from x-lot', 'BUY 200 Y in brokerage']);
    expect(plan.breakdown.estimatedTax.longTerm.toFixed()).toBe('-750');
    expect(plan.breakdown.residualDrift.items.map((i) => [i.assetType, i.currentPercentage.toFixed()])).toEqual([['stock', '100']]);
  });
});
