import { givenHousehold, tradesOf } from '../domain/household-solver/household-solver.fixtures';
import { planHousehold } from './plan-household';

/**
 * A Roth IRA of $20,000: 150 X (stock) at $100 and $5,000 cash; targets 50 % stock / 50 % bond,
 * bands 5 points, cash 0 with a 1-point band. TO_TARGET goes all the way (100 X, 100 B);
 * WITHIN_BANDS only to the edge of each band: stock down to 55 % (sell 40 X), bond up to 45 % (buy 90
 * B with the $5,000 and the $4,000 the sale raises), cash 0.
 */
function household(mode: 'TO_TARGET' | 'WITHIN_BANDS') {
  return givenHousehold({
    accounts: [{ id: 'roth', type: 'TAX_EXEMPT', cash: '5000' }],
    assets: [
      { id: 'X', price: '100', classes: 'stock' },
      { id: 'B', price: '100', classes: 'bond' },
    ],
    lots: [{ id: 'x-lot', account: 'roth', asset: 'X', quantity: '150', basis: '9000', since: '2019-04-01' }],
    targets: { stock: ['50', '5'], bond: ['50', '5'], cash: ['0', '1'] },
    options: { mode },
  });
}

describe('household rebalancing to the target or only into the bands', () => {
  it('TO_TARGET reaches 50/50', async () => {
    const plan = await planHousehold(household('TO_TARGET'));

    expect(tradesOf(plan.proposal)).toEqual(['SELL 50 from x-lot', 'BUY 100 B in roth']);
  });

  it('WITHIN_BANDS stops at the edge of each band: 55 % stock, 45 % bond', async () => {
    const plan = await planHousehold(household('WITHIN_BANDS'));

    expect(tradesOf(plan.proposal)).toEqual(['SELL 40 from x-lot', 'BUY 90 B in roth']);
    expect(plan.breakdown.residualDrift.items.map((i) => [i.assetType, i.currentPercentage.toFixed(), i.driftLevel])).toEqual([
      ['bond', '45', 'WITHIN_TOLERANCE'],
      ['cash', '0', 'WITHIN_TOLERANCE'],
      ['stock', '55', 'WITHIN_TOLERANCE'],
    ]);
  });
});
