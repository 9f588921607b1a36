/**
 * URLs as they may be logged: the values of query parameters that carry credentials (an OAuth
 * `access_token` or `id_token`, an authorization `code`, a `token`) are replaced, so that no token
 * reaches the logs even when a client puts one in a URL.
 */
const SECRET_PARAMS = /([?&](?:access_token|id_token|refresh_token|token|code|client_secret)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}
