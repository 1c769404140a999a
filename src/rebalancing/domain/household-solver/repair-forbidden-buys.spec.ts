import { Big } from '../../../common/decimal/decimal';
import { readFacts } from './facts';
import { givenHousehold } from './household-solver.fixtures';
import { repairPlan } from './repair';

const d = (value: string) => new Big(value);

/**
 * A relaxation may split the binary that keeps a loss sale and a buy of the same asset apart, so a
 * rounded plan can sell X at a loss and buy X back. Dropping the buy alone left its class short by
 * the whole order (a household 39 points outside its bands in the bench); the repair keeps the class.
 *
 * The brokerage holds 10 X bought at $12 (now $10: a $20 loss) and $500 cash.
 */
describe('repairing a buy the wash-sale rule forbids', () => {
  const household = (assets: Array<{ id: string; price: string; classes: string | [string, string][] }>, substitutes: Record<string, string[]> = {}) =>
    readFacts(
      givenHousehold({
        accounts: [{ id: 'brokerage', type: 'TAXABLE', cash: '500' }],
        assets,
        lots: [{ id: 'x-lot', account: 'brokerage', asset: 'X', quantity: '10', basis: '120', since: '2025-01-02' }],
        targets: { stock: ['100', '5'] },
        substitutes,
      }),
    );
  const lossSaleAndBuyBack = {
    sells: [{ lotId: 'x-lot', accountId: 'brokerage', assetId: 'X', quantity: d('10') }],
    buys: [{ accountId: 'brokerage', assetId: 'X', quantity: d('60') }],
  };

  it('moves the $600 buy to the cheapest other stock asset: 150 Y at $4', () => {
    const facts = household([
      { id: 'X', price: '10', classes: 'stock' },
      { id: 'Y', price: '4', classes: 'stock' },
      { id: 'Z', price: '5', classes: 'stock' },
    ]);
    const { plan, assessment, repairs } = repairPlan(facts, lossSaleAndBuyBack);

    expect(plan.buys.map((b) => `${b.assetId} ${b.quantity.toFixed()}`)).toEqual(['Y 150']);
    expect(plan.sells.map((s) => s.quantity.toFixed())).toEqual(['10']);
    expect(assessment.violations).toEqual([]);
    expect(repairs).toEqual(['Bought Y instead of X in account brokerage: a restriction or the wash-sale rule forbids X.']);
  });

  it('prefers the substitute listed for X, though dearer: 85 Z at $7 (the $5 left over stays cash)', () => {
    const facts = household(
      [
        { id: 'X', price: '10', classes: 'stock' },
        { id: 'Y', price: '4', classes: 'stock' },
        { id: 'Z', price: '7', classes: 'stock' },
      ],
      { X: ['Z'] },
    );
    const { plan, assessment } = repairPlan(facts, lossSaleAndBuyBack);

    expect(plan.buys.map((b) => `${b.assetId} ${b.quantity.toFixed()}`)).toEqual(['Z 85']);
    expect(assessment.cashAfter.get('brokerage')!.toFixed()).toBe('5');
  });

  it('keeps the buy and drops the loss sale when no other asset moves the classes the same way', () => {
    const facts = household([
      { id: 'X', price: '10', classes: 'stock' },
      // Stock too, but a 60/40 fund: buying it instead would move bond as well.
      {
        id: 'F',
        price: '10',
        classes: [
          ['stock', '0.6'],
          ['bond', '0.4'],
        ],
      },
    ]);
    const { plan, assessment, repairs } = repairPlan(facts, { ...lossSaleAndBuyBack, buys: [{ accountId: 'brokerage', assetId: 'X', quantity: d('50') }] });

    expect(plan.sells).toEqual([]);
    expect(plan.buys.map((b) => `${b.assetId} ${b.quantity.toFixed()}`)).toEqual(['X 50']);
    expect(assessment.violations).toEqual([]);
    expect(repairs).toEqual(['Dropped the sales of X at a loss: a buy of it in the same plan would wash the loss out, and no other asset buys its classes.']);
  });
});
