import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, IsUrl, MaxLength } from 'class-validator';
import { WEBHOOK_EVENT_TYPES } from '../domain/webhook-events';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://partner.example.com/rebalance/events', maxLength: 2048, description: 'https, resolving to public addresses only (unless WEBHOOK_ALLOW_PRIVATE=true on the server)' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2048)
  @IsString()
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, enumName: 'WebhookEventType', isArray: true, example: ['drift.alert.opened', 'drift.alert.resolved'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events: string[];
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'https://partner.example.com/rebalance/events' })
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, enumName: 'WebhookEventType', isArray: true, example: ['drift.alert.opened'] })
  events: string[];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class CreatedWebhookDto extends WebhookDto {
  @ApiProperty({ example: 'whsec_3q2+7w…', description: 'Signs every delivery (X-Rebalance-Signature). Shown only in this response: store it now' })
  secret: string;
}

export class WebhookListDto {
  @ApiProperty({ type: [WebhookDto], description: 'Oldest first' })
  items: WebhookDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class DeliveryAttemptDto {
  @ApiProperty({ format: 'date-time' })
  attemptedAt: string;

  @ApiProperty({ type: Number, nullable: true, example: 500, description: 'The receiver\'s HTTP status; null when no response came' })
  responseStatus: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'timed out after 10000 ms' })
  error: string | null;

  @ApiProperty({ example: 84 })
  durationMs: number;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid', description: 'The event id: the same on every attempt, for de-duplication' })
  eventId: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, enumName: 'WebhookEventType' })
  eventType: string;

  @ApiProperty({ enum: ['PENDING', 'SUCCEEDED', 'FAILED'], enumName: 'DeliveryStatus', description: 'FAILED: every retry was used up' })
  status: string;

  @ApiProperty({ example: 3 })
  attempts: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  deliveredAt: string | null;

  @ApiProperty({ type: [DeliveryAttemptDto], description: 'Oldest first' })
  attemptLog: DeliveryAttemptDto[];
}

export class WebhookDeliveryListDto {
  @ApiProperty({ type: [WebhookDeliveryDto], description: 'Newest first' })
  items: WebhookDeliveryDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
