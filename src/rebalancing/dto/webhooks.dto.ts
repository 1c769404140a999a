import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, IsUrl, MaxLength } from 'class-validator';
import { WEBHOOK_EVENT_TYPES } from '../domain/webhook-events';
import { CURSOR, DATE_TIME, MAX_LIST_ITEMS, UUID } from '../../common/http/openapi-fields';
import { MAX_PAGE_SIZE } from '../../common/http/pagination';

export class CreateWebhookDto {
  @ApiProperty({
    format: 'uri',
    maxLength: 2048,
    example: 'https://example.com/rebalance/events',
    description: 'https, resolving to public addresses only (unless WEBHOOK_ALLOW_PRIVATE=true on the server); never a cloud metadata address',
  })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2048)
  @IsString()
  url: string;

  @ApiProperty({
    enum: WEBHOOK_EVENT_TYPES,
    enumName: 'WebhookEventType',
    isArray: true,
    maxItems: WEBHOOK_EVENT_TYPES.length,
    example: ['drift.alert.opened', 'drift.alert.resolved'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events: string[];
}

export class WebhookDto {
  @ApiProperty({ ...UUID })
  id: string;

  @ApiProperty({ format: 'uri', maxLength: 2048, example: 'https://example.com/rebalance/events' })
  url: string;

  @ApiProperty({
    enum: WEBHOOK_EVENT_TYPES,
    enumName: 'WebhookEventType',
    isArray: true,
    maxItems: WEBHOOK_EVENT_TYPES.length,
    example: ['drift.alert.opened'],
  })
  events: string[];

  @ApiProperty({ ...DATE_TIME })
  createdAt: string;
}

export class CreatedWebhookDto extends WebhookDto {
  @ApiProperty({
    pattern: '^whsec_[A-Za-z0-9_-]{43}$',
    maxLength: 49,
    example: 'whsec_3q2-7wXk0TgQm1Zr8uYpLc5VnHs2Jd9Ab4Ef6Gi0KlM',
    description: 'Signs every delivery (X-Rebalance-Signature). Shown only in this response: store it now',
  })
  secret: string;
}

export class WebhookListDto {
  @ApiProperty({ type: [WebhookDto], maxItems: MAX_PAGE_SIZE, description: 'Oldest first' })
  items: WebhookDto[];

  @ApiProperty({ type: String, nullable: true, ...CURSOR, example: null, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}

export class DeliveryAttemptDto {
  @ApiProperty({ ...DATE_TIME })
  attemptedAt: string;

  @ApiProperty({ type: Number, nullable: true, example: 500, description: "The receiver's HTTP status; null when no response came" })
  responseStatus: number | null;

  @ApiProperty({ type: String, nullable: true, maxLength: 500, example: 'timed out after 10000 ms' })
  error: string | null;

  @ApiProperty({ example: 84 })
  durationMs: number;
}

export class WebhookDeliveryDto {
  @ApiProperty({ ...UUID })
  id: string;

  @ApiProperty({ ...UUID, description: 'The event id: the same on every attempt, for de-duplication' })
  eventId: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, enumName: 'WebhookEventType' })
  eventType: string;

  @ApiProperty({ enum: ['PENDING', 'SUCCEEDED', 'FAILED'], enumName: 'DeliveryStatus', description: 'FAILED: every retry was used up' })
  status: string;

  @ApiProperty({ example: 3 })
  attempts: number;

  @ApiProperty({ ...DATE_TIME })
  createdAt: string;

  @ApiProperty({ ...DATE_TIME, nullable: true, type: String })
  deliveredAt: string | null;

  @ApiProperty({ type: [DeliveryAttemptDto], maxItems: MAX_LIST_ITEMS, description: 'Oldest first' })
  attemptLog: DeliveryAttemptDto[];
}

export class WebhookDeliveryListDto {
  @ApiProperty({ type: [WebhookDeliveryDto], maxItems: MAX_PAGE_SIZE, description: 'Newest first' })
  items: WebhookDeliveryDto[];

  @ApiProperty({ type: String, nullable: true, ...CURSOR, example: null, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}
