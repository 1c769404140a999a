import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Scope } from '../auth.constants';
import { User } from './user.entity';

@Entity('api_keys')
@Index(['userId', 'createdAt', 'id'])
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column('varchar', { length: 100 })
  name: string;

  /** The first characters of the key, shown in listings so a person can tell keys apart. */
  @Column('varchar', { length: 20 })
  prefix: string;

  /** SHA-256 of the whole key: the key has 256 bits of entropy, so a fast hash is safe and lookups are one index probe. */
  @Column('char', { name: 'secret_hash', length: 64, unique: true })
  secretHash: string;

  @Column('text', { array: true })
  scopes: Scope[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}
