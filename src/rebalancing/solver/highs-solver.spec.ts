import { solveLp } from './highs-solver';

const LIMITS = { timeLimit: 1, mipRelGap: 1e-6, mipAbsGap: 1e-9 };

describe('the HiGHS runner', () => {
  it('solves a small MIP to optimality and reports primal values by column name and a gap of 0', async () => {
    const result = await solveLp(
      ['Minimize', ' obj: x + 2 y', 'Subject To', ' c1: x + y >= 2.5', 'Bounds', ' 0 <= x <= 1', 'General', ' y', 'End', ''].join('\n'),
      LIMITS,
    );

    expect(result).toMatchObject({ status: 'OPTIMAL', objective: 4.5, mipGap: 0 });
    expect(Object.fromEntries(result.primal)).toEqual({ x: 0.5, y: 2 });
  });

  it('reports an infeasible model with no primal values', async () => {
    const result = await solveLp(['Minimize', ' obj: x', 'Subject To', ' c1: x >= 2', 'Bounds', ' 0 <= x <= 1', 'End', ''].join('\n'), LIMITS);

    expect(result).toMatchObject({ status: 'INFEASIBLE', objective: null, mipGap: null });
    expect(result.primal.size).toBe(0);
  });
});
