import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { queryPrepared } from '../database/prepared-statement';
import type { Role } from './auth.constants';
import { User } from './entities/user.entity';

export interface UserIdentity {
  id: string;
  email: string;
  role: Role;
}

/** The users table. */
@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string): Promise<User | null> {
    return this.dataSource.manager.findOneBy(User, { id });
  }

  /**
   * Who a bearer token names, read on every signed-in request (never cached, so a deleted user is
   * refused at once): one indexed lookup of the three columns a principal needs, without the entity,
   * prepared once per connection.
   */
  async findIdentity(id: string): Promise<UserIdentity | null> {
    const [row] = await queryPrepared<UserIdentity>(this.dataSource.manager, 'user-identity', 'SELECT id, email, role FROM users WHERE id = $1', [id]);
    return row ?? null;
  }

  /** The user with this id, which the caller knows exists; throws when it does not. */
  getById(id: string): Promise<User> {
    return this.dataSource.manager.findOneByOrFail(User, { id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.dataSource.manager.findOneBy(User, { email });
  }

  /** The user with this email, which the caller knows exists; throws when it does not. */
  getByEmail(email: string): Promise<User> {
    return this.dataSource.manager.findOneByOrFail(User, { email });
  }

  /** Throws PostgreSQL's unique violation when the email is taken. */
  insert(values: { email: string; passwordHash: string; role: Role }): Promise<User> {
    return this.dataSource.manager.save(this.dataSource.manager.create(User, values));
  }

  /**
   * Inserts the user unless the email is taken, in one statement, so two instances starting
   * together cannot both insert; true when this call inserted it.
   */
  async insertUnlessTaken(values: { email: string; passwordHash: string; role: Role }): Promise<boolean> {
    const inserted = await this.dataSource.getRepository(User).createQueryBuilder().insert().values(values).orIgnore().returning('id').execute();
    return inserted.raw.length > 0;
  }

  /** Sets the password of the user, if it still has the role. */
  async setPassword(id: string, role: Role, passwordHash: string): Promise<void> {
    await this.dataSource.manager.update(User, { id, role }, { passwordHash });
  }
}
