import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireScopes } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { ApiProblems } from '../common/http/api-problem-responses.decorator';
import { toPageRequest } from '../common/http/pagination';
import { UuidParam } from '../common/http/uuid-param.decorator';
import { CreateTransactionDto, TransactionImportResponseDto, TransactionListDto, TransactionQueryDto, TransactionResponseDto } from './dto/transaction.dto';
import { IMPORT_BODY_BYTES } from './transaction-import.body-parser';
import { IMPORT_CSV_COLUMNS } from './transaction-import.csv';
import { type ImportRow, MAX_IMPORT_ROWS } from './transaction-import';
import { TransactionImportPipe } from './transaction-import.pipe';
import { toImportEntries, toTransactionEntry, toTransactionImportResponse, toTransactionList, toTransactionResponse } from './transaction.mapper';
import { TransactionsService } from './transactions.service';
import { CommonErrorCode } from '../common/problem/common-errors';
import { PortfolioErrorCode, LEDGER_VIOLATION_CODES } from './portfolio-errors';

const NOW = '2026-11-20T15:30:00Z';

@ApiTags('transactions')
@Controller('portfolios/:id/transactions')
export class TransactionsController {
  constructor(private readonly transactions: TransactionsService) {}

  @Post()
  @RequireScopes('portfolios:write')
  @Idempotent()
  @ApiOperation({
    operationId: 'createTransaction',
    summary: 'Record a transaction; positions, cash, lots and gains are re-derived from the whole history',
    description:
      'A backdated transaction that would make the history impossible (a SELL of units not yet held, cash going negative) is refused with 422 and nothing changes.',
  })
  @ApiBody({
    type: CreateTransactionDto,
    examples: {
      deposit: { value: { type: 'DEPOSIT', amount: '10000', executedAt: NOW } },
      buy: { value: { type: 'BUY', assetId: '3f1c2b9a-8d7e-4c6b-a5f4-e3d2c1b0a987', quantity: '10', price: '245.17', fee: '1', executedAt: NOW } },
      sell: { value: { type: 'SELL', assetId: '3f1c2b9a-8d7e-4c6b-a5f4-e3d2c1b0a987', quantity: '4', price: '250', executedAt: NOW } },
      sellSpecificLots: {
        value: {
          type: 'SELL',
          assetId: '3f1c2b9a-8d7e-4c6b-a5f4-e3d2c1b0a987',
          quantity: '4',
          price: '250',
          executedAt: NOW,
          lots: [{ lotId: '6c1f0a52-3b7d-4e7a-9c55-2f1d8e9a0b11', quantity: '4' }],
        },
      },
      transferIn: {
        value: {
          type: 'TRANSFER_IN',
          assetId: '3f1c2b9a-8d7e-4c6b-a5f4-e3d2c1b0a987',
          quantity: '20',
          costPerUnit: '180',
          acquiredAt: '2023-05-02T00:00:00Z',
          executedAt: NOW,
        },
      },
    },
  })
  @ApiCreatedResponse({ type: TransactionResponseDto })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.NOT_FOUND,
    CommonErrorCode.UNPROCESSABLE_FIELDS,
    PortfolioErrorCode.CURRENCY_MISMATCH,
    ...LEDGER_VIOLATION_CODES,
  )
  async create(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() dto: CreateTransactionDto): Promise<TransactionResponseDto> {
    return toTransactionResponse(await this.transactions.create(principal, id, toTransactionEntry(dto)));
  }

  @Post('import')
  @RequireScopes('portfolios:write')
  @Idempotent()
  @ApiOperation({
    operationId: 'importTransactions',
    summary: `Record up to ${MAX_IMPORT_ROWS.toLocaleString('en-US')} transactions at once, as a JSON array or a CSV file; all or nothing`,
    description: [
      'Each row is a transaction body exactly as POST .../transactions takes it, checked by the same rules. Every row is checked before anything is written:',
      'if any breaks a rule the answer is 422 IMPORT_ROWS_INVALID listing each bad row in `errors` (`row`, `field`, `rule`, `message`) and nothing is recorded.',
      "Rows are numbered from 1: the JSON array's items, or the CSV's records after the header (the header is not a row; blank lines are skipped).",
      'The rows are recorded in the order given (rows with the same executedAt replay in that order) and the ledger is replayed once;',
      "a history it cannot hold (a SELL beyond the holding, cash going negative) is a 422 with the ledger's code and the `row` it broke at, and nothing is recorded.",
      '',
      `**CSV** (\`text/csv\`, UTF-8, comma-separated, RFC 4180 quoting): a header row naming the columns, in any order: ${IMPORT_CSV_COLUMNS.map((c) => `\`${c}\``).join(', ')}.`,
      '`type` and `executedAt` are required columns; an empty cell is an absent field. Name the asset by `symbol` (from the catalogue) or by `assetId`, not both.',
      "A SELL's `lots` has no column: import a SPECIFIC_ID portfolio's sales as JSON.",
      '',
      `At most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows (413 TOO_MANY_ITEMS beyond) and ${IMPORT_BODY_BYTES / 1024 / 1024} MiB of body (413 PAYLOAD_TOO_LARGE beyond). Other media types: 415.`,
    ].join('\n'),
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ type: [CreateTransactionDto] })
  @ApiCreatedResponse({ type: TransactionImportResponseDto, description: 'Every row recorded, and the ledger re-derived' })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.NOT_FOUND,
    CommonErrorCode.TOO_MANY_ITEMS,
    CommonErrorCode.UNSUPPORTED_MEDIA_TYPE,
    PortfolioErrorCode.IMPORT_ROWS_INVALID,
    PortfolioErrorCode.MALFORMED_CSV,
    ...LEDGER_VIOLATION_CODES,
  )
  async import(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body(TransactionImportPipe) rows: ImportRow[],
  ): Promise<TransactionImportResponseDto> {
    return toTransactionImportResponse(await this.transactions.import(principal, id, toImportEntries(rows)));
  }

  @Get()
  @RequireScopes('portfolios:read')
  @ApiOperation({ operationId: 'listTransactions', summary: 'The history in time order, paginated' })
  @ApiOkResponse({ type: TransactionListDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, CommonErrorCode.INVALID_CURSOR)
  async list(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Query() query: TransactionQueryDto): Promise<TransactionListDto> {
    return toTransactionList(await this.transactions.list(principal, id, toPageRequest(query)));
  }

  @Delete(':transactionId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireScopes('portfolios:write')
  @ApiOperation({
    operationId: 'deleteTransaction',
    summary: 'Remove a transaction and re-derive; refused with 422 if the rest of the history would be impossible',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, ...LEDGER_VIOLATION_CODES)
  remove(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @UuidParam('transactionId') transactionId: string): Promise<void> {
    return this.transactions.remove(principal, id, transactionId);
  }
}
