import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { Page, PageRequest } from '../common/pagination/paginate';
import { refuseTarget } from '../common/net/public-address';
import { NotFoundProblem, ValidationProblem } from '../common/problem/problem';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { type JobAttempt, JobQueue } from '../jobs/job-queue';
import { QUEUES } from '../jobs/queues';
import { SIGNATURE_HEADER, signatureHeader, type WebhookEventType } from './domain/webhook-events';
import type { WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint, WebhookEvent } from './entities/webhook.entities';
import { WebhookRepository } from './webhook.repository';
import { postSigned } from './webhook-sender';
import { CommonErrorCode } from '../common/problem/common-errors';
import { type Tx } from '../database/unit-of-work';

/** The body a receiver gets: the same bytes on every attempt, so the event id de-duplicates. */
export function eventBody(event: WebhookEvent): string {
  return JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt.toISOString(), data: event.data });
}

/** An endpoint to register: where events are posted, and which types it receives. */
export interface WebhookSubscription {
  url: string;
  events: WebhookEventType[];
}

/** A page of an endpoint's deliveries with the attempts of each. */
export interface DeliveryPage {
  page: Page<WebhookDelivery>;
  attempts: WebhookDeliveryAttempt[];
}

@Injectable()
export class WebhooksService implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly webhooks: WebhookRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work<{ deliveryId: string }>(QUEUES.webhookDelivery, ({ deliveryId }, attempt) => this.deliver(deliveryId, attempt), { concurrency: 4 });
  }

  /**
   * Records the event and one delivery per subscribed endpoint of the user,
   * in the caller's transaction: nothing is announced for a change that rolls back.
   */
  async emit(manager: Tx, userId: string, type: WebhookEventType, data: object): Promise<void> {
    const endpointIds = await this.webhooks.subscribedEndpointIds(manager, userId, type);
    if (endpointIds.length === 0) return;
    const deliveries = await this.webhooks.recordEvent(manager, userId, type, data, endpointIds);
    await this.jobs.sendMany(
      QUEUES.webhookDelivery,
      deliveries.map((delivery) => ({ deliveryId: delivery.id })),
      { manager, retryLimit: this.config.webhooks.retryLimit, retryDelay: this.config.webhooks.retryDelaySeconds },
    );
  }

  async create(principal: Principal, subscription: WebhookSubscription): Promise<WebhookEndpoint> {
    const refusal = await refuseTarget(subscription.url, this.config.webhooks.allowPrivate);
    if (refusal) throw new ValidationProblem([{ field: 'url', rule: refusal.rule, message: refusal.message }], CommonErrorCode.UNPROCESSABLE_FIELDS);
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    return this.webhooks.createEndpoint(principal.userId, subscription.url, subscription.events, secret);
  }

  list(principal: Principal, page: PageRequest): Promise<Page<WebhookEndpoint>> {
    return this.webhooks.pageOwnedEndpoints(principal.userId, page);
  }

  private async findOwned(principal: Principal, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.webhooks.findOwnedEndpoint(principal.userId, id);
    if (!endpoint) throw new NotFoundProblem('Webhook');
    return endpoint;
  }

  async remove(principal: Principal, id: string): Promise<void> {
    if (!(await this.webhooks.deleteOwnedEndpoint(principal.userId, id))) throw new NotFoundProblem('Webhook');
  }

  async deliveries(principal: Principal, id: string, request: PageRequest): Promise<DeliveryPage> {
    const endpoint = await this.findOwned(principal, id);
    const page = await this.webhooks.pageOwnedDeliveries(principal.userId, endpoint.id, request);
    return { page, attempts: await this.webhooks.attemptsOf(page.rows.map((delivery) => delivery.id)) };
  }

  /**
   * One attempt. The outcome is recorded whatever it is; a failure then throws
   * so the job queue retries with exponential backoff, until the last attempt
   * marks the delivery FAILED.
   */
  private async deliver(deliveryId: string, attempt: JobAttempt): Promise<void> {
    const delivery = await this.webhooks.findDelivery(deliveryId);
    // The endpoint was deleted (its deliveries went with it), or an earlier attempt got through.
    if (!delivery || delivery.status === 'SUCCEEDED') return;
    const endpoint = delivery.endpoint as WebhookEndpoint;
    const body = eventBody(delivery.event as WebhookEvent);
    // Checked again, not only at registration: the connect-time lookup guard never sees a literal IP,
    // and the URL may have been registered while WEBHOOK_ALLOW_PRIVATE was on, or before a rule was added.
    const refusal = await refuseTarget(endpoint.url, this.config.webhooks.allowPrivate);
    const result = refusal
      ? { status: null, error: `url refused: ${refusal.message}`, durationMs: 0 }
      : await postSigned(
          endpoint.url,
          body,
          {
            [SIGNATURE_HEADER]: signatureHeader(endpoint.secret, body, Math.floor(Date.now() / 1000)),
            'X-Rebalance-Event-Id': delivery.eventId,
            'X-Rebalance-Event-Type': (delivery.event as WebhookEvent).type,
          },
          { timeoutMs: this.config.webhooks.timeoutMs, allowPrivate: this.config.webhooks.allowPrivate },
        );
    const succeeded = result.error === null;
    await this.webhooks.recordAttempt(deliveryId, result, succeeded ? 'SUCCEEDED' : attempt.last ? 'FAILED' : 'PENDING');
    if (!succeeded) throw new Error(`delivery ${deliveryId} attempt ${attempt.number}: ${result.error}`);
  }
}
