import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { PageRequest } from '../pagination/paginate';
import { CURSOR } from './openapi-fields';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, example: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  // No example: Swagger UI would send it as is, and only a cursor this list returned is accepted.
  @ApiPropertyOptional({
    ...CURSOR,
    description:
      "Leave out for the first page; then pass the previous page's nextCursor unchanged. Opaque: a cursor this list did not return is 400 INVALID_CURSOR",
  })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

/** The paging fields of a list's query, without its filters. */
export function toPageRequest({ limit, cursor }: PageQueryDto): PageRequest {
  return { limit, cursor };
}
