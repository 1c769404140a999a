import { givenGenerator, held } from './suggestions.fixtures';
import { GeneratorError, generateSuggestions, type GeneratorInput } from './suggestions';

const input = givenGenerator({
  holdings: [held('vti', 'stock', '240', '250'), held('bnd', 'bond', '375', '80')],
  cash: '10000',
  targets: { stock: '50', bond: '40', cash: '10' },
});

function refusal(changed: GeneratorInput): { field: string; message: string } | undefined {
  try {
    generateSuggestions(changed);
  } catch (error) {
    if (error instanceof GeneratorError) return { field: error.field, message: error.message };
    throw error;
  }
  return undefined;
}

describe('suggestion refusals, each on the field at fault', () => {
  it('refuses targets that do not add up to 100', () => {
    expect(refusal({ ...input, targets: input.targets.slice(0, 2) })).toEqual({ field: 'targets', message: 'The target percentages add up to 90, not 100.' });
    expect(refusal({ ...input, targets: [] })).toEqual({ field: 'targets', message: 'The target percentages add up to 0, not 100.' });
  });

  it('refuses a negative minimum trade value', () => {
    expect(refusal({ ...input, minTradeValue: input.cash.times(-1) })).toEqual({
      field: 'minTradeValue',
      message: 'The minimum trade value cannot be negative.',
    });
  });

  it('treats lots that do not add up to the holding as a programming error, not a request error', () => {
    const [vti, bnd] = input.holdings;

    expect(() => generateSuggestions({ ...input, holdings: [{ ...vti, lots: [] }, bnd] })).toThrow(
      'generateSuggestions: the lots of vti do not add up to its quantity',
    );
  });
});
