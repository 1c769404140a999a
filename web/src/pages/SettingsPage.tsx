import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type Schemas, unwrap } from '../api/client';
import { Badge } from '../components/badges';
import { useCurrentPortfolio } from '../components/current-portfolio';
import { PageHeader } from '../components/PageHeader';
import { ErrorMessage, QueryView } from '../components/state';
import { TargetsForm } from '../components/TargetsForm';
import { usePortfolios } from './OverviewPage';

export function SettingsPage() {
  return (
    <section>
      <PageHeader title="Settings" />
      <TargetsEditor />
      <ApiKeys />
      <Webhooks />
    </section>
  );
}

function TargetsEditor() {
  const portfolios = usePortfolios();
  const [currentId] = useCurrentPortfolio();
  const [chosen, setChosen] = useState<string>();
  const portfolioId = chosen ?? currentId ?? portfolios.data?.[0]?.id;
  const queryClient = useQueryClient();
  const targets = useQuery({
    queryKey: ['targets', portfolioId],
    queryFn: () => unwrap(api.GET('/api/v1/portfolios/{id}/targets', { params: { path: { id: portfolioId! } } })),
    enabled: portfolioId !== undefined,
  });
  return (
    <section aria-labelledby="targets-heading">
      <h2 id="targets-heading">Target allocation</h2>
      <QueryView query={portfolios} what="portfolios" isEmpty={(data) => data.length === 0} empty="No portfolios to set targets for.">
        {(list) => (
          <label>
            Portfolio
            <select value={portfolioId} onChange={(event) => setChosen(event.target.value)}>
              {list.map((portfolio) => (
                <option key={portfolio.id} value={portfolio.id}>
                  {portfolio.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </QueryView>
      {portfolioId && (
        <QueryView query={targets} what="targets">
          {(data) => (
            <TargetsForm
              key={portfolioId}
              label="Targets"
              targets={data.targets}
              save={(body) => unwrap(api.PUT('/api/v1/portfolios/{id}/targets', { params: { path: { id: portfolioId } }, body }))}
              onSaved={(saved) => {
                queryClient.setQueryData(['targets', portfolioId], saved);
                for (const key of ['drift', 'suggestions', 'portfolio']) void queryClient.invalidateQueries({ queryKey: [key, portfolioId] });
              }}
            />
          )}
        </QueryView>
      )}
    </section>
  );
}

const SCOPES: Schemas['Scope'][] = ['portfolios:read', 'portfolios:write', 'rebalancing:read', 'rebalancing:write'];

function ApiKeys() {
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => unwrap(api.GET('/api/v1/auth/api-keys', { params: { query: { limit: 200 } } })) });
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Schemas['Scope'][]>(['portfolios:read', 'rebalancing:read']);
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/api-keys', { body: { name, scopes } })),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/auth/api-keys/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section aria-labelledby="keys-heading">
      <h2 id="keys-heading">API keys</h2>
      <form onSubmit={submit} className="toolbar" aria-label="New API key">
        <label>
          Key name
          <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={100} />
        </label>
        <fieldset>
          <legend>Scopes</legend>
          {SCOPES.map((scope) => (
            <label key={scope} className="inline">
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(event) => setScopes(event.target.checked ? [...scopes, scope] : scopes.filter((other) => other !== scope))}
              />
              {scope}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary" disabled={create.isPending}>
          Create key
        </button>
      </form>
      {create.isError && <ErrorMessage error={create.error} action="create the key" />}
      {create.data && (
        <div className="card" role="status">
          <p>
            <strong>Key “{create.data.name}” created.</strong> Copy its secret now: it is shown only this once.
          </p>
          <p className="secret" data-testid="api-key-secret">
            {create.data.secret}
          </p>
        </div>
      )}
      {revoke.isError && <ErrorMessage error={revoke.error} action="revoke the key" />}
      <QueryView query={keys} what="API keys" isEmpty={(data) => data.items.length === 0} empty="No API keys yet.">
        {(data) => (
          <div className="table-scroll" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Prefix</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span className="visually-hidden">Revoke</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((key) => (
                  <tr key={key.id}>
                    <th scope="row">{key.name}</th>
                    <td>
                      <code>{key.prefix}…</code>
                    </td>
                    <td>{key.scopes.join(', ')}</td>
                    <td>{key.lastUsedAt?.slice(0, 10) ?? 'never'}</td>
                    <td>
                      <button type="button" onClick={() => revoke.mutate(key.id)} disabled={revoke.isPending}>
                        Revoke {key.name}
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

const EVENTS: Schemas['WebhookEventType'][] = [
  'drift.alert.opened',
  'drift.alert.escalated',
  'drift.alert.resolved',
  'rebalance.plan.created',
  'rebalance.plan.executed',
];

function Webhooks() {
  const queryClient = useQueryClient();
  const hooks = useQuery({ queryKey: ['webhooks'], queryFn: () => unwrap(api.GET('/api/v1/webhooks', { params: { query: { limit: 200 } } })) });
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<Schemas['WebhookEventType'][]>(['drift.alert.opened']);
  const [shown, setShown] = useState<string>();
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/webhooks', { body: { url, events } })),
    onSuccess: () => {
      setUrl('');
      void queryClient.invalidateQueries({ queryKey: ['webhooks'] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">Webhooks</h2>
      <form onSubmit={submit} className="toolbar" aria-label="New webhook">
        <label>
          Endpoint URL
          <input type="url" value={url} onChange={(event) => setUrl(event.target.value)} required placeholder="https://example.com/hooks/rebalance" />
        </label>
        <fieldset>
          <legend>Events</legend>
          {EVENTS.map((event) => (
            <label key={event} className="inline">
              <input
                type="checkbox"
                checked={events.includes(event)}
                onChange={(change) => setEvents(change.target.checked ? [...events, event] : events.filter((other) => other !== event))}
              />
              {event}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary" disabled={create.isPending}>
          Add webhook
        </button>
      </form>
      {create.isError && <ErrorMessage error={create.error} action="add the webhook" />}
      {create.data && (
        <div className="card" role="status">
          <p>
            <strong>Webhook added.</strong> Its signing secret is shown only this once:
          </p>
          <p className="secret">{create.data.secret}</p>
        </div>
      )}
      {remove.isError && <ErrorMessage error={remove.error} action="delete the webhook" />}
      <QueryView query={hooks} what="webhooks" isEmpty={(data) => data.items.length === 0} empty="No webhooks yet.">
        {(data) => (
          <ul className="cards">
            {data.items.map((hook) => (
              <li key={hook.id} className="card">
                <h3>{hook.url}</h3>
                <p>{hook.events.join(', ')}</p>
                <p className="actions">
                  <button type="button" aria-expanded={shown === hook.id} onClick={() => setShown(shown === hook.id ? undefined : hook.id)}>
                    Delivery log
                  </button>
                  <button type="button" onClick={() => remove.mutate(hook.id)} disabled={remove.isPending}>
                    Delete webhook
                  </button>
                </p>
                {shown === hook.id && <Deliveries webhookId={hook.id} />}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

const DELIVERY_TONE = { SUCCEEDED: 'ok', FAILED: 'bad', PENDING: 'info' } as const;

function Deliveries({ webhookId }: { webhookId: string }) {
  const deliveries = useQuery({
    queryKey: ['deliveries', webhookId],
    queryFn: () => unwrap(api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id: webhookId }, query: { limit: 50 } } })),
  });
  return (
    <QueryView query={deliveries} what="deliveries" isEmpty={(data) => data.items.length === 0} empty="Nothing delivered yet.">
      {(data) => (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Attempts
                </th>
                <th scope="col">Last answer</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((delivery) => {
                const last = delivery.attemptLog.at(-1);
                return (
                  <tr key={delivery.id}>
                    <th scope="row">{delivery.eventType}</th>
                    <td>
                      <Badge tone={DELIVERY_TONE[delivery.status]}>{delivery.status.toLowerCase()}</Badge>
                    </td>
                    <td className="num">{delivery.attempts}</td>
                    <td>{last ? (last.responseStatus ? `HTTP ${last.responseStatus}` : (last.error ?? 'no answer')) : '—'}</td>
                    <td>{delivery.createdAt.slice(0, 16).replace('T', ' ')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </QueryView>
  );
}
