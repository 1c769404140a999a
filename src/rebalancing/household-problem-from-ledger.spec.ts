import { Big } from '../common/decimal/decimal';
import { replayLedger } from '../portfolio/domain/ledger';
import { at, LedgerWorld } from '../portfolio/domain/ledger.fixtures';
import { AssetClassWeight } from '../portfolio/entities/asset-class-weight.entity';
import { Asset } from '../portfolio/entities/asset.entity';
import type { HouseholdReplay } from '../portfolio/ledger.service';
import { DEFAULT_LOCATION_PENALTIES } from './domain/household-solver/problem';
import { HouseholdTargetAllocation } from './entities/household-target-allocation.entity';
import { householdProblem, resolveOptions } from './household-problem';

const asset = (id: string, assetType: string, weights: Array<[string, string]> = []) =>
  Object.assign(new Asset(), {
    id,
    symbol: id.toUpperCase(),
    assetType,
    classWeights: weights.map(([type, percentage]) => Object.assign(new AssetClassWeight(), { assetId: id, assetType: type, percentage: new Big(percentage) })),
  });

const target = (assetType: string, targetPercentage: string, tolerancePercentage: string, relative: string | null = null) =>
  Object.assign(new HouseholdTargetAllocation(), {
    assetType,
    targetPercentage: new Big(targetPercentage),
    tolerancePercentage: new Big(tolerancePercentage),
    relativeTolerancePercentage: relative === null ? null : new Big(relative),
  });

/**
 * A brokerage (taxable) holding 10 of a 60/40 fund and 5 of an unpriced stock, and an IRA with $300
 * cash, at household rates of 37 % and 15 %. The problem takes the fund's weights as 0.6 and 0.4
 * (the catalogue's percentages over 100, exactly), the rates as 0.37 and 0.15, each account's cash from
 * the replay with the requested reserve, and bond's 20 % target with a 5-point band and a 10 %
 * relative band as its effective band of 2 points; the unpriced stock's lot is left out.
 */
describe('the household problem built from the ledger, the catalogue and the request', () => {
  const world = new LedgerWorld({ brokerage: 'FIFO', ira: 'FIFO' });
  world.deposit('brokerage', '2024-01-02', '1500');
  const fundLot = world.buy('brokerage', '2024-01-03', 'fund', '10', '100');
  world.buy('brokerage', '2024-01-03', 'unpriced', '5', '10');
  world.deposit('ira', '2024-01-02', '300');
  const accounts: HouseholdReplay['accounts'] = [
    { id: 'brokerage', lotMethod: 'FIFO', accountType: 'TAXABLE' },
    { id: 'ira', lotMethod: 'FIFO', accountType: 'TAX_DEFERRED' },
  ];
  const replay = replayLedger(accounts, world.transactions);
  if (!replay.ok) throw new Error(replay.violation.message);
  const household: HouseholdReplay = { accounts, replay };
  const options = resolveOptions({ cashReserve: '50', maxTax: '100', weightTax: '2' }, { shortTermRate: new Big('37'), longTermRate: new Big('15') });
  const problem = householdProblem({
    household,
    targets: [target('bond', '20', '5', '10'), target('stock', '80', '5')],
    assets: [
      {
        asset: asset('fund', 'stock', [
          ['stock', '60'],
          ['bond', '40'],
        ]),
        price: new Big('110'),
      },
      { asset: asset('bond-fund', 'bond'), price: new Big('50') },
    ],
    inputs: { restrictions: [], substitutes: {}, locationPenalties: DEFAULT_LOCATION_PENALTIES },
    options,
    asOf: at('2026-06-01'),
  });

  it('fills the defaults and turns the household’s percent rates into fractions', () => {
    expect(options).toMatchObject({ mode: 'TO_TARGET', wholeUnits: false, minTradeValue: '0', maxTrades: null, maxTax: '100', cashReserve: '50' });
    expect([options.shortTermRate, options.longTermRate, options.weightTax, options.weightDrift]).toEqual(['0.37', '0.15', '2', '100']);
    expect(problem.rates.shortTerm.toFixed()).toBe('0.37');
    expect(problem.options.weights.tax.toFixed()).toBe('2');
    expect(problem.budget.maxTax?.toFixed()).toBe('100');
  });

  it('counts a look-through fund by the catalogue’s percentages over 100, summing to exactly 1', () => {
    const fund = problem.assets.find((a) => a.id === 'fund')!;
    expect(fund.classWeights.map((w) => [w.assetClass, w.weight.toFixed()])).toEqual([
      ['stock', '0.6'],
      ['bond', '0.4'],
    ]);
    expect(problem.assets.find((a) => a.id === 'bond-fund')!.classWeights.map((w) => [w.assetClass, w.weight.toFixed()])).toEqual([['bond', '1']]);
  });

  it('takes cash and lots from the replay, with the reserve, and leaves out the lot of an asset without a price', () => {
    expect(problem.accounts.map((a) => [a.id, a.accountType, a.cash.toFixed(), a.cashReserve.toFixed()])).toEqual([
      ['brokerage', 'TAXABLE', '450', '50'],
      ['ira', 'TAX_DEFERRED', '300', '50'],
    ]);
    expect(problem.lots.map((l) => [l.id, l.accountId, l.assetId, l.quantity.toFixed(), l.costBasis.toFixed()])).toEqual([
      [fundLot, 'brokerage', 'fund', '10', '1000'],
    ]);
  });

  it('judges each class by its effective band: the smaller of the absolute and the relative one', () => {
    expect(problem.targets.map((t) => [t.assetClass, t.targetPercentage.toFixed(), t.tolerancePercentage.toFixed()])).toEqual([
      ['bond', '20', '2'],
      ['stock', '80', '5'],
    ]);
  });
});
