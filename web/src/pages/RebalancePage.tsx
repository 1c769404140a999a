import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { api, idempotencyKey, type Schemas, unwrap } from '../api/client';
import { ApiError } from '../api/problem';
import { AllocationCompare } from '../components/AllocationCompare';
import { PlanStatusBadge, StatusBadge } from '../components/badges';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorMessage, QueryView } from '../components/state';
import { describeTrade, TradesTable } from '../components/TradesTable';
import { formatMoney } from '../format/decimal';
import { usePortfolio } from './PortfolioPage';

interface Options {
  strategy: Schemas['Strategy'];
  cashFlow: string;
  allowSells: boolean;
  wholeUnits: boolean;
  minTradeValue: string;
  taxAware: boolean;
}

const DEFAULTS: Options = { strategy: 'TO_TARGET', cashFlow: '', allowSells: true, wholeUnits: false, minTradeValue: '0', taxAware: true };

function toRequest(options: Options) {
  return {
    strategy: options.strategy,
    allowSells: options.allowSells,
    fractional: !options.wholeUnits,
    minTradeValue: options.minTradeValue || '0',
    taxAware: options.taxAware,
    ...(options.cashFlow.trim() ? { cashFlow: options.cashFlow.trim() } : {}),
  };
}

export function RebalancePage() {
  const id = useParams().id!;
  const portfolio = usePortfolio(id);
  const currency = portfolio.data?.baseCurrency;
  const [draft, setDraft] = useState<Options>(DEFAULTS);
  const [options, setOptions] = useState<Options>(DEFAULTS);
  const [planId, setPlanId] = useState<string>();
  const queryClient = useQueryClient();
  const suggestions = useQuery({
    queryKey: ['suggestions', id, options],
    queryFn: () => unwrap(api.GET('/api/v1/portfolios/{id}/rebalance/suggestions', { params: { path: { id }, query: toRequest(options) } })),
  });
  const createPlan = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/portfolios/{id}/rebalance/plans', {
          params: { path: { id }, header: { 'Idempotency-Key': idempotencyKey() } },
          body: toRequest(options),
        }),
      ),
    onSuccess: (plan) => {
      setPlanId(plan.id);
      void queryClient.invalidateQueries({ queryKey: ['plans', id] });
    },
  });
  const set = <K extends keyof Options>(key: K, value: Options[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const preview = (event: FormEvent) => {
    event.preventDefault();
    setOptions(draft);
  };
  return (
    <section>
      <PageHeader title={`Rebalance ${portfolio.data?.name ?? ''}`.trim()} />
      <form className="toolbar" onSubmit={preview} aria-label="Rebalancing options">
        <label>
          Strategy
          <select value={draft.strategy} onChange={(event) => set('strategy', event.target.value as Schemas['Strategy'])}>
            <option value="TO_TARGET">To target</option>
            <option value="TO_BAND">To the band edge</option>
          </select>
        </label>
        <label>
          Cash flow (+ deposit, − withdrawal)
          <input inputMode="decimal" value={draft.cashFlow} onChange={(event) => set('cashFlow', event.target.value)} placeholder="0" />
        </label>
        <label>
          Minimum trade
          <input inputMode="decimal" value={draft.minTradeValue} onChange={(event) => set('minTradeValue', event.target.value)} />
        </label>
        <label className="inline">
          <input type="checkbox" checked={draft.allowSells} onChange={(event) => set('allowSells', event.target.checked)} /> Allow sells
        </label>
        <label className="inline">
          <input type="checkbox" checked={draft.wholeUnits} onChange={(event) => set('wholeUnits', event.target.checked)} /> Whole units only
        </label>
        <label className="inline">
          <input type="checkbox" checked={draft.taxAware} onChange={(event) => set('taxAware', event.target.checked)} /> Tax-aware
        </label>
        <button type="submit">Suggest trades</button>
      </form>

      <QueryView query={suggestions} what="suggested trades">
        {(data) => (
          <>
            {data.warnings.map((warning) => (
              <p key={warning} className="warning">
                {warning}
              </p>
            ))}
            {data.suggestions.length === 0 ? (
              <Empty>No trades needed with these options: the portfolio is where it should be.</Empty>
            ) : (
              <>
                <TradesTable trades={data.suggestions} currency={currency} caption="Suggested trades" />
                <p>
                  Buys {formatMoney(data.summary.totalBuys, currency)}, sells {formatMoney(data.summary.totalSells, currency)}, cash after{' '}
                  {formatMoney(data.summary.cashAfter, currency)}. Estimated realized gain: short-term{' '}
                  {formatMoney(data.summary.estimatedRealizedGain.shortTerm, currency)}, long-term{' '}
                  {formatMoney(data.summary.estimatedRealizedGain.longTerm, currency)}.
                </p>
                <p>{solverNote(data.solver)}</p>
                <p className="actions">
                  <button type="button" className="primary" onClick={() => createPlan.mutate()} disabled={createPlan.isPending}>
                    Create plan
                  </button>
                </p>
                {createPlan.isError && <ErrorMessage error={createPlan.error} action="create the plan" />}
              </>
            )}
            <h2>Allocation before and after</h2>
            <AllocationCompare before={data.summary.driftBefore} after={data.summary.driftAfter} currency={currency} />
          </>
        )}
      </QueryView>

      {planId && <PlanReview portfolioId={id} planId={planId} currency={currency} />}
      <PlanHistory portfolioId={id} onOpen={setPlanId} />
    </section>
  );
}

function PlanReview({ portfolioId, planId, currency }: { portfolioId: string; planId: string; currency?: string }) {
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const plan = useQuery({
    queryKey: ['plan', planId],
    queryFn: () => unwrap(api.GET('/api/v1/portfolios/{id}/rebalance/plans/{planId}', { params: { path: { id: portfolioId, planId } } })),
  });
  const refresh = () =>
    Promise.all(
      [
        ['plan', planId],
        ['plans', portfolioId],
        ['drift', portfolioId],
        ['portfolio', portfolioId],
        ['suggestions', portfolioId],
        ['drift-alerts'],
        ['positions', portfolioId],
        ['lots', portfolioId],
      ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
  const execute = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/portfolios/{id}/rebalance/plans/{planId}/execute', {
          params: { path: { id: portfolioId, planId }, header: { 'Idempotency-Key': idempotencyKey() } },
          body: {},
        }),
      ),
    onSettled: () => {
      dialog.current?.close();
      void refresh();
    },
  });
  const cancel = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/portfolios/{id}/rebalance/plans/{planId}/cancel', { params: { path: { id: portfolioId, planId } } })),
    onSettled: () => void refresh(),
  });
  return (
    <section aria-labelledby="plan-heading" className="card">
      <h2 id="plan-heading">Plan review</h2>
      <QueryView query={plan} what="the plan">
        {(data) => {
          const tax = data.summary.estimatedRealizedGain;
          return (
            <>
              <p>
                <PlanStatusBadge status={data.status} /> created {data.createdAt.slice(0, 16).replace('T', ' ')}
                {data.executedAt && `, executed ${data.executedAt.slice(0, 16).replace('T', ' ')}`}
                {data.cancelledAt && `, cancelled ${data.cancelledAt.slice(0, 16).replace('T', ' ')}`}
              </p>
              {data.status === 'CANCELLED' && (
                <p className="notice">This plan was cancelled, so it can no longer be executed. Suggest trades again and create a new plan.</p>
              )}
              {data.execution && (
                <p className={data.execution.skippedItems === 0 ? 'success' : 'notice'} role="status">
                  Executed: {data.execution.executedItems} trade(s) recorded in the ledger
                  {data.execution.skippedItems > 0 && `; ${data.execution.skippedItems} could not be (a class with no asset to buy)`}. Measured after the
                  trades, the portfolio is <StatusBadge status={data.execution.driftAfter.status} />.
                </p>
              )}
              <TradesTable trades={data.items} currency={currency} caption="Planned trades" />
              <p>
                Estimated tax effect: short-term gain {formatMoney(tax.shortTerm, currency)}, long-term gain {formatMoney(tax.longTerm, currency)}.
              </p>
              {data.status === 'PENDING' && (
                <p className="actions">
                  <button type="button" className="primary" onClick={() => dialog.current?.showModal()}>
                    Execute
                  </button>
                  <button type="button" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
                    Cancel plan
                  </button>
                </p>
              )}
              {execute.isError && <PlanProblem error={execute.error} />}
              {cancel.isError && <ErrorMessage error={cancel.error} action="cancel the plan" />}
              <dialog ref={dialog} aria-labelledby="confirm-heading">
                <h2 id="confirm-heading">Execute this plan?</h2>
                <p>These trades will be recorded at the plan's prices:</p>
                <ul>
                  {data.items.map((item) => (
                    <li key={item.id}>{describeTrade(item, currency)}</li>
                  ))}
                </ul>
                <p>
                  Estimated tax: short-term gain {formatMoney(tax.shortTerm, currency)}, long-term gain {formatMoney(tax.longTerm, currency)}.
                </p>
                <p className="actions">
                  <button type="button" className="danger" onClick={() => execute.mutate()} disabled={execute.isPending}>
                    {execute.isPending ? 'Executing…' : 'Yes, execute the trades'}
                  </button>
                  <button type="button" onClick={() => dialog.current?.close()}>
                    Go back
                  </button>
                </p>
              </dialog>
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

/** A stale plan (the portfolio changed since) is explained, not just refused. */
function PlanProblem({ error }: { error: unknown }) {
  const code = error instanceof ApiError ? error.problem.code : undefined;
  return (
    <>
      <ErrorMessage error={error} action="execute the plan" />
      {code === 'PLAN_STALE' && (
        <p className="notice">
          The portfolio changed after this plan was made (a trade, a deposit or new targets), so its trades no longer fit. Suggest trades again and create a new
          plan.
        </p>
      )}
    </>
  );
}

function PlanHistory({ portfolioId, onOpen }: { portfolioId: string; onOpen: (id: string) => void }) {
  const plans = useQuery({
    queryKey: ['plans', portfolioId],
    queryFn: () => unwrap(api.GET('/api/v1/portfolios/{id}/rebalance/plans', { params: { path: { id: portfolioId }, query: { limit: 50 } } })),
  });
  return (
    <section aria-labelledby="plans-heading">
      <h2 id="plans-heading">Plan history</h2>
      <QueryView query={plans} what="plans" isEmpty={(data) => data.items.length === 0} empty="No plans yet.">
        {(data) => (
          <div className="table-scroll" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">Status</th>
                  <th scope="col">Origin</th>
                  <th scope="col" className="num">
                    Trades
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Open</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((plan) => (
                  <tr key={plan.id}>
                    <th scope="row">{plan.createdAt.slice(0, 16).replace('T', ' ')}</th>
                    <td>
                      <PlanStatusBadge status={plan.status} />
                    </td>
                    <td>{plan.origin === 'AUTOMATIC' ? 'Automatic' : 'Manual'}</td>
                    <td className="num">{plan.items.length}</td>
                    <td>
                      <button type="button" onClick={() => onOpen(plan.id)}>
                        Review
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </section>
  );
}

/** What the solver says of the plan: proved the best, or the best found in time and how far from the best it may be. */
function solverNote(solver: { status: string; mipGap: number | null; timeMs: number }): string {
  const time = `${Math.round(solver.timeMs)} ms`;
  if (solver.status === 'OPTIMAL') return `The solver (HiGHS) proved these the trades of least tax and turnover, in ${time}.`;
  if (solver.status === 'TIME_LIMIT') {
    const gap = solver.mipGap === null ? '' : `, at most ${(solver.mipGap * 100).toFixed(2)} % from the best`;
    return `The solver (HiGHS) stopped at its time limit with these trades${gap}.`;
  }
  return `The solver (HiGHS) found no trades (${solver.status}).`;
}
