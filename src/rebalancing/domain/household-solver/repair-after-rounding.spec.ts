import { Big } from '../../../common/decimal/decimal';
import { readFacts } from './facts';
import { givenHousehold } from './household-solver.fixtures';
import { repairPlan } from './repair';

const d = (value: string) => new Big(value);

/**
 * The solver works in floats, so a rounded answer can miss a hard constraint by a step. These
 * plans are broken on purpose the way rounding breaks them; the repair shrinks them back, exactly.
 */
describe('repairing a rounded plan', () => {
  const facts = readFacts(
    givenHousehold({
      accounts: [{ id: 'brokerage', type: 'TAXABLE', cash: '100', reserve: '10' }],
      assets: [
        { id: 'X', price: '3', classes: 'stock' },
        { id: 'B', price: '7', classes: 'bond' },
      ],
      lots: [{ id: 'x-lot', account: 'brokerage', asset: 'X', quantity: '10', basis: '10', since: '2020-01-02' }],
      targets: { stock: ['50', '5'], bond: ['50', '5'] },
      budget: { maxLongTermGain: '12' },
      options: { wholeUnits: false },
    }),
  );

  it('cuts a buy that takes the cash 1e-8 units below its reserve, by exactly that step', () => {
    // $90 above the reserve buys 12.85714285 B (89.99999995); one step more takes 90.00000002.
    const { plan, assessment, repairs } = repairPlan(facts, { sells: [], buys: [{ accountId: 'brokerage', assetId: 'B', quantity: d('12.85714286') }] });

    expect(plan.buys.map((b) => b.quantity.toFixed())).toEqual(['12.85714285']);
    expect(assessment.cashAfter.get('brokerage')!.toFixed()).toBe('10.00000005');
    expect(assessment.violations).toEqual([]);
    expect(repairs).toEqual(['Cut the buy of B in account brokerage to 12.85714285 units to keep its cash reserve.']);
  });

  it('cuts a gain sale back to the budget: $2 of long-term gain a unit, $12 allowed, 6 units', () => {
    const { plan, assessment } = repairPlan(facts, { sells: [{ lotId: 'x-lot', accountId: 'brokerage', assetId: 'X', quantity: d('6.00000001') }], buys: [] });

    expect(plan.sells.map((s) => s.quantity.toFixed())).toEqual(['6']);
    expect(assessment.longTermGain.toFixed()).toBe('12');
    expect(assessment.violations).toEqual([]);
  });

  it('drops a sale of more than the lot holds down to the lot', () => {
    const { plan, assessment } = repairPlan(facts, { sells: [{ lotId: 'x-lot', accountId: 'brokerage', assetId: 'X', quantity: d('10.00000001') }], buys: [] });

    // 10 units sell out the lot, then the budget cuts them to 6.
    expect(plan.sells.map((s) => s.quantity.toFixed())).toEqual(['6']);
    expect(assessment.violations).toEqual([]);
  });
});
