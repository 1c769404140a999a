import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../auth/entities/user.entity';

/**
 * One caller's Idempotency-Key: claimed while its request runs, then holding
 * the response that a retry within 24 hours gets instead of running again.
 */
@Entity('idempotency_keys')
@Index(['expiresAt'])
export class IdempotencyKey {
  /** `user:<id>` for a signed-in user, `key:<id>` for an API key: see IdempotencyKeyRepository. */
  @PrimaryColumn('varchar', { length: 60 })
  scope: string;

  @PrimaryColumn('varchar', { length: 255 })
  key: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column('varchar', { length: 7 })
  method: string;

  @Column('varchar', { length: 2048 })
  path: string;

  /** SHA-256 of the canonical JSON body, so a retry with other parameters is recognised. */
  @Column('char', { name: 'request_hash', length: 64 })
  requestHash: string;

  /** Names the attempt that holds the key; only it may store a response or let the key go. */
  @Column('uuid', { name: 'lock_token', nullable: true })
  lockToken: string | null;

  /** Null while the first request is still running. */
  @Column('integer', { name: 'response_status', nullable: true })
  responseStatus: number | null;

  /** The JSON text sent, kept as text so a replay is byte for byte the same. */
  @Column('text', { name: 'response_body', nullable: true })
  responseBody: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;
}
