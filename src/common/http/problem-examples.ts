import { AuthErrorCode } from '../../auth/auth-errors';
import { PortfolioErrorCode } from '../../portfolio/portfolio-errors';
import { RebalancingErrorCode } from '../../rebalancing/rebalancing-errors';
import { CommonErrorCode } from '../problem/common-errors';
import type { ErrorCode } from '../problem/error-status';
import type { FieldError } from '../problem/problem';

interface ProblemSample {
  detail: string;
  /** The request it answered; a portfolio's URL when left out. */
  instance?: string;
  errors?: FieldError[];
  extensions?: Record<string, unknown>;
}

const PORTFOLIO = '/api/v1/portfolios/4b0c2a4e-1f3e-4a57-9d1e-1c2f7b2f9a10';
const TRANSACTIONS = `${PORTFOLIO}/transactions`;
const PLAN = `${PORTFOLIO}/rebalance/plans/0d9c8b7a-6f5e-4d3c-8b2a-19f8e7d6c5b4`;
const LEDGER_TRANSACTION = { transactionId: '9b2e4f10-6a3c-4d8e-b1f7-2c5a9e0d4b36' };

export const DEFAULT_PROBLEM_INSTANCE = PORTFOLIO;

/**
 * What each code says in the OpenAPI examples: a detail as the API writes it,
 * so the example a client reads for a status is one it can really get.
 */
