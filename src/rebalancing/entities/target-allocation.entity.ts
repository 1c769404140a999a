import { Column, Entity, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { Portfolio } from '../../portfolio/entities/portfolio.entity';
import { TargetAllocationColumns } from './target-allocation-columns';

/** One class's share of a portfolio's target mix. A portfolio's set sums to exactly 100. */
@Entity('target_allocations')
@Unique('UQ_target_allocations_portfolio_asset_type', ['portfolioId', 'assetType'])
export class TargetAllocation extends TargetAllocationColumns {
  @Column('uuid', { name: 'portfolio_id' })
  portfolioId: string;

  @ManyToOne(() => Portfolio, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id' })
  portfolio?: Portfolio;
}
