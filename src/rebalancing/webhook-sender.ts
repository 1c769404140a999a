import * as http from 'node:http';
import * as https from 'node:https';
import { guardedLookup } from '../common/net/public-address';

export interface SendResult {
  /** Null when no response arrived (refused, unreachable, timed out). */
  status: number | null;
  error: string | null;
  durationMs: number;
}

const MAX_ERROR_LENGTH = 500;

/**
 * One POST, no redirects followed (a 3xx counts as a failure), the whole
 * exchange bounded by timeoutMs. The connection is only made to addresses
 * allowed at connect time: never a metadata service, and only public ones
 * unless private targets are allowed.
 */
export function postSigned(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<SendResult> {
  const started = Date.now();
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (status: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ status, error: error?.slice(0, MAX_ERROR_LENGTH) ?? null, durationMs: Date.now() - started });
    };
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body).toString(), 'User-Agent': 'Rebalance-Webhooks/1', ...headers },
        lookup: guardedLookup(options.allowPrivate),
      },
      (response) => {
        // The body is not read for meaning, only drained so the socket is released.
        response.resume();
        response.on('end', () => {
          const status = response.statusCode ?? null;
          finish(status, status !== null && status >= 200 && status < 300 ? null : `receiver answered ${status}`);
        });
        response.on('error', (error) => finish(response.statusCode ?? null, error.message));
      },
    );
    const timer = setTimeout(() => {
      finish(null, `timed out after ${options.timeoutMs} ms`);
      request.destroy();
    }, options.timeoutMs);
    request.on('error', (error) => finish(null, error.message));
    request.end(body);
  });
}
