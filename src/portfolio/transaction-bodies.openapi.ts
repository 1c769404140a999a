import type { OpenAPIObject, OperationObject, SchemaObject } from '@nestjs/swagger';
import { TRANSACTION_TYPES } from './domain/lot-methods';
import type { TransactionType } from './domain/ledger';
import { FIELDS_BY_TYPE } from './dto/transaction.dto';
import { MAX_IMPORT_ROWS } from './transaction-import';
import { IMPORT_BODY_BYTES } from './transaction-import.body-parser';
import { IMPORT_CSV_COLUMNS } from './transaction-import.csv';

const CREATE_OPERATION = 'createTransaction';
const IMPORT_OPERATION = 'importTransactions';
const VALIDATED_AS = 'CreateTransactionDto';
const COMMON_FIELDS = ['type', 'executedAt'];

/** BUY → BuyTransactionDto, TRANSFER_IN → TransferInTransactionDto. */
function schemaName(type: TransactionType): string {
  return `${type
    .toLowerCase()
    .split('_')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('')}TransactionDto`;
}

/**
 * One request body validates every transaction type (CreateTransactionDto and
 * its ForTypes rules); a client needs to know what each type needs. The body is
 * documented as a oneOf with a discriminator on `type`, one schema per type
 * holding exactly the fields that type requires and allows, drawn from
 * FIELDS_BY_TYPE; the validated class is no longer a schema of its own.
 */
function operationOf(document: OpenAPIObject, operationId: string): OperationObject | undefined {
  return Object.values(document.paths)
    .flatMap((pathItem) => Object.values(pathItem) as unknown[])
    .find((candidate): candidate is OperationObject => (candidate as OperationObject | undefined)?.operationId === operationId);
}

export function documentTransactionBodies(document: OpenAPIObject): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  const base = schemas[VALIDATED_AS] as SchemaObject | undefined;
  const operation = operationOf(document, CREATE_OPERATION);
  const body = operation?.requestBody && !('$ref' in operation.requestBody) ? operation.requestBody.content['application/json'] : undefined;
  if (!base?.properties || !body) throw new Error(`${CREATE_OPERATION} has no ${VALIDATED_AS} body to document by type`);
  const properties = base.properties;
  const mapping: Record<string, string> = {};
  for (const type of TRANSACTION_TYPES) {
    const { required, optional } = FIELDS_BY_TYPE[type];
    const allowed = new Set([...COMMON_FIELDS, ...required, ...optional]);
    schemas[schemaName(type)] = {
      type: 'object',
      properties: {
        type: { type: 'string', enum: [type], example: type },
        ...Object.fromEntries(Object.entries(properties).filter(([name]) => name !== 'type' && allowed.has(name))),
      },
      required: [...COMMON_FIELDS, ...required],
    };
    mapping[type] = `#/components/schemas/${schemaName(type)}`;
  }
  body.schema = { oneOf: Object.values(mapping).map(($ref) => ({ $ref })), discriminator: { propertyName: 'type', mapping } };
  documentImportBody(operationOf(document, IMPORT_OPERATION), body.schema);
  delete schemas[VALIDATED_AS];
  return document;
}

const EXAMPLE_ASSET = '3f1c2b9a-8d7e-4c6b-a5f4-e3d2c1b0a987';
const AT = '2026-11-20T15:30:00Z';

/**
 * The import takes the same bodies as a list, or as CSV; Nest can give both media types only
 * one schema, so each is written here. The examples run as written: a DEPOSIT, then a BUY of
 * the asset the transaction examples name (VXUS).
 */
function documentImportBody(operation: OperationObject | undefined, transaction: SchemaObject): void {
  if (!operation?.requestBody || '$ref' in operation.requestBody) throw new Error(`${IMPORT_OPERATION} has no body to document`);
  operation.requestBody = {
    required: true,
    content: {
      'application/json': {
        schema: { type: 'array', minItems: 1, maxItems: MAX_IMPORT_ROWS, items: transaction },
        examples: {
          depositThenBuy: {
            value: [
              { type: 'DEPOSIT', amount: '1000', executedAt: AT },
              { type: 'BUY', assetId: EXAMPLE_ASSET, quantity: '2', price: '245.17', fee: '1', executedAt: AT },
            ],
          },
        },
      },
      'text/csv': {
        schema: {
          type: 'string',
          maxLength: IMPORT_BODY_BYTES,
          description: `A header row, then one transaction per row; columns: ${IMPORT_CSV_COLUMNS.join(', ')}`,
        },
        examples: {
          depositThenBuy: {
            value: ['type,executedAt,symbol,amount,quantity,price,fee', `DEPOSIT,${AT},,1000,,,`, `BUY,${AT},VXUS,,2,245.17,1`, ''].join('\n'),
          },
        },
      },
    },
  };
}
