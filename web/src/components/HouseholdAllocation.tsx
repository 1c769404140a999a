import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/problem';
import { StatusBadge } from './badges';
import { DriftReportView } from './DriftReportView';
import { Empty, QueryView } from './state';
import { TargetsForm } from './TargetsForm';

const isTargetsNotSet = (error: unknown) => error instanceof ApiError && error.problem.code === 'TARGETS_NOT_SET';

/**
 * The household's own targets and its drift over all its accounts together, with an editor for
 * the targets. `money` formats in the accounts' common currency; `settled` once that is known.
 */
export function HouseholdAllocation({ id, money, settled }: { id: string; money: (value: string) => string; settled: boolean }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const targets = useQuery({
    queryKey: ['household-targets', id],
    queryFn: () => unwrap(api.GET('/api/v1/households/{id}/targets', { params: { path: { id } } })),
  });
  const hasTargets = (targets.data?.targets.length ?? 0) > 0;
  // Asked only once targets exist: without them the answer is a 409 that says what the empty targets already say.
  const drift = useQuery({
    queryKey: ['household-drift', id],
    queryFn: () => unwrap(api.GET('/api/v1/households/{id}/drift', { params: { path: { id } } })),
    enabled: hasTargets,
  });
  // Targets removed meanwhile (another tab, the API) answer TARGETS_NOT_SET: the same empty state as none loaded.
  const noTargets = targets.data !== undefined && (!hasTargets || isTargetsNotSet(drift.error));
  return (
    <section aria-labelledby="household-allocation-heading">
      <h2 id="household-allocation-heading">Household allocation</h2>
      <QueryView query={{ ...targets, isPending: targets.isPending || !settled }} what="the household targets">
        {(data) => (
          <>
            {noTargets ? (
              <Empty>
                No household targets yet. Set them to see how far the accounts together are from the mix the household aims at; each account&apos;s own targets
                stay as they are.
              </Empty>
            ) : (
              <QueryView query={drift} what="the household drift">
                {(report) => (
                  <>
                    <p>
                      All accounts together: <StatusBadge status={report.status} />
                    </p>
                    <DriftReportView report={report} chartLabel="Household allocation: current against target, with the tolerance band" money={money} />
                  </>
                )}
              </QueryView>
            )}
            <p className="actions">
              <button type="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
                {noTargets ? 'Set household targets' : 'Edit household targets'}
              </button>
            </p>
            {editing && (
              <TargetsForm
                label="Household targets"
                targets={data.targets}
                save={(body) => unwrap(api.PUT('/api/v1/households/{id}/targets', { params: { path: { id } }, body }))}
                onSaved={(saved) => {
                  queryClient.setQueryData(['household-targets', id], saved);
                  void queryClient.invalidateQueries({ queryKey: ['household-drift', id] });
                }}
              />
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}
