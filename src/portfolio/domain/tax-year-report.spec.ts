import type { Big } from '../../common/decimal/decimal';
import type { RealizedGain } from './ledger';
import { LedgerWorld } from './ledger.fixtures';
import { taxYearReport, type Form8949Part } from './tax-year-report';

const SYMBOLS = new Map([
  ['VTI', 'VTI'],
  ['BND', 'BND'],
]);

function shown(part: Form8949Part) {
  const money = (value: Big) => value.toFixed(2);
  return {
    lines: part.lines.map((line) => [
      line.description,
      line.dateAcquired,
      line.dateSold,
      money(line.proceeds),
      money(line.costBasis),
      line.adjustmentCode,
      money(line.adjustmentAmount),
      money(line.gain),
    ]),
    totals: [money(part.totals.proceeds), money(part.totals.costBasis), money(part.totals.adjustmentAmount), money(part.totals.gain)],
  };
}

/**
 * A household with a brokerage account and an IRA, over 2024 and 2025. Asset ids double as
 * symbols. Worked by hand below; the 2025 report is the one asked for.
 */
function twoYears(): RealizedGain[] {
  const world = new LedgerWorld({ brokerage: 'FIFO', ira: 'FIFO' }, { ira: 'TAX_DEFERRED' });
  world.deposit('brokerage', '2024-01-02', '20000');
  world.deposit('ira', '2024-01-02', '1000');
  world.buy('brokerage', '2024-01-10', 'VTI', '100', '100');
  // 2024: not in the 2025 report.
  world.sell('brokerage', '2024-06-03', 'VTI', '10', '105');
  world.buy('brokerage', '2025-02-01', 'BND', '50', '70.005');
  // Long-term (held since 2024-01-10): 5,200 − 1.99 fee = 5,198.01 for a basis of 4,000.
  world.sell('brokerage', '2025-03-03', 'VTI', '40', '130', { fee: '1.99' });
  // Short-term loss: 3,456.15 for 3,500.25, −44.10, washed by the purchase nine days later.
  world.sell('brokerage', '2025-04-01', 'BND', '50', '69.123');
  world.buy('brokerage', '2025-04-10', 'BND', '50', '69');
  // 3 × 130.3333 = 390.9999, shown 391.00 for a basis of 300.
  world.sell('brokerage', '2025-05-05', 'VTI', '3', '130.3333');
  // 100.125 is a tie at the cent: half-even shows 100.12, not 100.13.
  world.sell('brokerage', '2025-06-02', 'VTI', '1', '100.125');
  // Inside the IRA: nothing reportable.
  world.buy('ira', '2025-01-05', 'VTI', '5', '100');
  world.sell('ira', '2025-02-05', 'VTI', '5', '110');
  return [...world.replay().values()].flatMap((state) => state.realizedGains);
}

describe('the tax-year report: Form 8949 lines from the ledger', () => {
  const report = taxYearReport(twoYears(), SYMBOLS, 2025);

  it('Part I: the washed BND loss, code W with the $44.10 added back, a gain of 0.00', () => {
    expect(shown(report.shortTerm)).toEqual({
      lines: [['50 sh. BND', '2025-02-01', '2025-04-01', '3456.15', '3500.25', 'W', '44.10', '0.00']],
      totals: ['3456.15', '3500.25', '44.10', '0.00'],
    });
  });

  it('Part II: three VTI sales to the cent, each line adding across and the totals adding down', () => {
    expect(shown(report.longTerm)).toEqual({
      lines: [
        ['40 sh. VTI', '2024-01-10', '2025-03-03', '5198.01', '4000.00', '', '0.00', '1198.01'],
        ['3 sh. VTI', '2024-01-10', '2025-05-05', '391.00', '300.00', '', '0.00', '91.00'],
        ['1 sh. VTI', '2024-01-10', '2025-06-02', '100.12', '100.00', '', '0.00', '0.12'],
      ],
      totals: ['5689.13', '4400.00', '0.00', '1289.13'],
    });
  });

  it('leaves out the IRA sale and the sales of other years', () => {
    const all = [...report.shortTerm.lines, ...report.longTerm.lines];
    expect(all.every((line) => line.portfolioId === 'brokerage' && line.dateSold.startsWith('2025'))).toBe(true);
    expect(taxYearReport(twoYears(), SYMBOLS, 2024).shortTerm.lines.map((line) => line.description)).toEqual(['10 sh. VTI']);
    expect(taxYearReport(twoYears(), SYMBOLS, 2023)).toMatchObject({ shortTerm: { lines: [] }, longTerm: { lines: [] } });
  });
});
