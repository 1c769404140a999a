import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Keyset } from '../common/pagination/cursor';
import { type Page, paginate, type PageRequest } from '../common/pagination/paginate';
import { ApiKey } from './entities/api-key.entity';

/** Newest first. */
const API_KEY_PAGES: Keyset = {
  direction: 'DESC',
  keys: [
    { column: 'key.created_at', type: 'timestamptz' },
    { column: 'key.id', type: 'uuid' },
  ],
};

/** The api_keys table. Reads for a user name the owner in the WHERE clause. */
@Injectable()
export class ApiKeyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  insert(values: Pick<ApiKey, 'userId' | 'name' | 'prefix' | 'secretHash' | 'scopes' | 'expiresAt'>): Promise<ApiKey> {
    return this.dataSource.manager.save(this.dataSource.manager.create(ApiKey, { ...values, lastUsedAt: null, revokedAt: null }));
  }

  /** The key if `userId` owns it, revoked or not; someone else's and a missing one are both null. */
  findOwned(userId: string, id: string): Promise<ApiKey | null> {
    return this.dataSource.manager.findOneBy(ApiKey, { id, userId });
  }

  /** The user's keys that are not revoked; expired ones are listed too. */
  pageOwnedUnrevoked(userId: string, query: PageRequest): Promise<Page<ApiKey>> {
    const builder = this.dataSource
      .getRepository(ApiKey)
      .createQueryBuilder('key')
      .where('key.user_id = :userId', { userId })
      .andWhere('key.revoked_at IS NULL');
    return paginate(builder, API_KEY_PAGES, query);
  }

  async revoke(id: string): Promise<void> {
    await this.dataSource.manager.update(ApiKey, { id }, { revokedAt: new Date() });
  }

  /** The usable key (neither revoked nor expired) with this secret hash, with its owner. */
  findUsableBySecretHash(secretHash: string): Promise<ApiKey | null> {
    return this.dataSource
      .getRepository(ApiKey)
      .createQueryBuilder('key')
      .innerJoinAndSelect('key.user', 'user')
      .where('key.secret_hash = :hash', { hash: secretHash })
      .andWhere('key.revoked_at IS NULL')
      .andWhere('(key.expires_at IS NULL OR key.expires_at > now())')
      .getOne();
  }

  /** Recorded at most once a minute per key, so hot keys do not write on every request. */
  async touchLastUsed(id: string): Promise<void> {
    await this.dataSource
      .getRepository(ApiKey)
      .createQueryBuilder()
      .update()
      .set({ lastUsedAt: () => 'now()' })
      .where('id = :id', { id })
      .andWhere("(last_used_at IS NULL OR last_used_at < now() - interval '1 minute')")
      .execute();
  }
}
