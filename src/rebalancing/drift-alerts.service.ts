import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { Page, PageRequest } from '../common/pagination/paginate';
import { NotFoundProblem } from '../common/problem/problem';
import { HouseholdsService } from '../portfolio/households.service';
import { PortfoliosService } from '../portfolio/portfolios.service';
import { DriftAlertRepository, type AlertFilter } from './drift-alert.repository';
import { DriftScanRepository } from './drift-scan.repository';
import type { DriftAlert } from './entities/drift-alert.entity';
import type { DriftScan } from './entities/drift-scan.entity';
import { UnitOfWork } from '../database/unit-of-work';

/** Which alerts to list by their state; an absent field does not filter. */
export type AlertStateFilter = Pick<AlertFilter, 'status' | 'level'>;

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
  list(principal: Principal, filter: AlertStateFilter, page: PageRequest): Promise<Page<DriftAlert>> {
    return this.alerts.pageOwned(principal.userId, filter, page);
  }

  async listForPortfolio(principal: Principal, portfolioId: string, filter: AlertStateFilter, page: PageRequest): Promise<Page<DriftAlert>> {
    const portfolio = await this.portfolios.findOwned(principal, portfolioId);
    return this.alerts.pageOwned(principal.userId, { ...filter, portfolioId: portfolio.id }, page);
  }

  /** The alerts of the household's own targets (not those of its accounts). */
  async listForHousehold(principal: Principal, householdId: string, filter: AlertStateFilter, page: PageRequest): Promise<Page<DriftAlert>> {
    const household = await this.households.findOwned(principal, householdId);
    return this.alerts.pageOwned(principal.userId, { ...filter, householdId: household.id }, page);
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
