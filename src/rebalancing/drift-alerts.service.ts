import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { Page } from '../common/pagination/paginate';
import { NotFoundProblem } from '../common/problem/problem';
import { HouseholdsService } from '../portfolio/households.service';
import { PortfoliosService } from '../portfolio/portfolios.service';
import type { AlertLevel, AlertStatus } from './domain/alert-lifecycle';
import { DriftAlertRepository, type AlertFilter } from './drift-alert.repository';
import { DriftScanRepository } from './drift-scan.repository';
import type { DriftAlertQueryDto } from './dto/drift-alerts.dto';
import type { DriftAlert } from './entities/drift-alert.entity';
import type { DriftScan } from './entities/drift-scan.entity';
import { UnitOfWork } from '../database/unit-of-work';

/** The query's filters; validation admitted only the known statuses and levels. */
function filterOf(query: DriftAlertQueryDto): AlertFilter {
  return { status: query.status as AlertStatus | undefined, level: query.level as AlertLevel | undefined };
}

@Injectable()
export class DriftAlertsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly portfolios: PortfoliosService,
    private readonly households: HouseholdsService,
    private readonly alerts: DriftAlertRepository,
    private readonly scans: DriftScanRepository,
  ) {}

  /** Every alert of the caller's portfolios and households; the owner is part of the query. */
  list(principal: Principal, query: DriftAlertQueryDto): Promise<Page<DriftAlert>> {
    return this.alerts.pageOwned(principal.userId, filterOf(query), query);
  }

  async listForPortfolio(principal: Principal, portfolioId: string, query: DriftAlertQueryDto): Promise<Page<DriftAlert>> {
    const portfolio = await this.portfolios.findOwned(principal, portfolioId);
    return this.alerts.pageOwned(principal.userId, { ...filterOf(query), portfolioId: portfolio.id }, query);
  }

  /** The alerts of the household's own targets (not those of its accounts). */
  async listForHousehold(principal: Principal, householdId: string, query: DriftAlertQueryDto): Promise<Page<DriftAlert>> {
    const household = await this.households.findOwned(principal, householdId);
    return this.alerts.pageOwned(principal.userId, { ...filterOf(query), householdId: household.id }, query);
  }

  /** Idempotent; a resolved alert stays resolved. The row lock orders it against a scan moving the same alert. */
  async acknowledge(principal: Principal, alertId: string): Promise<DriftAlert> {
    return this.unitOfWork.run(async (manager) => {
      const alert = await this.alerts.findOwnedForUpdate(manager, principal.userId, alertId);
      if (!alert) throw new NotFoundProblem('Drift alert');
      if (alert.status === 'OPEN') {
        alert.status = 'ACKNOWLEDGED';
        alert.acknowledgedAt = new Date();
        await this.alerts.save(manager, alert);
      }
      return alert;
    });
  }

  async scan(id: string): Promise<DriftScan> {
    const scan = await this.scans.findById(id);
    if (!scan) throw new NotFoundProblem('Drift scan');
    return scan;
  }
}
