import { deriveId, longTermAt, type OpenLot, type RealizedGain } from './ledger';
import { figures, LedgerWorld } from './ledger.fixtures';

const ROW = ['quantity', 'proceeds', 'costBasis', 'gain', 'washSaleDisallowed', 'reportableGain'] as const satisfies (keyof RealizedGain)[];
const LOT = ['quantity', 'costBasis', 'washSaleAdjustment', 'acquiredAt', 'holdingPeriodStart'] as const satisfies (keyof OpenLot)[];

function lotById(lots: OpenLot[], id: string): Record<string, string> {
  const lot = lots.find((candidate) => candidate.id === id);
  if (!lot) throw new Error(`no open lot ${id}`);
  return figures(lot, [...LOT]);
}

/**
 * IRS Publication 550, "Wash Sales", Example 1 (the publication gives no dates; these are ours):
 * 100 shares bought for $1,000 are sold for $750, and 100 more are bought for $800 within 30 days.
 */
function example1() {
  const world = new LedgerWorld({ main: 'FIFO' });
  world.deposit('main', '2025-01-02', '2000');
  const sold = world.buy('main', '2025-01-06', 'X', '100', '10');
  const sale = world.sell('main', '2025-03-10', 'X', '100', '7.50');
  const replacement = world.buy('main', '2025-03-20', 'X', '100', '8');
  return { world, sold, sale, replacement };
}

