import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ValidationProblem } from '../problem/problem';
import { CURSOR } from './openapi-fields';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ ...CURSOR, description: 'Opaque cursor from the previous page\'s nextCursor', example: 'eyJrIjpbIkFBUEwiXX0' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

/** Keyset cursors: the sort key of the last item seen, opaque to clients. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify({ k: key })).toString('base64url');
}

/** Parts that reach SQL as a timestamp or a uuid are checked, so a forged cursor is a 400 rather than a database error. */
export const isTimestamp = (part: string): boolean => /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(part) && !Number.isNaN(Date.parse(part));
export const isUuid = (part: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(part);

export function decodeCursor(cursor: string | undefined, parts: number, check: (key: string[]) => boolean = () => true): string[] | null {
  if (cursor === undefined) return null;
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { k?: unknown };
    if (Array.isArray(decoded.k) && decoded.k.length === parts && decoded.k.every((part) => typeof part === 'string') && check(decoded.k as string[])) {
      return decoded.k as string[];
    }
  } catch {
    // fall through to the same answer as a well-formed but foreign cursor
  }
  throw new ValidationProblem([{ field: 'cursor', rule: 'isCursor', message: 'is not a cursor this list returned' }]);
}