export const PROBLEM_SAMPLES: Record<ErrorCode, ProblemSample> = {
  [CommonErrorCode.VALIDATION_FAILED]: {
    detail: 'The request is invalid: check price',
    errors: [{ field: 'price', rule: 'isDecimal', message: 'must be a decimal number with at most 8 decimal places' }],
  },
  [CommonErrorCode.UNPROCESSABLE_FIELDS]: {
    instance: TRANSACTIONS,
    detail: 'The request is invalid: check assetId',
    errors: [{ field: 'assetId', rule: 'knownAsset', message: 'is not an asset of the catalogue' }],
  },
  [CommonErrorCode.MALFORMED_JSON]: { instance: TRANSACTIONS, detail: 'The request body is not valid JSON' },
  [CommonErrorCode.JSON_TOO_DEEP]: { instance: TRANSACTIONS, detail: 'The request body nests deeper than 32 levels' },
  [CommonErrorCode.INVALID_CURSOR]: {
    instance: `${TRANSACTIONS}?cursor=bm90LWEtY3Vyc29y`,
    detail: "The cursor is not one this list returned: pass the previous page's nextCursor unchanged",
    errors: [{ field: 'cursor', rule: 'isCursor', message: 'is not a cursor this list returned' }],
  },
  [CommonErrorCode.BAD_REQUEST]: { instance: `${PORTFOLIO.slice(0, -36)}%FF`, detail: "Failed to decode param '%FF'" },
  [CommonErrorCode.UNAUTHORIZED]: { detail: 'The access token is invalid or expired' },
  [CommonErrorCode.FORBIDDEN]: { instance: '/api/v1/rebalancing/scan', detail: 'This operation needs the role admin' },
  [CommonErrorCode.NOT_FOUND]: { detail: 'Portfolio not found' },
  [CommonErrorCode.ROUTE_NOT_FOUND]: { instance: '/api/v1/portfolio', detail: 'No route GET /api/v1/portfolio' },
  [CommonErrorCode.METHOD_NOT_ALLOWED]: { detail: 'Method Not Allowed' },
  [CommonErrorCode.CONFLICT]: { detail: 'Conflict' },
  [CommonErrorCode.IDEMPOTENCY_KEY_IN_USE]: { instance: TRANSACTIONS, detail: 'A request with this Idempotency-Key is still running; retry shortly' },
  [CommonErrorCode.PAYLOAD_TOO_LARGE]: { instance: TRANSACTIONS, detail: 'The request body is larger than the server accepts' },
  [CommonErrorCode.TOO_MANY_ITEMS]: { instance: '/api/v1/prices', detail: 'At most 1000 items per request; got 1001' },
  [CommonErrorCode.UNSUPPORTED_MEDIA_TYPE]: { instance: TRANSACTIONS, detail: 'The request body could not be read' },
  [CommonErrorCode.UNPROCESSABLE_CONTENT]: { detail: 'Unprocessable Content' },
  [CommonErrorCode.IDEMPOTENCY_KEY_REUSED]: { instance: TRANSACTIONS, detail: 'This Idempotency-Key was used with another request body' },
  [CommonErrorCode.TOO_MANY_REQUESTS]: { instance: '/api/v1/auth/login', detail: 'Too many attempts; retry in 42 seconds' },
  [CommonErrorCode.RATE_LIMITED]: { detail: 'More than 600 requests this minute; retry in 17 seconds' },
  [CommonErrorCode.TOO_MANY_FAILED_AUTHENTICATIONS]: {
    detail: 'More than 30 requests without valid credentials from this address this minute; retry in 17 seconds',
  },
  [CommonErrorCode.INTERNAL_ERROR]: { detail: 'Something went wrong on our side; the request id identifies it in our logs' },
  [CommonErrorCode.SERVICE_UNAVAILABLE]: { detail: 'Service Unavailable' },
  [CommonErrorCode.DATABASE_UNAVAILABLE]: { detail: 'The database is unavailable for a moment; retry in 5 seconds' },
  [AuthErrorCode.INVALID_CREDENTIALS]: { instance: '/api/v1/auth/login', detail: 'The email or password is wrong' },
  [AuthErrorCode.JWT_REQUIRED]: { instance: '/api/v1/auth/api-keys', detail: 'This operation needs a signed-in user (Bearer token), not an API key' },
  [AuthErrorCode.INSUFFICIENT_SCOPE]: { detail: 'The credentials lack the scope portfolios:write', extensions: { missingScopes: ['portfolios:write'] } },
  [AuthErrorCode.SCOPE_NOT_GRANTABLE]: {
    instance: '/api/v1/auth/api-keys',
    detail: 'Your role cannot grant assets:write',
    extensions: { refusedScopes: ['assets:write'] },
  },
  [AuthErrorCode.EMAIL_TAKEN]: { instance: '/api/v1/auth/register', detail: 'An account with this email already exists' },
  [PortfolioErrorCode.SYMBOL_TAKEN]: { instance: '/api/v1/assets', detail: 'An asset with symbol VTI already exists' },
  [PortfolioErrorCode.LOT_METHOD_LOCKED]: {
    detail: 'The lot method cannot change once the portfolio has a SELL: past sales keep the lots they relieved',
  },
  [PortfolioErrorCode.EXTERNAL_ID_TAKEN]: { instance: '/api/v1/households', detail: 'Another of your households has externalId client-0042' },
  [PortfolioErrorCode.HOUSEHOLD_NOT_EMPTY]: {
    instance: '/api/v1/households/9d4f3a2e-7c1b-4e8a-b5d6-2f0e1a3c4b5d',
    detail: 'The household still holds 2 accounts: move them to another household (PATCH /portfolios/{id} with householdId) or delete them first',
  },
  [PortfolioErrorCode.CURRENCY_MISMATCH]: {
    instance: TRANSACTIONS,
    detail: "VOD trades in GBP but the portfolio's base currency is USD; multi-currency portfolios are not supported yet",
  },
  [PortfolioErrorCode.INSUFFICIENT_CASH]: {
    instance: TRANSACTIONS,
    detail:
      'The BUY of 10 VTI needs more cash than portfolio Retirement holds on 2026-11-20, which is 1000. Record a DEPOSIT first, or a TRANSFER_IN for holdings bought elsewhere.',
    extensions: LEDGER_TRANSACTION,
  },
  [PortfolioErrorCode.INSUFFICIENT_QUANTITY]: {
    instance: TRANSACTIONS,
    detail: 'Selling 12 VTI on 2026-11-20 needs that many held in portfolio Retirement, but only 10 are held then.',
    extensions: LEDGER_TRANSACTION,
  },
  [PortfolioErrorCode.LOTS_REQUIRED]: {
    instance: TRANSACTIONS,
    detail: 'Portfolio Retirement uses specific identification, so a SELL of VTI must name the lots it sells.',
    extensions: LEDGER_TRANSACTION,
  },
  [PortfolioErrorCode.UNKNOWN_LOT]: {
    instance: TRANSACTIONS,
    detail: 'Lot 6c1f0a52-3b7d-4e7a-9c55-2f1d8e9a0b11 is not an open VTI lot of portfolio Retirement on 2026-11-20.',
    extensions: LEDGER_TRANSACTION,
  },
  [PortfolioErrorCode.LOT_OVERDRAWN]: {
    instance: TRANSACTIONS,
    detail: 'Lot 6c1f0a52-3b7d-4e7a-9c55-2f1d8e9a0b11 holds only 4 VTI, so 5 cannot be sold from it.',
    extensions: LEDGER_TRANSACTION,
  },
  [PortfolioErrorCode.INVALID_TRANSACTION]: {
    instance: TRANSACTIONS,
    detail: 'The SELL names lot 6c1f0a52-3b7d-4e7a-9c55-2f1d8e9a0b11 twice.',
    extensions: LEDGER_TRANSACTION,
  },
  [PortfolioErrorCode.IMPORT_ROWS_INVALID]: {
    instance: `${TRANSACTIONS}/import`,
    detail: '2 of 250 rows break a rule (see errors: row, field, rule); nothing was imported',
    errors: [
      { row: 3, field: 'quantity', rule: 'isDecimal', message: 'must be a positive decimal number with at most 8 decimal places' },
      { row: 17, field: 'symbol', rule: 'knownSymbol', message: 'no asset has symbol VTII' },
    ],
  },
  [PortfolioErrorCode.MALFORMED_CSV]: {
    instance: `${TRANSACTIONS}/import`,
    detail: 'The body is not readable as CSV: Quote Not Closed: the parsing is finished with an opening quote at line 5',
  },
  [RebalancingErrorCode.TARGETS_NOT_SET]: {
    instance: `${PORTFOLIO}/drift`,
    detail: 'The portfolio has no target allocation: PUT /portfolios/{id}/targets first',
  },
  [RebalancingErrorCode.TARGETS_DO_NOT_SUM_TO_100]: {
    instance: `${PORTFOLIO}/targets`,
    detail: 'The targets sum to 99.5, not exactly 100',
    errors: [{ field: 'targets', rule: 'sumTo100', message: 'sums to 99.5; must be exactly 100' }],
  },
  [RebalancingErrorCode.PLAN_NOT_RECORDABLE]: {
    instance: `${PORTFOLIO}/rebalance/plans`,
    detail: 'The plan cannot be recorded: check items[0].quantity',
    errors: [
      {
        field: 'items[0].quantity',
        rule: 'recordable',
        message: 'The SELL of 1234567890123.5 VTI cannot be recorded as a transaction: its quantity has more than 12 digits before the point.',
      },
    ],
  },
  [RebalancingErrorCode.PLAN_EXECUTED]: { instance: `${PLAN}/cancel`, detail: 'The plan was executed and can no longer be cancelled' },
  [RebalancingErrorCode.PLAN_CANCELLED]: { instance: `${PLAN}/execute`, detail: 'The plan was cancelled; create a new one' },
  [RebalancingErrorCode.PLAN_STALE]: { instance: `${PLAN}/execute`, detail: 'The portfolio changed since the plan was computed; create a new plan' },
  [RebalancingErrorCode.PLAN_NOT_VERIFIED]: {
    instance: '/api/v1/households/8c4a1f52-3b6e-4d0a-9f1e-2a7b5c9d0e13/rebalance/plans/5f2b7c1e-9a4d-4e3b-8c6f-1d0a2e3b4c5d/execute',
    detail: 'The exact check found the plan breaking CASH_BELOW_RESERVE (report.verification); it cannot be executed',
  },
  [RebalancingErrorCode.SOLVER_BUSY]: {
    instance: `${PORTFOLIO}/rebalance/plans`,
    detail: 'Every household solver is busy and 8 plans are waiting; retry in 18 seconds',
  },
};
