import { givenWhatIf, holding, readableFills, readableHoldings, succeeded, trade } from './rebalancing.fixtures';
import { simulateWhatIf } from './what-if';

// 24,000 of VTI and 36,000 of VOO: 40 % and 60 % of the 60,000 of stock.
const world = {
  holdings: [holding('vti', 'stock', '100', '240'), holding('voo', 'stock', '80', '450'), holding('bnd', 'bond', '375', '80')],
  cash: '10000',
};

describe('what-if: a class-level SELL spread pro rata over the class', () => {
  it('sells 15,000 of stock as 6,000 of VTI and 9,000 of VOO', () => {
    const result = succeeded(simulateWhatIf(givenWhatIf(world, [trade('SELL', { assetType: 'stock' }, { value: '15000' })])));

    expect(readableFills(result.fills)).toEqual([
      { tradeIndex: 0, assetId: 'vti', assetType: 'stock', action: 'SELL', quantity: '25', value: '6000' },
      { tradeIndex: 0, assetId: 'voo', assetType: 'stock', action: 'SELL', quantity: '20', value: '9000' },
    ]);
    expect(readableHoldings(result.holdingsAfter).map((h) => [h.assetId, h.quantity])).toEqual([
      ['vti', '75'],
      ['voo', '60'],
      ['bnd', '375'],
    ]);
    expect(result.cashAfter.toFixed()).toBe('25000');
  });

  it('cuts each share’s units down to 8 places, so 10,000 asked raises a little less', () => {
    // Shares 4,000 and 6,000; 4000 / 240 = 16.666… and 6000 / 450 = 13.333… units, cut to 8 places.
    const result = succeeded(simulateWhatIf(givenWhatIf(world, [trade('SELL', { assetType: 'stock' }, { value: '10000' })])));

    expect(readableFills(result.fills)).toEqual([
      { tradeIndex: 0, assetId: 'vti', assetType: 'stock', action: 'SELL', quantity: '16.66666666', value: '3999.9999984' },
      { tradeIndex: 0, assetId: 'voo', assetType: 'stock', action: 'SELL', quantity: '13.33333333', value: '5999.9999985' },
    ]);
    expect(result.cashAfter.toFixed()).toBe('19999.9999969');
  });

  it('splits with the last share taking the remainder of a 10-place allocation', () => {
    const thirds = { holdings: [holding('a', 'stock', '1', '1'), holding('b', 'stock', '1', '1'), holding('c', 'stock', '1', '1')], cash: '0' };

    const result = succeeded(simulateWhatIf(givenWhatIf(thirds, [trade('SELL', { assetType: 'stock' }, { value: '1' })])));

    // Shares 0.3333333333, 0.3333333333 and 0.3333333334, each turned into units cut at 8 places.
    expect(readableFills(result.fills).map((fill) => fill.quantity)).toEqual(['0.33333333', '0.33333333', '0.33333333']);
  });

  it('sells the whole class, every holding whole, when asked for all of its value', () => {
    const result = succeeded(simulateWhatIf(givenWhatIf(world, [trade('SELL', { assetType: 'stock' }, { value: '60000' })])));

    expect(readableFills(result.fills).map((fill) => [fill.assetId, fill.quantity, fill.value])).toEqual([
      ['vti', '100', '24000'],
      ['voo', '80', '36000'],
    ]);
    expect(readableHoldings(result.holdingsAfter).map((h) => h.assetId)).toEqual(['bnd']);
  });

  it('sees earlier trades: a class SELL after an asset SELL spreads over what is left', () => {
    const input = givenWhatIf(world, [trade('SELL', { assetId: 'voo' }, { quantity: '40' }), trade('SELL', { assetType: 'stock' }, { value: '25200' })]);

    const result = succeeded(simulateWhatIf(input));

    // 24,000 of VTI and 18,000 of VOO left: four and three sevenths of 25,200.
    expect(
      readableFills(result.fills)
        .slice(1)
        .map((fill) => [fill.assetId, fill.quantity, fill.value]),
    ).toEqual([
      ['vti', '60', '14400'],
      ['voo', '24', '10800'],
    ]);
  });

  it('leaves a holding without a price out of the sale, and says so', () => {
    const withGold = { holdings: [...world.holdings, holding('gld', 'stock', '10', null)], cash: '0' };

    const result = succeeded(simulateWhatIf(givenWhatIf(withGold, [trade('SELL', { assetType: 'stock' }, { value: '15000' })])));

    expect(readableFills(result.fills).map((fill) => fill.assetId)).toEqual(['vti', 'voo']);
    expect(result.warnings).toEqual(['trades[0]: gld has no price and is left out of the stock sale.']);
  });
});
