import type { ReactNode } from 'react';
import { describeProblem } from '../api/problem';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state state-loading" role="status">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

/** A problem+json error in words: what went wrong, then each field and its rule. */
export function ErrorMessage({ error, action }: { error: unknown; action?: string }) {
  const { summary, fields } = describeProblem(error);
  return (
    <div className="state state-error" role="alert">
      <p>
        <strong>{action ? `Could not ${action}.` : 'Something went wrong.'}</strong> {summary}
      </p>
      {fields.length > 0 && (
        <ul>
          {fields.map((field) => (
            <li key={field}>{field}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Loading, error and empty states around a query, then its data. */
export function QueryView<T>({
  query,
  what,
  isEmpty,
  empty,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined };
  what: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading what={what} />;
  if (query.isError) return <ErrorMessage error={query.error} action={`load ${what}`} />;
  // Neither pending nor failed: the query has its data.
  const data = query.data as T;
  if (isEmpty?.(data)) return <Empty>{empty ?? `No ${what} yet.`}</Empty>;
  return <>{children(data)}</>;
}
