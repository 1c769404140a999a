import { Module } from '@nestjs/common';
import { HouseholdSolver } from './household-solver.service';

/** The household solver and its worker pool; APP_CONFIG comes from the global ConfigModule. */
@Module({ providers: [HouseholdSolver], exports: [HouseholdSolver] })
export class SolverModule {}
