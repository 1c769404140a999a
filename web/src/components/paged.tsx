import { useInfiniteQuery } from '@tanstack/react-query';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A paginated list, page after page as the reader asks for them: the dashboard never stops at the
 * first page and never fetches pages nobody looks at. `items` are all pages loaded so far; `first`
 * is the first page, for what a list answers beside its items (e.g. realized-gain totals).
 */
export function usePagedQuery<P extends Page<unknown>>(queryKey: readonly unknown[], fetchPage: (cursor: string | undefined) => Promise<P>, enabled = true) {
  const query = useInfiniteQuery({
    queryKey,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled,
  });
  const pages: P[] | undefined = query.data?.pages;
  const data: { items: P['items']; first: P } | undefined = pages && { items: pages.flatMap((page) => page.items), first: pages[0] };
  return { ...query, data };
}

export function ShowMore({ query, what }: { query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown }; what: string }) {
  if (!query.hasNextPage) return null;
  return (
    <p className="actions">
      <button type="button" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
        {query.isFetchingNextPage ? `Loading more ${what}…` : `Show more ${what}`}
      </button>
    </p>
  );
}
