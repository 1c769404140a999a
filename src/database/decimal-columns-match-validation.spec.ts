import { getMetadataStorage } from 'class-validator';
import { getMetadataArgsStorage } from 'typeorm';
import type { DecimalRule } from '../common/decimal/is-decimal.validator';
import { IS_DECIMAL } from '../common/decimal/is-decimal.validator';
import { ClassWeightInputDto, CreateAssetDto, SetPriceDto } from '../portfolio/dto/asset.dto';
import { PRICE_RULE, QUANTITY_RULE } from '../portfolio/decimal-rules';
import { CreateHouseholdDto, UpdateHouseholdDto } from '../portfolio/dto/household.dto';
import { CreatePortfolioDto, UpdatePortfolioDto } from '../portfolio/dto/portfolio.dto';
import { CreateTransactionDto, LotSelectionDto } from '../portfolio/dto/transaction.dto';
import { LocationPenaltyInputDto } from '../rebalancing/dto/household-preferences.dto';
import { FillDto } from '../rebalancing/dto/plans.dto';
import { TargetInputDto } from '../rebalancing/dto/targets.dto';
import { entities } from './entities';

type Source = { dto: abstract new () => object; field: string } | { stored: string; rule: DecimalRule };

/**
 * Every NUMERIC(p,s) column, with everything that writes it: the request fields (their decimal rule
 * read from the DTO's own validation metadata) and the domain results stored there (with the rule
 * the service checks them against). A value that passes its rule must fit the column (at most s
 * places and p − s digits before the point), or it gets past validation and fails in PostgreSQL
 * with a 500 "numeric field overflow".
 */
const WRITERS = new Map<string, Source[]>([
  ['Transaction.amount', [{ dto: CreateTransactionDto, field: 'amount' }]],
  [
    'Transaction.quantity',
    [
      { dto: CreateTransactionDto, field: 'quantity' },
      { stored: 'a plan item executed (PlansService assertRecordable)', rule: QUANTITY_RULE },
    ],
  ],
  [
    'Transaction.price',
    [
      { dto: CreateTransactionDto, field: 'price' },
      { dto: FillDto, field: 'price' },
      { stored: 'a plan item executed (PlansService assertRecordable)', rule: PRICE_RULE },
    ],
  ],
  ['Transaction.fee', [{ dto: CreateTransactionDto, field: 'fee' }]],
  ['Transaction.costPerUnit', [{ dto: CreateTransactionDto, field: 'costPerUnit' }]],
  [
    'AssetPrice.price',
    [
      { dto: CreateAssetDto, field: 'price' },
      { dto: SetPriceDto, field: 'price' },
    ],
  ],
  // POST /assets and PUT /assets/{id}/class-weights both take their weights as ClassWeightInputDto.
  ['AssetClassWeight.percentage', [{ dto: ClassWeightInputDto, field: 'percentage' }]],
  ['TargetAllocation.targetPercentage', [{ dto: TargetInputDto, field: 'targetPercentage' }]],
  ['TargetAllocation.tolerancePercentage', [{ dto: TargetInputDto, field: 'tolerancePercentage' }]],
  ['TargetAllocation.relativeTolerancePercentage', [{ dto: TargetInputDto, field: 'relativeTolerancePercentage' }]],
  // A household's targets take the same body as a portfolio's (PUT /households/{id}/targets).
  ['HouseholdTargetAllocation.targetPercentage', [{ dto: TargetInputDto, field: 'targetPercentage' }]],
  ['HouseholdTargetAllocation.tolerancePercentage', [{ dto: TargetInputDto, field: 'tolerancePercentage' }]],
  ['HouseholdTargetAllocation.relativeTolerancePercentage', [{ dto: TargetInputDto, field: 'relativeTolerancePercentage' }]],
  // The solver's units and the catalogue's price, checked by assertRecordable before a household plan is stored.
  ['HouseholdRebalancingPlanItem.quantity', [{ stored: 'a household plan item (HouseholdPlansService, assertRecordable)', rule: QUANTITY_RULE }]],
  ['HouseholdRebalancingPlanItem.price', [{ stored: 'a household plan item (HouseholdPlansService, assertRecordable)', rule: PRICE_RULE }]],
  ['HouseholdLocationPenalty.penaltyPerDollar', [{ dto: LocationPenaltyInputDto, field: 'penaltyPerDollar' }]],
  [
    'Household.shortTermRate',
    [
      { dto: CreateHouseholdDto, field: 'shortTermRate' },
      { dto: UpdateHouseholdDto, field: 'shortTermRate' },
    ],
  ],
  [
    'Household.longTermRate',
    [
      { dto: CreateHouseholdDto, field: 'longTermRate' },
      { dto: UpdateHouseholdDto, field: 'longTermRate' },
    ],
  ],
  [
    'Portfolio.untargetedTolerancePercentage',
    [
      { dto: CreatePortfolioDto, field: 'untargetedTolerancePercentage' },
      { dto: UpdatePortfolioDto, field: 'untargetedTolerancePercentage' },
    ],
  ],
]);

function ruleOf(source: Source): DecimalRule {
  if ('rule' in source) return source.rule;
  const rules = getMetadataStorage()
    .getTargetValidationMetadatas(source.dto, '', true, false)
    .filter((meta) => meta.propertyName === source.field && meta.name === IS_DECIMAL)
    .map((meta) => meta.constraints[0] as DecimalRule);
  if (rules.length !== 1) throw new Error(`${source.dto.name}.${source.field} has ${rules.length} decimal rules`);
  return rules[0];
}

// An entity's columns include those it inherits (TargetAllocationColumns), named after the entity.
const bounded = entities.flatMap((entity) =>
  getMetadataArgsStorage()
    .columns.filter((column) => typeof column.target === 'function' && (column.target === entity || entity.prototype instanceof column.target))
    .filter((column) => column.options.type === 'numeric' && column.options.precision !== undefined)
    .map((column) => ({
      name: `${entity.name}.${column.propertyName}`,
      precision: column.options.precision!,
      scale: column.options.scale ?? 0,
    })),
);

describe('NUMERIC columns and the decimal rules of what writes them', () => {
  it('knows every bounded NUMERIC column of the entities', () => {
    expect(bounded.map((column) => column.name).sort()).toEqual([...WRITERS.keys()].sort());
    // The lot picks of a SELL are stored as JSON, but become quantities of the same ledger.
    expect(ruleOf({ dto: LotSelectionDto, field: 'quantity' })).toEqual(QUANTITY_RULE);
  });

  it.each(bounded.map((column) => [column.name, column] as const))('%s fits every value its writers accept', (name, column) => {
    for (const source of WRITERS.get(name) ?? []) {
      const rule = ruleOf(source);
      const where = 'dto' in source ? `${source.dto.name}.${source.field}` : source.stored;
      expect({
        where,
        maxScale: Math.min(rule.maxScale, column.scale),
        maxIntegerDigits: Math.min(rule.maxIntegerDigits, column.precision - column.scale),
      }).toEqual({
        where,
        maxScale: rule.maxScale,
        maxIntegerDigits: rule.maxIntegerDigits,
      });
    }
  });
});
