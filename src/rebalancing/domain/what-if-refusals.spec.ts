import { Big } from '../../common/decimal/decimal';
import { givenWhatIf, holding, trade, type WhatIfWorld } from './rebalancing.fixtures';
import { simulateWhatIf, type WhatIfTrade } from './what-if';

const world: WhatIfWorld = {
  holdings: [
    holding('vti', 'stock', '100', '240'),
    holding('voo', 'stock', '80', '450'),
    holding('bnd', 'bond', '375', '80'),
    holding('gld', 'gold', '10', null),
  ],
  cash: '10000',
  catalogue: { bndx: { assetType: 'bond', price: '50' }, ibit: { assetType: 'crypto', price: null } },
};

const errorOf = (trades: WhatIfTrade[], changes: Partial<WhatIfWorld> = {}) => {
  const result = simulateWhatIf(givenWhatIf({ ...world, ...changes }, trades));
  return result.ok ? undefined : result.error;
};

describe('what-if refusals, each on the field at fault', () => {
  describe('selling more than is held', () => {
    it('names the value held against the value asked', () => {
      expect(errorOf([trade('SELL', { assetId: 'vti' }, { value: '24000.01' })])).toEqual({
        field: 'trades[0].value',
        message: 'Selling 24000.01 of vti needs that much held, but it is worth only 24000.',
      });
    });

    it('names the units held against the units asked', () => {
      expect(errorOf([trade('SELL', { assetId: 'vti' }, { quantity: '100.00000001' })])).toEqual({
        field: 'trades[0].quantity',
        message: 'Selling 100.00000001 vti needs that many held, but only 100 are held.',
      });
    });

    it('counts the trades before it', () => {
      const trades = [trade('SELL', { assetId: 'vti' }, { value: '19200' }), trade('SELL', { assetId: 'vti' }, { value: '4800.01' })];

      expect(errorOf(trades)).toEqual({ field: 'trades[1].value', message: 'Selling 4800.01 of vti needs that much held, but it is worth only 4800.' });
    });

    it('refuses an asset of the catalogue that is not held', () => {
      expect(errorOf([trade('SELL', { assetId: 'bndx' }, { quantity: '1' })])).toEqual({
        field: 'trades[0].quantity',
        message: 'Selling 1 bndx needs that many held, but only 0 are held.',
      });
    });

    it('compares a class SELL with the whole class', () => {
      expect(errorOf([trade('SELL', { assetType: 'stock' }, { value: '60000.00000001' })])).toEqual({
        field: 'trades[0].value',
        message: 'Selling 60000.00000001 of stock needs that much held, but the class is worth only 60000.',
      });
      expect(errorOf([trade('SELL', { assetType: 'reit' }, { value: '1' })])).toEqual({
        field: 'trades[0].value',
        message: 'Selling 1 of reit needs that much held, but the class is worth only 0.',
      });
    });
  });

  describe('selling less than the smallest quantity traded (0.00000001 units)', () => {
    it('refuses an asset SELL that would sell no units, naming what one step is worth', () => {
      expect(errorOf([trade('SELL', { assetId: 'vti' }, { value: '0.0000001' })])).toEqual({
        field: 'trades[0].value',
        message: 'Selling 0.0000001 of vti would sell no units: the smallest quantity traded, 0.00000001, is worth 0.0000024 at 240.',
      });
    });

    it('refuses a class SELL whose every share would sell no units', () => {
      expect(errorOf([trade('SELL', { assetType: 'stock' }, { value: '0.0000001' })])).toEqual({
        field: 'trades[0].value',
        message:
          'Selling 0.0000001 of stock would sell no units: its share of every stock holding is worth less than 0.00000001 units of it, the smallest quantity traded.',
      });
    });

    it('leaves alone a holding whose share is below one step, and sells the others', () => {
      // 0.000007 splits 0.0000028 to vti (0.0000000116 units at 240) and 0.0000042 to voo (0.0000000093 at 450).
      const result = simulateWhatIf(givenWhatIf(world, [trade('SELL', { assetType: 'stock' }, { value: '0.000007' })]));
      if (!result.ok) throw new Error(result.error.message);

      expect(result.fills.map((fill) => ({ assetId: fill.assetId, quantity: fill.quantity?.toFixed(), value: fill.value.toFixed() }))).toEqual([
        { assetId: 'vti', quantity: '0.00000001', value: '0.0000024' },
      ]);
    });
  });

  describe('buying less than the smallest quantity traded (0.00000001 units)', () => {
    it('refuses an asset BUY that would buy no units, held or new, naming what one step is worth', () => {
      expect(errorOf([trade('BUY', { assetId: 'vti' }, { value: '0.0000001' })])).toEqual({
        field: 'trades[0].value',
        message: 'Buying 0.0000001 of vti would buy no units: the smallest quantity traded, 0.00000001, is worth 0.0000024 at 240.',
      });
      expect(errorOf([trade('BUY', { assetId: 'bndx' }, { value: '0.0000001' })])).toEqual({
        field: 'trades[0].value',
        message: 'Buying 0.0000001 of bndx would buy no units: the smallest quantity traded, 0.00000001, is worth 0.0000005 at 50.',
      });
    });

    it('refuses a class BUY whose asset, preferred or largest held, would get no units', () => {
      // bnd is the only bond held; bndx (50) is preferred in the second case.
      expect(errorOf([trade('BUY', { assetType: 'bond' }, { value: '0.0000007' })])?.message).toBe(
        'Buying 0.0000007 of bnd would buy no units: the smallest quantity traded, 0.00000001, is worth 0.0000008 at 80.',
      );
      expect(errorOf([trade('BUY', { assetType: 'bond' }, { value: '0.0000004' })], { preferred: { bond: 'bndx' } })?.message).toBe(
        'Buying 0.0000004 of bndx would buy no units: the smallest quantity traded, 0.00000001, is worth 0.0000005 at 50.',
      );
    });

    it('buys one step when the value covers it exactly', () => {
      const result = simulateWhatIf(givenWhatIf(world, [trade('BUY', { assetId: 'vti' }, { value: '0.0000024' })]));
      if (!result.ok) throw new Error(result.error.message);
      expect(result.fills.map((fill) => [fill.assetId, fill.quantity?.toFixed(), fill.value.toFixed()])).toEqual([['vti', '0.00000001', '0.0000024']]);
    });
  });

  it('refuses a quantity for a class-level trade, SELL or BUY', () => {
    const expected = { field: 'trades[0].quantity', message: 'A quantity means nothing across the assets of a class; use value for a class-level trade.' };

    expect(errorOf([trade('SELL', { assetType: 'stock' }, { quantity: '1' })])).toEqual(expected);
    expect(errorOf([trade('BUY', { assetType: 'bond' }, { quantity: '1' })])).toEqual(expected);
  });

  it('refuses a withdrawal larger than the whole portfolio, and takes one of exactly all of it', () => {
    // 24,000 + 36,000 + 30,000 + 10,000 of cash; the gold has no price and counts for nothing.
    expect(errorOf([], { cashFlow: '-100000.01' })).toEqual({
      field: 'cashFlow',
      message: 'Withdrawing 100000.01 is more than the whole portfolio is worth, 100000.',
    });
    expect(errorOf([], { cashFlow: '-100000' })).toBeUndefined();
  });

  describe('trading an asset without a price', () => {
    it('refuses a held one by value and by quantity', () => {
      const expected = { field: 'trades[0].assetId', message: 'gld has no price, so it cannot be traded by value or by quantity.' };

      expect(errorOf([trade('SELL', { assetId: 'gld' }, { value: '100' })])).toEqual(expected);
      expect(errorOf([trade('SELL', { assetId: 'gld' }, { quantity: '1' })])).toEqual(expected);
      expect(errorOf([trade('BUY', { assetId: 'gld' }, { quantity: '1' })])).toEqual(expected);
    });

    it('refuses one of the catalogue that is not held', () => {
      expect(errorOf([trade('BUY', { assetId: 'ibit' }, { value: '100' })])).toEqual({
        field: 'trades[0].assetId',
        message: 'ibit has no price, so it cannot be traded by value or by quantity.',
      });
    });

    it('refuses a class trade where no holding has a price', () => {
      const expected = { field: 'trades[0].assetType', message: 'No gold holding has a price, so the class cannot be traded.' };

      expect(errorOf([trade('SELL', { assetType: 'gold' }, { value: '100' })])).toEqual(expected);
      expect(errorOf([trade('BUY', { assetType: 'gold' }, { value: '100' })])).toEqual(expected);
    });

    it('refuses a class BUY whose preferred asset has no price', () => {
      expect(errorOf([trade('BUY', { assetType: 'crypto' }, { value: '100' })], { preferred: { crypto: 'ibit' } })).toEqual({
        field: 'trades[0].assetType',
        message: 'ibit, the preferred crypto asset, has no price, so it cannot be bought.',
      });
    });
  });

  it('refuses an asset that is neither held nor in the catalogue', () => {
    const expected = { field: 'trades[0].assetId', message: 'No asset nope is held or in the catalogue.' };

    expect(errorOf([trade('BUY', { assetId: 'nope' }, { value: '100' })])).toEqual(expected);
    expect(errorOf([trade('SELL', { assetId: 'nope' }, { value: '100' })])).toEqual(expected);
  });

  describe('trades the request validation should have stopped', () => {
    it('refuses a trade naming both an asset and a class, or neither', () => {
      const expected = { field: 'trades[0]', message: 'A trade names exactly one of assetId and assetType.' };

      expect(errorOf([{ action: 'BUY', assetId: 'vti', assetType: 'stock', value: new Big(1) }])).toEqual(expected);
      expect(errorOf([{ action: 'BUY', value: new Big(1) }])).toEqual(expected);
    });

    it('refuses a trade giving both a value and a quantity, or neither', () => {
      const expected = { field: 'trades[0]', message: 'A trade gives exactly one of value and quantity.' };

      expect(errorOf([{ action: 'BUY', assetId: 'vti', value: new Big(1), quantity: new Big(1) }])).toEqual(expected);
      expect(errorOf([{ action: 'BUY', assetId: 'vti' }])).toEqual(expected);
    });

    it('refuses an amount that is not positive', () => {
      expect(errorOf([trade('BUY', { assetId: 'vti' }, { value: '0' })])).toEqual({
        field: 'trades[0].value',
        message: 'The value of a trade must be positive.',
      });
      expect(errorOf([trade('SELL', { assetId: 'vti' }, { quantity: '-1' })])).toEqual({
        field: 'trades[0].quantity',
        message: 'The quantity of a trade must be positive.',
      });
    });

    it('throws on two holdings of one asset, which the caller must have merged', () => {
      expect(() => simulateWhatIf(givenWhatIf({ holdings: [holding('vti', 'stock', '1', '1'), holding('vti', 'stock', '1', '1')], cash: '0' }, []))).toThrow(
        'one holding per asset',
      );
    });
  });
});
