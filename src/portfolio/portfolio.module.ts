import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssetsController } from './assets.controller';
import { AssetsService } from './assets.service';
import { AssetPrice } from './entities/asset-price.entity';
import { Asset } from './entities/asset.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Asset, AssetPrice])],
  controllers: [AssetsController],
  providers: [AssetsService],
  exports: [AssetsService],
})
export class PortfolioModule {}
