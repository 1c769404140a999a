import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { AssetRepository } from './asset.repository';
import { AssetsController } from './assets.controller';
import { AssetsService } from './assets.service';
import { AssetClassWeight } from './entities/asset-class-weight.entity';
import { AssetPrice } from './entities/asset-price.entity';
import { Asset } from './entities/asset.entity';
import { Portfolio } from './entities/portfolio.entity';
import { Position } from './entities/position.entity';
import { RealizedGain } from './entities/realized-gain.entity';
import { TaxLot } from './entities/tax-lot.entity';
import { Transaction } from './entities/transaction.entity';
import { HoldingsRepository } from './holdings.repository';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';
import { PortfolioRepository } from './portfolio.repository';
import { PortfoliosController } from './portfolios.controller';
import { PortfoliosService } from './portfolios.service';
import { PositionRepository } from './position.repository';
import { TransactionRepository } from './transaction.repository';
import { TransactionsController } from './transactions.controller';
import { TransactionsService } from './transactions.service';

@Module({
  imports: [TypeOrmModule.forFeature([Asset, AssetClassWeight, AssetPrice, Portfolio, Transaction, Position, TaxLot, RealizedGain])],
  controllers: [AssetsController, PortfoliosController, TransactionsController],
  providers: [
    UnitOfWork,
    AssetRepository,
    HoldingsRepository,
    LedgerRepository,
    PortfolioRepository,
    PositionRepository,
    TransactionRepository,
    AssetsService,
    PortfoliosService,
    TransactionsService,
    LedgerService,
  ],
  exports: [AssetsService, PortfoliosService, LedgerService],
})
export class PortfolioModule {}
