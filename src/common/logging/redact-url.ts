export const REDACTED = '[REDACTED]';

// Names that carry a credential, compared lower-cased without "-" and "_": api_key, X-API-Key,
// apiKey, access_token, token, client_secret, password, jwt. The API takes none of them in a
// query string and refuses such requests, but the request line is logged before that.
const SECRET_NAME = /(token|secret|password|passwd|key|jwt|signature|credentials?|auth|authorization)$/;

function isSecretName(encoded: string): boolean {
  let name = encoded.replace(/\+/g, ' ');
  try {
    name = decodeURIComponent(name);
  } catch {
    // A malformed escape is judged by its raw text.
  }
  return SECRET_NAME.test(name.toLowerCase().replace(/[-_\s]/g, ''));
}

/** The URL with the value of every credential-like query parameter replaced, for the request log. */
export function redactUrl(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const query = url
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      return equals >= 0 && isSecretName(pair.slice(0, equals)) ? `${pair.slice(0, equals)}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, start)}?${query}`;
}
