import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { PageQueryDto } from '../common/http/pagination';
import type { Keyset } from '../common/pagination/cursor';
import { paginate } from '../common/pagination/paginate';
import { refuseTarget } from '../common/net/public-address';
import { NotFoundProblem, ValidationProblem } from '../common/problem/problem';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { type JobAttempt, JobQueue } from '../jobs/job-queue';
import { QUEUES } from '../jobs/queues';
import { SIGNATURE_HEADER, signatureHeader, type WebhookEventType } from './domain/webhook-events';
import type { CreatedWebhookDto, CreateWebhookDto, WebhookDeliveryListDto, WebhookDto, WebhookListDto } from './dto/webhooks.dto';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint, WebhookEvent } from './entities/webhook.entities';
import { postSigned } from './webhook-sender';
import { CommonErrorCode } from '../common/problem/common-errors';

function toWebhookDto(endpoint: WebhookEndpoint): WebhookDto {
  return { id: endpoint.id, url: endpoint.url, events: endpoint.events, createdAt: endpoint.createdAt.toISOString() };
}

/** The body a receiver gets: the same bytes on every attempt, so the event id de-duplicates. */
export function eventBody(event: WebhookEvent): string {
  return JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt.toISOString(), data: event.data });
}

/** Oldest first. */
const ENDPOINT_PAGES: Keyset = {
  direction: 'ASC',
  keys: [
    { column: 'endpoint.created_at', type: 'timestamptz' },
    { column: 'endpoint.id', type: 'uuid' },
  ],
};

/** Newest first. */
const DELIVERY_PAGES: Keyset = {
  direction: 'DESC',
  keys: [
    { column: 'delivery.created_at', type: 'timestamptz' },
    { column: 'delivery.id', type: 'uuid' },
  ],
};

@Injectable()
export class WebhooksService implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work<{ deliveryId: string }>(QUEUES.webhookDelivery, ({ deliveryId }, attempt) => this.deliver(deliveryId, attempt), { concurrency: 4 });
  }

  /**
   * Records the event and one delivery per subscribed endpoint of the user,
   * in the caller's transaction: nothing is announced for a change that rolls back.
   */
  async emit(manager: EntityManager, userId: string, type: WebhookEventType, data: object): Promise<void> {
    const endpoints = await manager.query<Array<{ id: string }>>('SELECT id FROM webhook_endpoints WHERE user_id = $1 AND $2 = ANY(events) ORDER BY id', [
      userId,
      type,
    ]);
    if (endpoints.length === 0) return;
    const event = await manager.save(manager.create(WebhookEvent, { userId, type, data: data as Record<string, unknown> }));
    const deliveries = await manager.save(
      endpoints.map((endpoint) =>
        manager.create(WebhookDelivery, { endpointId: endpoint.id, eventId: event.id, status: 'PENDING', attempts: 0, deliveredAt: null }),
      ),
    );
    await this.jobs.sendMany(
      QUEUES.webhookDelivery,
      deliveries.map((delivery) => ({ deliveryId: delivery.id })),
      { manager, retryLimit: this.config.webhooks.retryLimit, retryDelay: this.config.webhooks.retryDelaySeconds },
    );
  }

  async create(principal: Principal, dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    const refusal = await refuseTarget(dto.url, this.config.webhooks.allowPrivate);
    if (refusal) throw new ValidationProblem([{ field: 'url', rule: refusal.rule, message: refusal.message }], CommonErrorCode.UNPROCESSABLE_FIELDS);
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const endpoint = await this.dataSource
      .getRepository(WebhookEndpoint)
      .save({ userId: principal.userId, url: dto.url, events: dto.events as WebhookEventType[], secret });
    return { ...toWebhookDto(endpoint), secret };
  }

  async list(principal: Principal, query: PageQueryDto): Promise<WebhookListDto> {
    const builder = this.dataSource
      .getRepository(WebhookEndpoint)
      .createQueryBuilder('endpoint')
      .where('endpoint.user_id = :userId', { userId: principal.userId });
    const page = await paginate(builder, ENDPOINT_PAGES, query);
    return { items: page.rows.map(toWebhookDto), nextCursor: page.nextCursor };
  }

  private async findOwned(principal: Principal, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.dataSource.getRepository(WebhookEndpoint).findOneBy({ id, userId: principal.userId });
    if (!endpoint) throw new NotFoundProblem('Webhook');
    return endpoint;
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const result = await this.dataSource.getRepository(WebhookEndpoint).delete({ id, userId: principal.userId });
    if (!result.affected) throw new NotFoundProblem('Webhook');
  }

  async deliveries(principal: Principal, id: string, query: PageQueryDto): Promise<WebhookDeliveryListDto> {
    const endpoint = await this.findOwned(principal, id);
    const builder = this.dataSource
      .getRepository(WebhookDelivery)
      .createQueryBuilder('delivery')
      .innerJoinAndSelect('delivery.event', 'event')
      .where('delivery.endpoint_id = :endpointId', { endpointId: endpoint.id });
    const { rows: page, nextCursor } = await paginate(builder, DELIVERY_PAGES, query);
    const attempts =
      page.length === 0
        ? []
        : await this.dataSource.getRepository(WebhookDeliveryAttempt).find({ where: { deliveryId: In(page.map((d) => d.id)) }, order: { attemptedAt: 'ASC' } });
    return {
      items: page.map((delivery) => ({
        id: delivery.id,
        eventId: delivery.eventId,
        eventType: (delivery.event as WebhookEvent).type,
        status: delivery.status,
        attempts: delivery.attempts,
        createdAt: delivery.createdAt.toISOString(),
        deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
        attemptLog: attempts
          .filter((attempt) => attempt.deliveryId === delivery.id)
          .map((attempt) => ({
            attemptedAt: attempt.attemptedAt.toISOString(),
            responseStatus: attempt.responseStatus,
            error: attempt.error,
            durationMs: attempt.durationMs,
          })),
      })),
      nextCursor,
    };
  }

  /**
   * One attempt. The outcome is recorded whatever it is; a failure then throws
   * so the job queue retries with exponential backoff, until the last attempt
   * marks the delivery FAILED.
   */
  private async deliver(deliveryId: string, attempt: JobAttempt): Promise<void> {
    const delivery = await this.dataSource.getRepository(WebhookDelivery).findOne({ where: { id: deliveryId }, relations: { endpoint: true, event: true } });
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
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(WebhookDeliveryAttempt, { deliveryId, responseStatus: result.status, error: result.error, durationMs: result.durationMs });
      await manager.update(
        WebhookDelivery,
        { id: deliveryId },
        { attempts: () => 'attempts + 1', status: succeeded ? 'SUCCEEDED' : attempt.last ? 'FAILED' : 'PENDING', deliveredAt: succeeded ? new Date() : null },
      );
    });
    if (!succeeded) throw new Error(`delivery ${deliveryId} attempt ${attempt.number}: ${result.error}`);
  }
}
