import { useQuery } from '@tanstack/react-query';
import { api, fetchAll, unwrap } from '../api/client';
import { commonCurrency } from '../format/household';

export function useHousehold(id: string | undefined) {
  return useQuery({
    queryKey: ['household', id],
    queryFn: () => unwrap(api.GET('/api/v1/households/{id}', { params: { path: { id: id! } } })),
    enabled: id !== undefined,
  });
}

/** The household's accounts as portfolios: the household view has no currency, its portfolios do. */
export function useHouseholdPortfolios(id: string) {
  return useQuery({
    queryKey: ['portfolios', { householdId: id }],
    queryFn: () => fetchAll((cursor) => unwrap(api.GET('/api/v1/portfolios', { params: { query: { householdId: id, limit: 200, cursor } } }))),
  });
}

/**
 * The currency every account of the household keeps (undefined when they differ); `settled` once the
 * accounts are known or could not be loaded, so a figure is not shown first without its sign, then with it.
 */
export function useHouseholdCurrency(id: string): { settled: boolean; currency: string | undefined } {
  const portfolios = useHouseholdPortfolios(id);
  return {
    settled: !portfolios.isPending,
    currency: portfolios.data && commonCurrency(portfolios.data.map((portfolio) => portfolio.baseCurrency)),
  };
}
