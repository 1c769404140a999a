import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireScopes } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblems } from '../common/http/api-problem-responses.decorator';
import { UuidParam } from '../common/http/uuid-param.decorator';
import { CommonErrorCode } from '../common/problem/common-errors';
import { AssetLocationDto, PutAssetLocationDto, PutRestrictionsDto, PutSubstitutesDto, RestrictionsDto, SubstitutesDto } from './dto/household-preferences.dto';
import {
  toAssetLocationDto,
  toLocationCells,
  toRestrictionRules,
  toRestrictionsDto,
  toSubstituteLists,
  toSubstitutesDto,
} from './household-preferences.mapper';
import { HouseholdPreferencesService } from './household-preferences.service';

const AS_A_SET = 'Not paginated: the set is read and replaced as a whole, like targets.';

/** What a household's plans must respect besides its targets. */
@ApiTags('rebalancing')
@Controller('households/:id')
export class HouseholdPreferencesController {
  constructor(private readonly preferences: HouseholdPreferencesService) {}

  @Get('restrictions')
  @RequireScopes('rebalancing:read')
  @ApiOperation({ operationId: 'getHouseholdRestrictions', summary: 'What plans of the household may not buy or sell', description: AS_A_SET })
  @ApiOkResponse({ type: RestrictionsDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND)
  async getRestrictions(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<RestrictionsDto> {
    return toRestrictionsDto(await this.preferences.getRestrictions(principal, id));
  }

  @Put('restrictions')
  @RequireScopes('rebalancing:write')
  @ApiOperation({
    operationId: 'putHouseholdRestrictions',
    summary: 'Replace the household’s restrictions atomically',
    description:
      'DO_NOT_BUY, DO_NOT_SELL or HOLD (neither) on a catalogue asset, in one account of the household or, without accountId, in all of them; a reason is required. Each (assetId, accountId) pair once. [] removes them all.',
  })
  @ApiOkResponse({ type: RestrictionsDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, CommonErrorCode.UNPROCESSABLE_FIELDS)
  async putRestrictions(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() dto: PutRestrictionsDto): Promise<RestrictionsDto> {
    return toRestrictionsDto(await this.preferences.putRestrictions(principal, id, toRestrictionRules(dto)));
  }

  @Get('substitutes')
  @RequireScopes('rebalancing:read')
  @ApiOperation({ operationId: 'getHouseholdSubstitutes', summary: 'What plans of the household buy instead of an asset, best first', description: AS_A_SET })
  @ApiOkResponse({ type: SubstitutesDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND)
  async getSubstitutes(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<SubstitutesDto> {
    return toSubstitutesDto(await this.preferences.getSubstitutes(principal, id));
  }

  @Put('substitutes')
  @RequireScopes('rebalancing:write')
  @ApiOperation({
    operationId: 'putHouseholdSubstitutes',
    summary: 'Replace the household’s substitutes atomically',
    description:
      'Per asset, up to 10 replacements best first, bought when a wash sale or a restriction blocks the asset: catalogue assets of the same assetType, each once, not the asset itself. [] removes them all.',
  })
  @ApiOkResponse({ type: SubstitutesDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, CommonErrorCode.UNPROCESSABLE_FIELDS)
  async putSubstitutes(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() dto: PutSubstitutesDto): Promise<SubstitutesDto> {
    return toSubstitutesDto(await this.preferences.putSubstitutes(principal, id, toSubstituteLists(dto)));
  }

  @Get('asset-location')
  @RequireScopes('rebalancing:read')
  @ApiOperation({
    operationId: 'getHouseholdAssetLocation',
    summary: 'Where the household’s plans prefer to hold each class: a cost per dollar by class and account type',
    description: `The household's own table, or the default (isDefault true): bonds and REITs cost least in tax-deferred accounts, stock in tax-exempt ones. ${AS_A_SET}`,
  })
  @ApiOkResponse({ type: AssetLocationDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND)
  async getAssetLocation(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<AssetLocationDto> {
    return toAssetLocationDto(await this.preferences.getAssetLocation(principal, id));
  }

  @Put('asset-location')
  @RequireScopes('rebalancing:write')
  @ApiOperation({
    operationId: 'putHouseholdAssetLocation',
    summary: 'Replace the household’s asset-location table; [] goes back to the default',
    description:
      'The table replaces the default as a whole: a class and account type left out costs nothing. Each cost 0 to 1 per dollar, at most 6 decimals; each (assetClass, accountType) once.',
  })
  @ApiOkResponse({ type: AssetLocationDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, CommonErrorCode.UNPROCESSABLE_FIELDS)
  async putAssetLocation(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() dto: PutAssetLocationDto): Promise<AssetLocationDto> {
    return toAssetLocationDto(await this.preferences.putAssetLocation(principal, id, toLocationCells(dto)));
  }
}
