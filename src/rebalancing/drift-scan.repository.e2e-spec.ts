import { openRepositoryWorld, type RepositoryWorld } from '../../test/support/repository-world';
import { DriftScanRepository } from './drift-scan.repository';

describe('DriftScanRepository on PostgreSQL', () => {
  let world: RepositoryWorld;
  let scans: DriftScanRepository;

  beforeAll(async () => {
    world = await openRepositoryWorld();
    scans = new DriftScanRepository(world.dataSource);
  });
  afterAll(() => world.close());

  const manager = () => world.dataSource.manager;

  it('completes a scan without batches at once', async () => {
    const scan = await scans.create(manager(), 'MANUAL', { portfolios: 0, households: 0 }, 0);
    expect(scan).toMatchObject({ status: 'COMPLETED', portfolioCount: 0, householdCount: 0, batchCount: 0 });
    expect(scan.finishedAt).not.toBeNull();
  });

  it('claims each batch once and completes the scan with its last batch, adding up the outcomes', async () => {
    // 3 portfolios in one batch, 2 households in the other.
    const scan = await scans.create(manager(), 'SCHEDULED', { portfolios: 3, households: 2 }, 2);
    expect(scan).toMatchObject({ status: 'RUNNING', portfolioCount: 3, householdCount: 2 });
    expect(await scans.claimBatch(manager(), scan.id, 0)).toBe(true);
    expect(await scans.claimBatch(manager(), scan.id, 0)).toBe(false);
    await scans.finishBatch(manager(), scan.id, 0, { evaluated: 3, opened: 1, escalated: 0, resolved: 1 });
    expect((await scans.findById(scan.id))?.status).toBe('RUNNING');
    expect(await scans.claimBatch(manager(), scan.id, 1)).toBe(true);
    await scans.finishBatch(manager(), scan.id, 1, { evaluated: 2, opened: 1, escalated: 1, resolved: 0 });
    expect(await scans.findById(scan.id)).toMatchObject({
      status: 'COMPLETED',
      batchesDone: 2,
      evaluatedCount: 5,
      alertsOpened: 2,
      alertsEscalated: 1,
      alertsResolved: 1,
    });
    expect(await scans.findById('00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
