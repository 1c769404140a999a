import { Big } from '../../../common/decimal/decimal';
import type { ExactPlan } from './exact-plan';
import { givenHousehold, tradesOf } from './household-solver.fixtures';
import { buildModel } from './model';
import { polishPlan } from './polish-start';
import type { SolveOptions } from './problem';
import { assessPlan } from './verify';

/**
 * A 401(k) of $10,100 cash aiming at 60 % stock, 40 % bond (so cash at 0, with no band). The
 * relaxation buys 25.25 units of a $400 balanced fund (60/40), which lands every class on target; in
 * whole units the start buys 25, so $100 stays in cash: stock $60 short, bond $40 short, cash $100
 * outside its band. That start is $10,000 of drift and $191 of distance (beyond the half-unit grains:
 * $2.50 for stock and cash, a $5 unit of STK; $4 for bond, an $8 unit of BND) from the relaxation,
 * which HiGHS would otherwise have to find back itself.
 */
describe('polishing a whole-unit MIP start', () => {
  const household = (options: Partial<SolveOptions> = {}) =>
    givenHousehold({
      accounts: [{ id: '401k', type: 'TAX_DEFERRED', cash: '10100' }],
      assets: [
        {
          id: 'BAL',
          price: '400',
          classes: [
            ['stock', '0.6'],
            ['bond', '0.4'],
          ],
        },
        { id: 'STK', price: '5', classes: 'stock' },
        { id: 'BND', price: '8', classes: 'bond' },
      ],
      targets: { stock: ['60', '5'], bond: ['40', '5'] },
      options,
    });
  const rounded: ExactPlan = { sells: [], buys: [{ accountId: '401k', assetId: 'BAL', quantity: new Big(25) }] };

  it('spends the $100 the rounding left on 12 STK and 5 BND (after 20 STK, then a swap of 8 STK for 5 BND): every class on target', () => {
    const model = buildModel(household());
    const polished = polishPlan(model, rounded, assessPlan(model.facts, rounded).cashAfter);

    expect(tradesOf(polished)).toEqual(['BUY 25 BAL in 401k', 'BUY 12 STK in 401k', 'BUY 5 BND in 401k']);
    const after = assessPlan(model.facts, polished);
    expect(after.violations).toEqual([]);
    expect(after.cashAfter.get('401k')!.toFixed()).toBe('0');
    expect(after.drift.items.map((item) => [item.assetType, item.currentValue.toFixed()])).toEqual(
      expect.arrayContaining([
        ['stock', '6060'],
        ['bond', '4040'],
      ]),
    );
  });

  it('opens no order below the minimum trade: with $100 minimum, 20 STK take the $100 and bond stays $40 short', () => {
    const model = buildModel(household({ minTradeValue: new Big(100) }));
    const polished = polishPlan(model, rounded, assessPlan(model.facts, rounded).cashAfter);

    // 20 STK put cash back on its band, worth far more than stock $40 past its target; 12 STK alone ($60) may not trade,
    // nor may 5 BND ($40), and no cash is left for a bond buy of $100.
    expect(tradesOf(polished)).toEqual(['BUY 25 BAL in 401k', 'BUY 20 STK in 401k']);
    expect(assessPlan(model.facts, polished).violations).toEqual([]);
  });

  it('spends no cash the account does not have: with the $100 held as a reserve, the start stays as it was', () => {
    const problem = household();
    problem.accounts[0].cashReserve = new Big(100);
    const model = buildModel(problem);
    const polished = polishPlan(model, rounded, assessPlan(model.facts, rounded).cashAfter);

    expect(tradesOf(polished)).toEqual(['BUY 25 BAL in 401k']);
  });
});

/**
 * A taxable account of $1,000 in 100 units of STK at $10 (bought at $5, long-term), aiming at half
 * stock, half cash. The plan sells 50 units; a start that sells 40 leaves stock $100 over its target.
 */
describe('polishing the sales of a whole-unit MIP start', () => {
  const household = (budget?: { maxLongTermGain: string }) =>
    givenHousehold({
      accounts: [{ id: 'brokerage', type: 'TAXABLE', cash: '0' }],
      assets: [{ id: 'STK', price: '10', classes: 'stock' }],
      lots: [{ id: 'stk-lot', account: 'brokerage', asset: 'STK', quantity: '100', basis: '500', since: '2020-01-02' }],
      targets: { stock: ['50', '5'], cash: ['50', '5'] },
      budget,
    });
  const rounded: ExactPlan = { sells: [{ lotId: 'stk-lot', accountId: 'brokerage', assetId: 'STK', quantity: new Big(40) }], buys: [] };

  it('sells the 10 units the start left: 50 in all, $250 of long-term gain, $37.50 of tax at 15 %', () => {
    const model = buildModel(household());
    const polished = polishPlan(model, rounded, assessPlan(model.facts, rounded).cashAfter);

    expect(tradesOf(polished)).toEqual(['SELL 50 from stk-lot']);
    expect(assessPlan(model.facts, polished).estimatedTax.total.toFixed()).toBe('37.5');
  });

  it('stops at the gain budget: $222.50 of long-term gain allows 44 units ($220), a 45th would take it to $225', () => {
    const model = buildModel(household({ maxLongTermGain: '222.50' }));
    const polished = polishPlan(model, rounded, assessPlan(model.facts, rounded).cashAfter);

    expect(tradesOf(polished)).toEqual(['SELL 44 from stk-lot']);
    expect(assessPlan(model.facts, polished).violations).toEqual([]);
  });
});
