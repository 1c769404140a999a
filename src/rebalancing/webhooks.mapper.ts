import type { Page } from '../common/pagination/paginate';
import type { WebhookEventType } from './domain/webhook-events';
import type { CreatedWebhookDto, CreateWebhookDto, WebhookDeliveryListDto, WebhookDto, WebhookListDto } from './dto/webhooks.dto';
import type { WebhookEndpoint, WebhookEvent } from './entities/webhook.entities';
import type { DeliveryPage, WebhookSubscription } from './webhooks.service';

/** Validation admitted only the known event types. */
export function toWebhookSubscription(dto: CreateWebhookDto): WebhookSubscription {
  return { url: dto.url, events: dto.events as WebhookEventType[] };
}

export function toWebhookDto(endpoint: WebhookEndpoint): WebhookDto {
  return { id: endpoint.id, url: endpoint.url, events: endpoint.events, createdAt: endpoint.createdAt.toISOString() };
}

/** Only the response to its registration shows an endpoint's secret. */
export function toCreatedWebhookDto(endpoint: WebhookEndpoint): CreatedWebhookDto {
  return { ...toWebhookDto(endpoint), secret: endpoint.secret };
}

export function toWebhookListDto(page: Page<WebhookEndpoint>): WebhookListDto {
  return { items: page.rows.map(toWebhookDto), nextCursor: page.nextCursor };
}

export function toWebhookDeliveryListDto({ page, attempts }: DeliveryPage): WebhookDeliveryListDto {
  return {
    items: page.rows.map((delivery) => ({
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
    nextCursor: page.nextCursor,
  };
}
