import { isUniqueViolation } from '../../src/database/postgres-errors';
import { UserRepository } from '../../src/auth/user.repository';
import { createRepositoryContext, type RepositoryContext } from '../support/repository-context';

describe('UserRepository (real PostgreSQL)', () => {
  let ctx: RepositoryContext;
  let users: UserRepository;

  beforeAll(async () => {
    ctx = await createRepositoryContext();
    users = new UserRepository(ctx.dataSource);
  });
  afterAll(() => ctx.close());

  it('inserts a user, finds it by id and email, and refuses a taken email', async () => {
    const user = await users.insert({ email: 'ada@example.com', passwordHash: 'hash', role: 'user' });
    expect((await users.findById(user.id))?.email).toBe('ada@example.com');
    expect((await users.getByEmail('ada@example.com')).id).toBe(user.id);
    expect(await users.findByEmail('nobody@example.com')).toBeNull();
    await expect(users.getById('00000000-0000-4000-8000-000000000000')).rejects.toThrow();
    expect(isUniqueViolation(await users.insert({ email: 'ada@example.com', passwordHash: 'x', role: 'user' }).catch((error: unknown) => error))).toBe(true);
  });

  it("reads a bearer's identity (id, email, role), and nothing once the user is gone", async () => {
    const user = await ctx.newUser({ role: 'admin' });
    expect(await users.findIdentity(user.id)).toEqual({ id: user.id, email: user.email, role: 'admin' });
    await ctx.dataSource.query('DELETE FROM users WHERE id = $1', [user.id]);
    expect(await users.findIdentity(user.id)).toBeNull();
  });

  it('inserts unless the email is taken, saying whether it did', async () => {
    expect(await users.insertUnlessTaken({ email: 'root@example.com', passwordHash: 'first', role: 'admin' })).toBe(true);
    expect(await users.insertUnlessTaken({ email: 'root@example.com', passwordHash: 'second', role: 'admin' })).toBe(false);
    expect((await users.getByEmail('root@example.com')).passwordHash).toBe('first');
  });

  it('sets the password only while the user has the given role', async () => {
    const user = await ctx.newUser({ passwordHash: 'old' });
    await users.setPassword(user.id, 'admin', 'new');
    expect((await users.getById(user.id)).passwordHash).toBe('old');
    await users.setPassword(user.id, 'user', 'new');
    expect((await users.getById(user.id)).passwordHash).toBe('new');
  });
});
