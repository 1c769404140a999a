import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * An open database transaction. A service gets one from UnitOfWork.run and hands it to the
 * repositories it calls, so their statements commit or roll back together; it never queries
 * through it (only *.repository.ts files write SQL, see ARCHITECTURE.md).
 */
export type Tx = EntityManager;

/** Where a service draws its transaction boundary: the work commits when `work` resolves and rolls back when it throws. */
@Injectable()
export class UnitOfWork {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** For reads that need no transaction: each statement a repository runs on it commits on its own. */
  get autocommit(): Tx {
    return this.dataSource.manager;
  }
}