describe('IRS Publication 550 wash-sale examples', () => {
  it('Example 1: disallows the $250 loss and makes the basis of the new stock $1,050', () => {
    const { world, replacement } = example1();
    const state = world.portfolio('main');
    expect(figures(state.realizedGains[0], [...ROW])).toEqual({
      quantity: '100',
      proceeds: '750',
      costBasis: '1000',
      gain: '-250',
      washSaleDisallowed: '250',
      reportableGain: '0',
    });
    // $800 + $250; the sold shares were held 63 days (2025-01-06 → 03-10), tacked on before 2025-03-20.
    expect(lotById(state.lots, replacement)).toEqual({
      quantity: '100',
      costBasis: '1050',
      washSaleAdjustment: '250',
      acquiredAt: '2025-03-20',
      holdingPeriodStart: '2025-01-16',
    });
  });

  it('Example 1 with 75 replacement shares for $750: disallows $187.50, leaves $62.50 deductible, basis $937.50', () => {
    const world = new LedgerWorld({ main: 'FIFO' });
    world.deposit('main', '2025-01-02', '2000');
    world.buy('main', '2025-01-06', 'X', '100', '10');
    world.sell('main', '2025-03-10', 'X', '100', '7.50');
    const replacement = world.buy('main', '2025-03-20', 'X', '75', '10');
    const state = world.portfolio('main');

    // $250 × 75/100 = $187.50 disallowed; −$250 + $187.50 = −$62.50 still deductible.
    expect(figures(state.realizedGains[0], ['gain', 'washSaleDisallowed', 'reportableGain'])).toEqual({
      gain: '-250',
      washSaleDisallowed: '187.5',
      reportableGain: '-62.5',
    });
    expect(lotById(state.lots, replacement)).toMatchObject({ quantity: '75', costBasis: '937.5', washSaleAdjustment: '187.5' });
  });

  it('"More or less stock bought than sold", Example 1: matches shares bought in the 30 days BEFORE the sale', () => {
    // 100 M bought 2024-09-20 for $5,000; 50 bought 2024-12-13 for $2,750; 25 bought 2024-12-20 for
    // $1,125; the September 100 sold 2025-01-03 for $4,000, a $1,000 loss. The 75 shares bought in the
    // 30 days before disallow the loss on 75 shares ($750); $250 stays deductible. The 50 shares take
    // 50/75 of $750 = $500 (basis $3,250), the 25 shares the rest, $250 (basis $1,375).
    const world = new LedgerWorld({ main: 'FIFO' });
    world.deposit('main', '2024-09-02', '10000');
    world.buy('main', '2024-09-20', 'M', '100', '50');
    const december13 = world.buy('main', '2024-12-13', 'M', '50', '55');
    const december20 = world.buy('main', '2024-12-20', 'M', '25', '45');
    world.sell('main', '2025-01-03', 'M', '100', '40');
    const state = world.portfolio('main');

    expect(figures(state.realizedGains[0], ['gain', 'washSaleDisallowed', 'reportableGain'])).toEqual({
      gain: '-1000',
      washSaleDisallowed: '750',
      reportableGain: '-250',
    });
    // The September shares were held 105 days; each replacement's holding period starts that much earlier.
    expect(lotById(state.lots, december13)).toEqual({
      quantity: '50',
      costBasis: '3250',
      washSaleAdjustment: '500',
      acquiredAt: '2024-12-13',
      holdingPeriodStart: '2024-08-30',
    });
    expect(lotById(state.lots, december20)).toEqual({
      quantity: '25',
      costBasis: '1375',
      washSaleAdjustment: '250',
      acquiredAt: '2024-12-20',
      holdingPeriodStart: '2024-09-06',
    });
  });

  it('"More or less stock bought than sold", Example 2: matches later purchases in the order bought', () => {
    // 100 M bought 2024-09-16 and sold 2025-01-29 at a $1,000 loss; 50 bought on each of Feb 3-6.
    // Half the loss goes onto the Feb 3 shares and half onto the Feb 4 shares. The publication
    // gives no prices; ours are $20 and $10 a share.
    const world = new LedgerWorld({ main: 'FIFO' });
    world.deposit('main', '2024-09-02', '3000');
    world.buy('main', '2024-09-16', 'M', '100', '20');
    world.sell('main', '2025-01-29', 'M', '100', '10');
    const bought = ['2025-02-03', '2025-02-04', '2025-02-05', '2025-02-06'].map((on) => world.buy('main', on, 'M', '50', '10'));
    const state = world.portfolio('main');

    expect(figures(state.realizedGains[0], ['gain', 'washSaleDisallowed', 'reportableGain'])).toEqual({
      gain: '-1000',
      washSaleDisallowed: '1000',
      reportableGain: '0',
    });
    expect(bought.map((id) => lotById(state.lots, id).costBasis)).toEqual(['1000', '1000', '500', '500']);
    expect(bought.map((id) => lotById(state.lots, id).holdingPeriodStart)).toEqual(['2024-09-21', '2024-09-22', '2025-02-05', '2025-02-06']);
  });

  it('"Loss and gain on same day": a washed loss on one block does not reduce the gains on the others', () => {
    // Blocks of 100 X at $158, $100 and $95 a share, all 300 sold the same day at $125, and 250
    // bought 13 days later. The $33 a share lost on the first block ($3,300) is disallowed; the
    // second and third blocks keep their $2,500 and $3,000 gains. (Our dates.)
    const world = new LedgerWorld({ main: 'FIFO' });
    world.deposit('main', '2019-01-02', '40000');
    const first = world.buy('main', '2019-03-01', 'X', '100', '158');
    const second = world.buy('main', '2019-06-03', 'X', '100', '100');
    const third = world.buy('main', '2019-09-03', 'X', '100', '95');
    world.sell('main', '2024-12-27', 'X', '300', '125');
    const bought = world.buy('main', '2025-01-09', 'X', '250', '125');
    const state = world.portfolio('main');

    expect(state.realizedGains.map((row) => figures(row, ['lotId', 'gain', 'washSaleDisallowed', 'reportableGain', 'term']))).toEqual([
      { lotId: first, gain: '-3300', washSaleDisallowed: '3300', reportableGain: '0', term: 'LONG' },
      { lotId: second, gain: '2500', washSaleDisallowed: '0', reportableGain: '2500', term: 'LONG' },
      { lotId: third, gain: '3000', washSaleDisallowed: '0', reportableGain: '3000', term: 'LONG' },
    ]);
    // Only 100 of the 250 new shares replace the first block, so the lot splits: the matched 100 keep
    // its id, with $12,500 + $3,300 of basis and the first block's 2,128 days tacked on; the other 150
    // are a lot of their own, derived id, $18,750, unadjusted.
    expect(lotById(state.lots, bought)).toEqual({
      quantity: '100',
      costBasis: '15800',
      washSaleAdjustment: '3300',
      acquiredAt: '2025-01-09',
      holdingPeriodStart: '2019-03-14',
    });
    expect(lotById(state.lots, deriveId(bought, 'rest'))).toEqual({
      quantity: '150',
      costBasis: '18750',
      washSaleAdjustment: '0',
      acquiredAt: '2025-01-09',
      holdingPeriodStart: '2025-01-09',
    });
  });
});

