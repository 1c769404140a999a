import { readFacts } from './facts';
import { givenHousehold, type HouseholdSketch } from './household-solver.fixtures';

const base: HouseholdSketch = {
  accounts: [{ id: 'brokerage', type: 'TAXABLE', cash: '100' }],
  assets: [{ id: 'X', price: '10', classes: 'stock' }],
  targets: { stock: ['100', '5'] },
};

describe('household problems the solver refuses', () => {
  it('refuses a fund whose class weights do not sum to 1', () => {
    const problem = givenHousehold({
      ...base,
      assets: [
        {
          id: 'F',
          price: '10',
          classes: [
            ['stock', '0.6'],
            ['bond', '0.3'],
          ],
        },
      ],
    });
    expect(() => readFacts(problem)).toThrow('the class weights of F must sum to 1');
  });

  it('refuses an asset without a positive price', () => {
    expect(() => readFacts(givenHousehold({ ...base, assets: [{ id: 'X', price: '0', classes: 'stock' }] }))).toThrow('asset X needs a positive price');
  });

  it('refuses a lot in an account the household does not have', () => {
    const problem = givenHousehold({ ...base, lots: [{ id: 'l1', account: 'elsewhere', asset: 'X', quantity: '1', basis: '5', since: '2024-01-02' }] });
    expect(() => readFacts(problem)).toThrow('lot l1 names an unknown account or asset');
  });
});
