import { Big } from '../../common/decimal/decimal';
import { givenHousehold, tradesOf, type HouseholdSketch } from '../domain/household-solver/household-solver.fixtures';
import type { HouseholdProblem } from '../domain/household-solver/problem';
import { planHousehold } from './plan-household';

/**
 * One taxable account with $10,000 cash, targets 50 % stock / 50 % bond. X was sold at a $5 loss a
 * share (10 shares, short-term) last week and nothing replaced them: buying X now would disallow
 * that loss. X2 is X's listed substitute.
 */
function household(sketch: Partial<HouseholdSketch>, washedX: boolean): HouseholdProblem {
  const problem = givenHousehold({
    accounts: [{ id: 'brokerage', type: 'TAXABLE', cash: '10000' }],
    assets: [
      { id: 'X', price: '100', classes: 'stock' },
      { id: 'X2', price: '100', classes: 'stock' },
      { id: 'B', price: '100', classes: 'bond' },
    ],
    targets: { stock: ['50', '5'], bond: ['50', '5'], cash: ['0', '1'] },
    substitutes: { X: ['X2'] },
    ...sketch,
  });
  return washedX ? { ...problem, assetWashSales: [{ assetId: 'X', quantity: new Big(10), lossPerUnit: new Big(5), term: 'SHORT' }] } : problem;
}

describe('household rebalancing and the wash-sale rule', () => {
  it('buys X itself when no recent loss stands in the way', async () => {
    const plan = await planHousehold(household({}, false));

    expect(tradesOf(plan.proposal)).toEqual(['BUY 50 B in brokerage', 'BUY 50 X in brokerage']);
  });

  it('buys the substitute X2 when buying X would wash out the recent loss', async () => {
    const plan = await planHousehold(household({}, true));

    expect(plan.verification.ok).toBe(true);
    expect(tradesOf(plan.proposal)).toEqual(['BUY 50 B in brokerage', 'BUY 50 X2 in brokerage']);
    expect(plan.proposal.buys[1].reason).toBe(
      'Buys 50 X2 as a substitute for X in taxable account brokerage, moving stock from 0.00 % to 50.00 % of the household (target 50.00 %).',
    );
  });

  it('under PRICE, with no substitute, buys X and counts the loss it destroys: 10 shares × $5 × 37 % = $18.50', async () => {
    const plan = await planHousehold(
      household(
        {
          substitutes: {},
          assets: [
            { id: 'X', price: '100', classes: 'stock' },
            { id: 'B', price: '100', classes: 'bond' },
          ],
          options: { washSaleBuys: 'PRICE' },
        },
        true,
      ),
    );

    expect(tradesOf(plan.proposal)).toEqual(['BUY 50 B in brokerage', 'BUY 50 X in brokerage']);
    expect(plan.breakdown.estimatedTax.destroyedLosses.toFixed()).toBe('18.5');
  });

  it('gives a lot whose loss would be disallowed no tax benefit, so the clean loss is harvested instead', async () => {
    const problem = household(
      {
        accounts: [{ id: 'brokerage', type: 'TAXABLE', cash: '0' }],
        assets: [
          { id: 'X', price: '100', classes: 'stock' },
          { id: 'Y', price: '100', classes: 'stock' },
          { id: 'B', price: '100', classes: 'bond' },
        ],
        lots: [
          { id: 'x-lot', account: 'brokerage', asset: 'X', quantity: '100', basis: '12000', since: '2021-02-01' },
          { id: 'y-lot', account: 'brokerage', asset: 'Y', quantity: '100', basis: '11000', since: '2021-02-01' },
        ],
        substitutes: {},
      },
      false,
    );
    const plan = await planHousehold({ ...problem, lotWashSales: [{ lotId: 'x-lot', disallowedLoss: new Big(2000) }] });

    expect(tradesOf(plan.proposal)).toEqual(['SELL 100 from y-lot', 'BUY 100 B in brokerage']);
    expect(plan.breakdown.estimatedTax.total.toFixed()).toBe('-150');
  });
});