describe('wash sales across one user’s history', () => {
  it('reaches a replacement bought in another of the user’s portfolios', () => {
    const world = new LedgerWorld({ main: 'FIFO', other: 'LIFO' });
    world.deposit('main', '2025-01-02', '1000');
    world.deposit('other', '2025-01-02', '800');
    world.buy('main', '2025-01-06', 'X', '100', '10');
    world.sell('main', '2025-03-10', 'X', '100', '7.50');
    const replacement = world.buy('other', '2025-03-20', 'X', '100', '8');
    const portfolios = world.replay();

    expect(portfolios.get('main')?.realizedGains[0].washSaleDisallowed.toFixed()).toBe('250');
    expect(portfolios.get('main')?.cash.toFixed()).toBe('750');
    expect(lotById(portfolios.get('other')?.lots ?? [], replacement)).toMatchObject({ costBasis: '1050', washSaleAdjustment: '250' });
  });

  it('finds a replacement that comes later in the history whatever order the transactions arrive in', () => {
    const { world } = example1();
    expect(world.replay([...world.transactions].reverse())).toEqual(world.replay());
  });

  it('tacks the sold shares’ holding period on, so the replacement turns long-term sooner', () => {
    const world = new LedgerWorld({ main: 'FIFO' });
    world.deposit('main', '2024-01-02', '10000');
    world.buy('main', '2024-01-10', 'X', '100', '50');
    world.sell('main', '2024-11-20', 'X', '100', '40');
    const replacement = world.buy('main', '2024-11-25', 'X', '100', '41');
    // Held 315 days before the sale: 2024-11-25 less 315 days is 2024-01-15, long-term from 2025-01-16
    // instead of 2025-11-26.
    const lot = world.portfolio('main').lots[0];
    expect(figures(lot, ['id', 'costBasis', 'holdingPeriodStart'])).toEqual({ id: replacement, costBasis: '5100', holdingPeriodStart: '2024-01-15' });
    expect(longTermAt(lot.holdingPeriodStart).toISOString().slice(0, 10)).toBe('2025-01-16');

    world.sell('main', '2025-02-01', 'X', '100', '60');
    // 6,000 − (4,100 + 1,000)
    expect(figures(world.portfolio('main').realizedGains[1], ['gain', 'acquiredAt', 'term'])).toEqual({ gain: '900', acquiredAt: '2024-01-15', term: 'LONG' });
  });

  it('never treats a sale at a gain as a wash sale', () => {
    const world = new LedgerWorld({ main: 'FIFO' });
    world.deposit('main', '2025-01-02', '2000');
    world.buy('main', '2025-01-06', 'X', '100', '10');
    world.sell('main', '2025-02-03', 'X', '100', '12');
    const again = world.buy('main', '2025-02-05', 'X', '100', '11');
    const state = world.portfolio('main');
    expect(figures(state.realizedGains[0], ['gain', 'washSaleDisallowed', 'reportableGain'])).toEqual({
      gain: '200',
      washSaleDisallowed: '0',
      reportableGain: '200',
    });
    expect(lotById(state.lots, again)).toMatchObject({ costBasis: '1100', washSaleAdjustment: '0', holdingPeriodStart: '2025-02-05' });
  });

  it.each([
    { when: '30 days after', boughtOn: '2025-04-09', disallowed: '250' },
    { when: '31 days after', boughtOn: '2025-04-10', disallowed: '0' },
  ])('disallows $disallowed of the loss for a purchase $when the sale', ({ boughtOn, disallowed }) => {
    const world = new LedgerWorld({ main: 'FIFO' });
    world.deposit('main', '2025-01-02', '2000');
    world.buy('main', '2025-01-06', 'X', '100', '10');
    world.sell('main', '2025-03-10', 'X', '100', '7.50');
    world.buy('main', boughtOn, 'X', '100', '8');
    expect(world.portfolio('main').realizedGains[0].washSaleDisallowed.toFixed()).toBe(disallowed);
  });

  it.each([
    { when: '30 days before', boughtOn: '2025-02-08', disallowed: '250' },
    { when: '31 days before', boughtOn: '2025-02-07', disallowed: '0' },
  ])('disallows $disallowed of the loss for a purchase $when the sale', ({ boughtOn, disallowed }) => {
    const world = new LedgerWorld({ main: 'FIFO' });
    world.deposit('main', '2024-01-02', '2000');
    world.buy('main', '2024-06-03', 'X', '100', '10');
    world.buy('main', boughtOn, 'X', '100', '8');
    world.sell('main', '2025-03-10', 'X', '100', '7.50');
    expect(world.portfolio('main').realizedGains[0].washSaleDisallowed.toFixed()).toBe(disallowed);
  });

  it('does not count a TRANSFER_IN as a replacement: it is not a purchase', () => {
    const world = new LedgerWorld({ main: 'FIFO' });
    world.deposit('main', '2025-01-02', '1000');
    world.buy('main', '2025-01-06', 'X', '100', '10');
    world.sell('main', '2025-03-10', 'X', '100', '7.50');
    world.transferIn('main', '2025-03-20', 'X', '100', '8', '2024-01-01');
    expect(world.portfolio('main').realizedGains[0].washSaleDisallowed.toFixed()).toBe('0');
  });

  it('does not count the unsold rest of the same purchase as a replacement for part of it', () => {
    const world = new LedgerWorld({ main: 'FIFO' });
    world.deposit('main', '2025-01-02', '1000');
    const lot = world.buy('main', '2025-01-06', 'X', '100', '10');
    world.sell('main', '2025-01-20', 'X', '50', '9');
    const state = world.portfolio('main');
    expect(figures(state.realizedGains[0], ['gain', 'washSaleDisallowed'])).toEqual({ gain: '-50', washSaleDisallowed: '0' });
    expect(lotById(state.lots, lot)).toMatchObject({ quantity: '50', costBasis: '500', holdingPeriodStart: '2025-01-06' });
  });

  it('lets each purchased share replace only one sold share', () => {
    const world = new LedgerWorld({ main: 'FIFO' });
    world.deposit('main', '2024-06-01', '3000');
    world.buy('main', '2024-06-03', 'X', '100', '10');
    world.buy('main', '2024-06-04', 'X', '100', '10');
    world.sell('main', '2025-03-10', 'X', '100', '8');
    world.sell('main', '2025-03-12', 'X', '100', '8');
    const replacement = world.buy('main', '2025-03-15', 'X', '100', '8');
    const state = world.portfolio('main');
    // The earlier loss claims all 100 new shares; none are left for the second.
    expect(state.realizedGains.map((row) => row.washSaleDisallowed.toFixed())).toEqual(['200', '0']);
    expect(lotById(state.lots, replacement)).toMatchObject({ costBasis: '1000', washSaleAdjustment: '200' });
  });

  it('washes an adjusted lot again when it too is sold at a loss and replaced', () => {
    const { world, replacement } = example1();
    world.sell('main', '2025-04-01', 'X', '100', '7');
    const next = world.buy('main', '2025-04-15', 'X', '100', '7.20');
    const state = world.portfolio('main');
    // The $1,050 lot sells for $700: a $350 loss, disallowed in turn and carried onto $720 of new shares,
    // whose holding period now reaches back through both: 2025-04-15 less the 75 days since 2025-01-16.
    expect(figures(state.realizedGains[1], ['lotId', 'costBasis', 'gain', 'washSaleDisallowed', 'acquiredAt'])).toEqual({
      lotId: replacement,
      costBasis: '1050',
      gain: '-350',
      washSaleDisallowed: '350',
      acquiredAt: '2025-01-16',
    });
    expect(lotById(state.lots, next)).toEqual({
      quantity: '100',
      costBasis: '1070',
      washSaleAdjustment: '350',
      acquiredAt: '2025-04-15',
      holdingPeriodStart: '2025-01-30',
    });
  });

  it('lets a SPECIFIC_ID sale name the unadjusted rest of a split lot by its derived id', () => {
    const world = new LedgerWorld({ main: 'SPECIFIC_ID' });
    world.deposit('main', '2025-01-02', '2000');
    const first = world.buy('main', '2025-01-06', 'X', '100', '10');
    world.sell('main', '2025-03-10', 'X', '50', '7.50', { lots: [[first, '50']] });
    const replacement = world.buy('main', '2025-03-20', 'X', '100', '8');
    const rest = deriveId(replacement, 'rest');
    world.sell('main', '2025-05-01', 'X', '50', '9', { lots: [[rest, '50']] });
    const state = world.portfolio('main');

    // The $125 loss on 50 shares moved onto the 50 matched new shares: $400 + $125.
    expect(state.realizedGains.map((row) => figures(row, ['lotId', 'costBasis', 'gain', 'washSaleDisallowed']))).toEqual([
      { lotId: first, costBasis: '500', gain: '-125', washSaleDisallowed: '125' },
      { lotId: rest, costBasis: '400', gain: '50', washSaleDisallowed: '0' },
    ]);
    expect(state.lots.map((lot) => figures(lot, ['id', 'quantity', 'costBasis', 'washSaleAdjustment']))).toEqual([
      { id: first, quantity: '50', costBasis: '500', washSaleAdjustment: '0' },
      { id: replacement, quantity: '50', costBasis: '525', washSaleAdjustment: '125' },
    ]);
  });
});
