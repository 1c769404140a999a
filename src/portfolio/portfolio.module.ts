import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { AssetRepository } from './asset.repository';
import { AssetsController } from './assets.controller';
import { AssetsService } from './assets.service';
import { AssetClassWeight } from './entities/asset-class-weight.entity';
import { AssetPrice } from './entities/asset-price.entity';
import { Asset } from './entities/asset.entity';
import { Household } from './entities/household.entity';
import { Portfolio } from './entities/portfolio.entity';
import { Position } from './entities/position.entity';
import { RealizedGain } from './entities/realized-gain.entity';
import { TaxLot } from './entities/tax-lot.entity';
import { Transaction } from './entities/transaction.entity';
import { HoldingsRepository } from './holdings.repository';
import { HouseholdRepository } from './household.repository';
import { HouseholdsController } from './households.controller';
import { HouseholdsService } from './households.service';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';
import { PortfolioRepository } from './portfolio.repository';
import { PortfoliosController } from './portfolios.controller';
import { PortfoliosService } from './portfolios.service';
import { PositionRepository } from './position.repository';
import { HouseholdTaxReportController } from './household-tax-report.controller';
import { TaxReportRepository } from './tax-report.repository';
import { TaxReportService } from './tax-report.service';
import { TransactionRepository } from './transaction.repository';
import { TransactionImportPipe } from './transaction-import.pipe';
import { TransactionsController } from './transactions.controller';
import { TransactionsService } from './transactions.service';

@Module({
  imports: [TypeOrmModule.forFeature([Asset, AssetClassWeight, AssetPrice, Household, Portfolio, Transaction, Position, TaxLot, RealizedGain])],
  controllers: [AssetsController, HouseholdsController, PortfoliosController, TransactionsController, HouseholdTaxReportController],
  providers: [
    UnitOfWork,
    AssetRepository,
    HoldingsRepository,
    HouseholdRepository,
    LedgerRepository,
    PortfolioRepository,
    PositionRepository,
    TransactionRepository,
    TaxReportRepository,
    AssetsService,
    HouseholdsService,
    TaxReportService,
    PortfoliosService,
    TransactionsService,
    LedgerService,
    TransactionImportPipe,
  ],
  exports: [AssetsService, PortfoliosService, LedgerService, HouseholdsService],
})
export class PortfolioModule {}
