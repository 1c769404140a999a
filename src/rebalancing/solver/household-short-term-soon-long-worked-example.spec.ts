import { givenHousehold, tradesOf } from '../domain/household-solver/household-solver.fixtures';
import { planHousehold } from './plan-household';

/**
 * One taxable account, no cash, on 2026-06-01: lot A, 100 X bought 2025-06-10 for $81 a unit, turns
 * long-term on 2026-06-11, ten days away; lot B, 100 X bought 2026-01-05 for $80, stays short-term
 * until 2027. X is at $100, targets 50 % stock / 50 % bond: 100 units must go. Both gains are
 * short-term today; A's is $1 a unit smaller, so a plan blind to the calendar sells A. Waiting ten
 * days would make A's gain long-term, so with the default 30-day window the plan sells B instead.
 */
function household(avoidShortTermWithinDays: number) {
  return givenHousehold({
    accounts: [{ id: 'brokerage', type: 'TAXABLE', cash: '0' }],
    assets: [
      { id: 'X', price: '100', classes: 'stock' },
      { id: 'B', price: '100', classes: 'bond' },
    ],
    lots: [
      { id: 'lot-a', account: 'brokerage', asset: 'X', quantity: '100', basis: '8100', since: '2025-06-10' },
      { id: 'lot-b', account: 'brokerage', asset: 'X', quantity: '100', basis: '8000', since: '2026-01-05' },
    ],
    targets: { stock: ['50', '5'], bond: ['50', '5'] },
    options: { avoidShortTermWithinDays },
  });
}

describe('household rebalancing near a lot turning long-term', () => {
  it('sells the lot with the smaller short-term gain when no window is asked', async () => {
    const plan = await planHousehold(household(0));

    expect(tradesOf(plan.proposal)).toEqual(['SELL 100 from lot-a', 'BUY 100 B in brokerage']);
    expect(plan.breakdown.shortTermGain.toFixed()).toBe('1900');
  });

  it('leaves the lot turning long-term in 10 days alone within the default 30-day window', async () => {
    const plan = await planHousehold(household(30));

    expect(tradesOf(plan.proposal)).toEqual(['SELL 100 from lot-b', 'BUY 100 B in brokerage']);
    expect(plan.breakdown.shortTermGain.toFixed()).toBe('2000');
    expect(plan.breakdown.estimatedTax.shortTerm.toFixed()).toBe('740');
  });
});
