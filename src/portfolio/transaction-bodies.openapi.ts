import type { OpenAPIObject, OperationObject, SchemaObject } from '@nestjs/swagger';
import { TRANSACTION_TYPES } from './domain/lot-methods';
import type { TransactionType } from './domain/ledger';
import { FIELDS_BY_TYPE } from './dto/transaction.dto';

const CREATE_OPERATION = 'createTransaction';
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
export function documentTransactionBodies(document: OpenAPIObject): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  const base = schemas[VALIDATED_AS] as SchemaObject | undefined;
  const operation = Object.values(document.paths)
    .flatMap((pathItem) => Object.values(pathItem) as unknown[])
    .find((candidate): candidate is OperationObject => (candidate as OperationObject | undefined)?.operationId === CREATE_OPERATION);
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
  delete schemas[VALIDATED_AS];
  return document;
}
