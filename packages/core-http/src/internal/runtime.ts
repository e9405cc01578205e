/**
 * True in a browser-like runtime (window/document or a worker), where forbidden headers
 * (User-Agent, Cookie, Referer) must not be set and cookies belong to the browser.
 * Evaluated on call, never at import time.
 */
export function isBrowserRuntime(): boolean {
  const g = globalThis as { window?: unknown; document?: unknown; importScripts?: unknown; process?: { versions?: { node?: string } } };
  if (typeof g.window !== 'undefined' && typeof g.document !== 'undefined') return true;
  if (typeof g.importScripts === 'function') return true; // web worker
  return false;
}
