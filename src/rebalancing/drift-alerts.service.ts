import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { Keyset } from '../common/pagination/cursor';
import { paginate } from '../common/pagination/paginate';
import { NotFoundProblem } from '../common/problem/problem';
import { PortfoliosService } from '../portfolio/portfolios.service';
import { toDriftAlertDto } from './drift-alerts.mapper';
import type { DriftAlertDto, DriftAlertListDto, DriftAlertQueryDto, DriftScanDto } from './dto/drift-alerts.dto';
import { DriftAlert } from './entities/drift-alert.entity';
import { DriftScan } from './entities/drift-scan.entity';
import { toDriftScanDto } from './drift-monitor.service';

/** Newest first. */
const ALERT_PAGES: Keyset = {
  direction: 'DESC',
  keys: [
    { column: 'alert.opened_at', type: 'timestamptz' },
    { column: 'alert.id', type: 'uuid' },
  ],
};

@Injectable()
export class DriftAlertsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly portfolios: PortfoliosService,
  ) {}

  /** Every alert of the caller's portfolios; the owner is part of the query. */
  list(principal: Principal, query: DriftAlertQueryDto): Promise<DriftAlertListDto> {
    return this.page(this.owned(principal), query);
  }

  async listForPortfolio(principal: Principal, portfolioId: string, query: DriftAlertQueryDto): Promise<DriftAlertListDto> {
    const portfolio = await this.portfolios.findOwned(principal, portfolioId);
    return this.page(this.owned(principal).andWhere('alert.portfolio_id = :portfolioId', { portfolioId: portfolio.id }), query);
  }

  /** Idempotent; a resolved alert stays resolved. The row lock orders it against a scan moving the same alert. */
  async acknowledge(principal: Principal, alertId: string): Promise<DriftAlertDto> {
    return this.dataSource.transaction(async (manager) => {
      const alert = await this.owned(principal, manager.getRepository(DriftAlert).createQueryBuilder('alert'))
        .andWhere('alert.id = :alertId', { alertId })
        .setLock('pessimistic_write', undefined, ['alert'])
        .getOne();
      if (!alert) throw new NotFoundProblem('Drift alert');
      if (alert.status === 'OPEN') {
        alert.status = 'ACKNOWLEDGED';
        alert.acknowledgedAt = new Date();
        await manager.save(alert);
      }
      return toDriftAlertDto(alert);
    });
  }

  async scan(id: string): Promise<DriftScanDto> {
    const scan = await this.dataSource.getRepository(DriftScan).findOneBy({ id });
    if (!scan) throw new NotFoundProblem('Drift scan');
    return toDriftScanDto(scan);
  }

  private owned(principal: Principal, builder = this.dataSource.getRepository(DriftAlert).createQueryBuilder('alert')): SelectQueryBuilder<DriftAlert> {
    return builder.innerJoin('alert.portfolio', 'portfolio').where('portfolio.user_id = :userId', { userId: principal.userId });
  }

  private async page(builder: SelectQueryBuilder<DriftAlert>, query: DriftAlertQueryDto): Promise<DriftAlertListDto> {
    if (query.status) builder.andWhere('alert.status = :status', { status: query.status });
    if (query.level) builder.andWhere('alert.level = :level', { level: query.level });
    const page = await paginate(builder, ALERT_PAGES, query);
    return { items: page.rows.map(toDriftAlertDto), nextCursor: page.nextCursor };
  }
}
