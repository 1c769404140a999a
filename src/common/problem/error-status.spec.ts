import { HttpStatus } from '@nestjs/common';
import { LEDGER_VIOLATION_CODES } from '../../portfolio/portfolio-errors';
import { CommonErrorCode } from './common-errors';
import { ERROR_CODES, errorStatus, wireCode } from './error-status';

describe('the HTTP status of each error code', () => {
  it('gives every code one status, and no two codes the same body code at one status', () => {
    const sent = ERROR_CODES.map((code) => `${wireCode(code)} ${errorStatus(code)}`);
    expect(new Set(sent).size).toBe(ERROR_CODES.length);
  });

  it('sends UNPROCESSABLE_FIELDS as the VALIDATION_FAILED clients know, with 422 instead of 400', () => {
    expect([wireCode(CommonErrorCode.UNPROCESSABLE_FIELDS), errorStatus(CommonErrorCode.UNPROCESSABLE_FIELDS)]).toEqual(['VALIDATION_FAILED', 422]);
    expect([wireCode(CommonErrorCode.VALIDATION_FAILED), errorStatus(CommonErrorCode.VALIDATION_FAILED)]).toEqual(['VALIDATION_FAILED', 400]);
  });

  it('answers every ledger violation with 422 under its own name', () => {
    expect(LEDGER_VIOLATION_CODES.map((code) => [wireCode(code), errorStatus(code)])).toEqual(
      ['INSUFFICIENT_CASH', 'INSUFFICIENT_QUANTITY', 'LOTS_REQUIRED', 'UNKNOWN_LOT', 'LOT_OVERDRAWN', 'INVALID_TRANSACTION'].map((code) => [
        code,
        HttpStatus.UNPROCESSABLE_ENTITY,
      ]),
    );
  });
});
