import { type HttpClient, isUnauthorizedError, type ResponsePromise, UnauthorizedError } from '@bio/core-http';

/**
 * MOLGENIS' token filter ignores an unknown or expired token and runs the request as
 * anonymous, so an expired token shows up as "No 'Read data' permission …" with a 401. When a
 * token is set, say so.
 */
export const EXPIRED_TOKEN_HINT =
  'the server ignored the x-molgenis-token (unknown or expired — tokens from login() last 2 hours) and answered as for an anonymous user; log in again or use a new token';

function annotate(http: HttpClient): (error: unknown) => never {
  return (error: unknown): never => {
    if (isUnauthorizedError(error) && http.auth !== undefined && !error.message.includes(EXPIRED_TOKEN_HINT)) {
      throw new UnauthorizedError({
        status: error.status,
        message: `${error.message} (${EXPIRED_TOKEN_HINT})`,
        cause: error,
        ...(error.method === undefined ? {} : { method: error.method }),
        ...(error.url === undefined ? {} : { url: error.url }),
        ...(error.service === undefined ? {} : { service: error.service }),
        ...(error.serviceMessage === undefined ? {} : { serviceMessage: error.serviceMessage }),
        ...(error.body === undefined ? {} : { body: error.body }),
        ...(error.headers === undefined ? {} : { headers: error.headers }),
        ...(error.attempts === undefined ? {} : { attempts: error.attempts }),
      });
    }
    throw error;
  };
}

/** The same client, with {@link EXPIRED_TOKEN_HINT} added to 401 errors while a token is set. */
export function withTokenHint(http: HttpClient): HttpClient {
  const onError = annotate(http);
  const wrap = (p: ResponsePromise): ResponsePromise => {
    const out = p.then(undefined, onError) as ResponsePromise;
    out.catch(() => undefined); // callers that use a body method never await `out` itself
    out.json = <T>() => p.json<T>().catch(onError);
    out.text = () => p.text().catch(onError);
    out.bytes = () => p.bytes().catch(onError);
    out.stream = () => p.stream().catch(onError);
    return out;
  };
  return {
    get baseUrl() {
      return http.baseUrl;
    },
    get auth() {
      return http.auth;
    },
    get: (path, options) => wrap(http.get(path, options)),
    post: (path, options) => wrap(http.post(path, options)),
    put: (path, options) => wrap(http.put(path, options)),
    patch: (path, options) => wrap(http.patch(path, options)),
    delete: (path, options) => wrap(http.delete(path, options)),
    head: (path, options) => wrap(http.head(path, options)),
    request: (method, path, options) => wrap(http.request(method, path, options)),
    setAuth: (auth) => http.setAuth(auth),
    url: (path, searchParams) => http.url(path, searchParams),
  };
}
