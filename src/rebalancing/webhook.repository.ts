import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Keyset } from '../common/pagination/cursor';
import { paginate, type Page, type PageRequest } from '../common/pagination/paginate';
import type { WebhookEventType } from './domain/webhook-events';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint, WebhookEvent } from './entities/webhook.entities';

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

/** The outcome of one delivery attempt, as recorded. */
export interface AttemptResult {
  status: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * The webhook endpoints, events, deliveries and attempts. Reads for a user filter by the endpoint's
 * owner; the delivery worker reads a delivery by id, as the system.
 */
@Injectable()
export class WebhookRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The user's endpoints subscribed to the event type, in id order. */
  async subscribedEndpointIds(manager: EntityManager, userId: string, type: WebhookEventType): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>('SELECT id FROM webhook_endpoints WHERE user_id = $1 AND $2 = ANY(events) ORDER BY id', [
      userId,
      type,
    ]);
    return rows.map((row) => row.id);
  }

  /** Records the event and one PENDING delivery per endpoint, in the caller's transaction; returns the deliveries. */
  async recordEvent(manager: EntityManager, userId: string, type: WebhookEventType, data: object, endpointIds: readonly string[]): Promise<WebhookDelivery[]> {
    const event = await manager.save(manager.create(WebhookEvent, { userId, type, data: data as Record<string, unknown> }));
    return manager.save(
      endpointIds.map((endpointId) => manager.create(WebhookDelivery, { endpointId, eventId: event.id, status: 'PENDING', attempts: 0, deliveredAt: null })),
    );
  }

  createEndpoint(userId: string, url: string, events: WebhookEventType[], secret: string): Promise<WebhookEndpoint> {
    return this.dataSource.getRepository(WebhookEndpoint).save({ userId, url, events, secret });
  }

  /** A page of the user's endpoints, oldest first. */
  pageOwnedEndpoints(userId: string, query: PageRequest): Promise<Page<WebhookEndpoint>> {
    const builder = this.dataSource.getRepository(WebhookEndpoint).createQueryBuilder('endpoint').where('endpoint.user_id = :userId', { userId });
    return paginate(builder, ENDPOINT_PAGES, query);
  }

  findOwnedEndpoint(userId: string, id: string): Promise<WebhookEndpoint | null> {
    return this.dataSource.getRepository(WebhookEndpoint).findOneBy({ id, userId });
  }

  /** Deletes the user's endpoint with its deliveries; false when it is not theirs. */
  async deleteOwnedEndpoint(userId: string, id: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(WebhookEndpoint).delete({ id, userId });
    return Boolean(result.affected);
  }

  /** A page of the deliveries of the user's endpoint, newest first, each with its event. */
  pageOwnedDeliveries(userId: string, endpointId: string, query: PageRequest): Promise<Page<WebhookDelivery>> {
    const builder = this.dataSource
      .getRepository(WebhookDelivery)
      .createQueryBuilder('delivery')
      .innerJoinAndSelect('delivery.event', 'event')
      .innerJoin('delivery.endpoint', 'endpoint')
      .where('delivery.endpoint_id = :endpointId AND endpoint.user_id = :userId', { endpointId, userId });
    return paginate(builder, DELIVERY_PAGES, query);
  }

  /** The attempts of these deliveries, oldest first. */
  async attemptsOf(deliveryIds: readonly string[]): Promise<WebhookDeliveryAttempt[]> {
    if (deliveryIds.length === 0) return [];
    return this.dataSource.getRepository(WebhookDeliveryAttempt).find({ where: { deliveryId: In([...deliveryIds]) }, order: { attemptedAt: 'ASC' } });
  }

  /** A delivery with its endpoint and event, for the worker that sends it; null once its endpoint is deleted. */
  findDelivery(deliveryId: string): Promise<WebhookDelivery | null> {
    return this.dataSource.getRepository(WebhookDelivery).findOne({ where: { id: deliveryId }, relations: { endpoint: true, event: true } });
  }

  /** Records an attempt and the delivery's new status in one transaction. */
  async recordAttempt(deliveryId: string, result: AttemptResult, status: WebhookDelivery['status']): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(WebhookDeliveryAttempt, { deliveryId, responseStatus: result.status, error: result.error, durationMs: result.durationMs });
      await manager.update(
        WebhookDelivery,
        { id: deliveryId },
        { attempts: () => 'attempts + 1', status, deliveredAt: status === 'SUCCEEDED' ? new Date() : null },
      );
    });
  }
}
