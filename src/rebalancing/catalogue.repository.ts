import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { Asset } from '../portfolio/entities/asset.entity';

/** An asset of the catalogue as rebalancing names and classifies it. */
export interface CatalogueEntry {
  id: string;
  symbol: string;
  assetType: string;
}

/** The shared asset catalogue (assets), read by id: it belongs to no user. */
@Injectable()
export class CatalogueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The catalogue's assets among these ids (unknown ids are left out). */
  async withIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<CatalogueEntry[]> {
    if (ids.length === 0) return [];
    const assets = await manager.find(Asset, { where: { id: In([...ids]) } });
    return assets.map(({ id, symbol, assetType }) => ({ id, symbol, assetType }));
  }
}
