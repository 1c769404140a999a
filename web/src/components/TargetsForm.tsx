import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { Schemas } from '../api/client';
import { ApiError } from '../api/problem';
import { compareDecimal, formatPercent, sumDecimals } from '../format/decimal';
import { ErrorMessage } from './state';

interface TargetRow {
  key: number;
  assetType: string;
  targetPercentage: string;
  tolerancePercentage: string;
  // Not edited here, but sent back as they are: a PUT replaces the whole set, so leaving them out would clear them.
  relativeTolerancePercentage: string | null;
  preferredAssetId: string | null;
}

type Column = 'assetType' | 'targetPercentage' | 'tolerancePercentage';

let nextKey = 1;
const toRows = (targets: Schemas['TargetDto'][]): TargetRow[] =>
  targets.map((target) => ({
    key: nextKey++,
    assetType: target.assetType,
    targetPercentage: target.targetPercentage,
    tolerancePercentage: target.tolerancePercentage,
    relativeTolerancePercentage: target.relativeTolerancePercentage,
    preferredAssetId: target.preferredAssetId,
  }));

function toBody(rows: TargetRow[]): Schemas['PutTargetsDto'] {
  return {
    targets: rows.map((row) => ({
      assetType: row.assetType.trim(),
      targetPercentage: row.targetPercentage,
      tolerancePercentage: row.tolerancePercentage,
      ...(row.relativeTolerancePercentage !== null && { relativeTolerancePercentage: row.relativeTolerancePercentage }),
      ...(row.preferredAssetId !== null && { preferredAssetId: row.preferredAssetId }),
    })),
  };
}

const ROW_FIELD = /^targets\[(\d+)\]\.(assetType|targetPercentage|tolerancePercentage)$/;

/**
 * The server's field errors placed by the input they name (`targets[2].assetType` is the third row
 * sent, kept by its key so a row removed since does not shift the others); the rest stay in the error.
 */
function placeErrors(error: unknown, sent: TargetRow[]): { byInput: Map<string, string>; rest: unknown } {
  const byInput = new Map<string, string>();
  if (!(error instanceof ApiError)) return { byInput, rest: error };
  const unplaced = (error.problem.errors ?? []).filter((fieldError) => {
    const [, index, column] = ROW_FIELD.exec(fieldError.field) ?? [];
    const row = index === undefined ? undefined : sent[Number(index)];
    if (!row) return true;
    const input = `${row.key}:${column}`;
    byInput.set(input, byInput.has(input) ? `${byInput.get(input)}; ${fieldError.message}` : fieldError.message);
    return false;
  });
  return { byInput, rest: new ApiError(error.status, { ...error.problem, errors: unplaced }) };
}

/**
 * Edits a whole target set (a portfolio's or a household's: the same rules): live check of the sum,
 * then the server's refusals beside the fields they name.
 */
export function TargetsForm<Saved>({
  label,
  targets,
  save,
  onSaved,
}: {
  label: string;
  targets: Schemas['TargetDto'][];
  save: (body: Schemas['PutTargetsDto']) => Promise<Saved>;
  onSaved: (saved: Saved) => void;
}) {
  const id = useId();
  const [rows, setRows] = useState<TargetRow[]>(() => toRows(targets));
  // New targets from the server (a save here, a refetch) replace the rows being edited.
  const [shown, setShown] = useState(targets);
  if (shown !== targets) {
    setShown(targets);
    setRows(toRows(targets));
  }
  const mutation = useMutation({ mutationFn: (sent: TargetRow[]) => save(toBody(sent)), onSuccess: onSaved });
  const { byInput, rest } = mutation.isError ? placeErrors(mutation.error, mutation.variables ?? []) : { byInput: new Map<string, string>(), rest: undefined };
  const sum = sumDecimals(rows.map((row) => row.targetPercentage.trim()));
  const sumsTo100 = sum !== undefined && compareDecimal(sum, '100') === 0;
  const update = (key: number, change: Partial<TargetRow>) => {
    mutation.reset();
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (sumsTo100) mutation.mutate(rows);
  };
  const input = (row: TargetRow, column: Column, name: string, decimal: boolean) => {
    const message = byInput.get(`${row.key}:${column}`);
    const errorId = `${id}-${row.key}-${column}`;
    return (
      <td>
        <input
          aria-label={name}
          inputMode={decimal ? 'decimal' : undefined}
          value={row[column]}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? errorId : undefined}
          onChange={(event) => update(row.key, { [column]: event.target.value })}
        />
        {message && (
          <span className="field-error" id={errorId}>
            {message}
          </span>
        )}
      </td>
    );
  };
  return (
    <form onSubmit={submit} aria-label={label}>
      <div className="table-scroll" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Asset class</th>
              <th scope="col">Target %</th>
              <th scope="col">Band ± %</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const name = row.assetType || `class ${index + 1}`;
              return (
                <tr key={row.key}>
                  {input(row, 'assetType', `Asset class ${index + 1}`, false)}
                  {input(row, 'targetPercentage', `Target % for ${name}`, true)}
                  {input(row, 'tolerancePercentage', `Band % for ${name}`, true)}
                  <td>
                    <button type="button" onClick={() => setRows(rows.filter((other) => other.key !== row.key))}>
                      Remove {name}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p aria-live="polite" className={sumsTo100 ? 'success' : 'state-error state'} id={`${id}-sum`}>
        {sum === undefined
          ? 'Every target must be a number such as 60 or 12.5.'
          : sumsTo100
            ? `Targets sum to ${formatPercent(sum)}.`
            : `Targets sum to ${formatPercent(sum)}; they must sum to exactly 100 %.`}
      </p>
      <p className="actions">
        <button
          type="button"
          onClick={() =>
            setRows([
              ...rows,
              { key: nextKey++, assetType: '', targetPercentage: '0', tolerancePercentage: '5', relativeTolerancePercentage: null, preferredAssetId: null },
            ])
          }
        >
          Add a class
        </button>
        <button type="submit" className="primary" disabled={!sumsTo100 || mutation.isPending} aria-describedby={`${id}-sum`}>
          Save targets
        </button>
      </p>
      {mutation.isError && <ErrorMessage error={rest} action="save the targets" />}
      {mutation.isSuccess && (
        <p className="success" role="status">
          Targets saved.
        </p>
      )}
    </form>
  );
}
