import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface IdempotentRequest {
  scope: string;
  key: string;
  userId: string;
  method: string;
  path: string;
  requestHash: string;
}

export type ClaimResult =
  | { kind: 'claimed'; token: string }
  | { kind: 'completed'; status: number; body: string | null }
  | { kind: 'inFlight' }
  | { kind: 'mismatch'; sameRoute: boolean };

interface StoredRow {
  method: string;
  path: string;
  request_hash: string;
  response_status: number | null;
  response_body: string | null;
}

/** How long a response is replayed. */
const RETENTION = '24 hours';
// A claim this old without a response belongs to an instance that died mid-request; its transaction
// was rolled back with its connection, so running the request again is safe.
const ABANDONED_AFTER = '5 minutes';
// Expired keys are deleted a few at a time by requests that claim a new key, so no job is needed
// and no single request pays for a large backlog.
const CLEANUP_BATCH = 100;

/** The idempotency_keys table; the claim is its own committed statement, so it works as a lock across instances. */
@Injectable()
export class IdempotencyKeyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Takes the key for this request unless a live one exists. An expired or
   * abandoned row is taken over in the same statement, so two requests never
   * both believe they hold the key.
   */
  async claim(request: IdempotentRequest): Promise<ClaimResult> {
    const token = randomUUID();
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (scope, key, user_id, method, path, request_hash, lock_token, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now() + interval '${RETENTION}')
       ON CONFLICT (scope, key) DO UPDATE SET
         user_id = EXCLUDED.user_id, method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash,
         lock_token = EXCLUDED.lock_token, response_status = NULL, response_body = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
       WHERE idempotency_keys.expires_at <= now()
          OR (idempotency_keys.response_status IS NULL AND idempotency_keys.created_at <= now() - interval '${ABANDONED_AFTER}')
       RETURNING 1`,
      [request.scope, request.key, request.userId, request.method, request.path, request.requestHash, token],
    );
    if (claimed.length > 0) {
      await this.deleteSomeExpired();
      return { kind: 'claimed', token };
    }
    const [row]: StoredRow[] = await this.dataSource.query(
      'SELECT method, path, request_hash, response_status, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2',
      [request.scope, request.key],
    );
    // Released between our two statements: the caller simply tries again.
    if (!row) return { kind: 'inFlight' };
    const sameRoute = row.method === request.method && row.path === request.path;
    if (!sameRoute || row.request_hash !== request.requestHash) return { kind: 'mismatch', sameRoute };
    if (row.response_status === null) return { kind: 'inFlight' };
    return { kind: 'completed', status: row.response_status, body: row.response_body };
  }

  async complete(request: IdempotentRequest, token: string, status: number, body: string | null): Promise<void> {
    await this.dataSource.query(
      'UPDATE idempotency_keys SET response_status = $4, response_body = $5, lock_token = NULL WHERE scope = $1 AND key = $2 AND lock_token = $3',
      [request.scope, request.key, token, status, body],
    );
  }

  /** Forgets a claim whose request failed, so a retry with the same key runs afresh. */
  async release(request: IdempotentRequest, token: string): Promise<void> {
    await this.dataSource.query('DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND lock_token = $3', [request.scope, request.key, token]);
  }

  private async deleteSomeExpired(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at <= now() LIMIT ${CLEANUP_BATCH})`,
    );
  }
}
