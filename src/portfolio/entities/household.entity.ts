import type Big from 'big.js';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { User } from '../../auth/entities/user.entity';
import { decimalTransformer } from '../../common/decimal/decimal.transformer';
import type { AutoRebalance } from './portfolio.entity';

/**
 * The taxpayer (one person, or a couple filing jointly) whose accounts are portfolios: wash sales
 * and tax estimates are scoped to it. Owned by a user; a partner keeps one per client.
 */
@Entity('households')
@Index(['userId', 'createdAt', 'id'])
// A partner's own id for the client, unique per owner; several households may have none (NULLs are distinct).
@Unique('UQ_households_user_external_id', ['userId', 'externalId'])
// The household POST /portfolios uses when no householdId is given: at most one per user, so two
// concurrent first POSTs meet on this index (INSERT … ON CONFLICT) and share one.
@Index('UQ_households_user_default', ['userId'], { unique: true, where: '"is_default"' })
export class Household {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column('varchar', { length: 100 })
  name: string;

  @Column('varchar', { name: 'external_id', length: 100, nullable: true })
  externalId: string | null;

  @Column('boolean', { name: 'is_default', default: false })
  isDefault: boolean;

  /** Percent (37 is 37 %), for estimates only; the defaults are the rates harvesting assumed before households. */
  @Column('numeric', { name: 'short_term_rate', precision: 7, scale: 4, default: 37, transformer: decimalTransformer })
  shortTermRate: Big;

  @Column('numeric', { name: 'long_term_rate', precision: 7, scale: 4, default: 20, transformer: decimalTransformer })
  longTermRate: Big;

  /** SUGGEST: an opened or escalated drift alert of the household proposes a PENDING household plan; nothing is executed. */
  @Column('varchar', { name: 'auto_rebalance', length: 7, default: 'OFF' })
  autoRebalance: AutoRebalance;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
