import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Portfolio } from '../../portfolio/entities/portfolio.entity';
import { DriftColumns } from './drift-columns';

/** One class of one drift calculation: the series the dashboard draws. Stored only when the result changed. */
@Entity('portfolio_drifts')
@Index(['portfolioId', 'calculatedAt', 'assetType', 'id'])
export class PortfolioDrift extends DriftColumns {
  @Column('uuid', { name: 'portfolio_id' })
  portfolioId: string;

  @ManyToOne(() => Portfolio, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id' })
  portfolio?: Portfolio;
}
