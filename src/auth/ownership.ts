import type { FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';
import { NotFoundProblem } from '../common/problem/problem';

/**
 * Loads a resource by id and owner in one query. Someone else's resource and
 * a missing one give the same 404, so ids leak nothing; admins get no bypass.
 */
export async function findOwnedOrFail<T extends ObjectLiteral & { id: string }>(
  repository: Repository<T>,
  id: string,
  owner: { column: keyof T & string; userId: string },
  resource: string,
): Promise<T> {
  const where = { id, [owner.column]: owner.userId } as FindOptionsWhere<T>;
  const found = await repository.findOneBy(where);
  if (!found) throw new NotFoundProblem(resource);
  return found;
}
