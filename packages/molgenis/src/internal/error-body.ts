import { htmlErrorMessage } from '@bio/core-http';
import type { MolgenisErrorDetails, ProblemDetails } from '../error-details.js';

const HTML = /<\s*(!doctype|html|head|body)\b/i;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Read every MOLGENIS error shape:
 * - classic controllers: `{"errors":[{"message":"…","code":"DS16"}]}`;
 * - `ApiController`s: RFC 7807 `{type,title,status,detail,errorCode,errors[{errorCode,field,value,detail}]}`;
 * - plain text (import wizard) and HTML error pages.
 */
export function parseErrorBody(body: unknown, contentType?: string | null): MolgenisErrorDetails {
  if (typeof body === 'string') {
    const trimmed = body.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return parseErrorBody(JSON.parse(trimmed), contentType);
      } catch {
        // not JSON after all: fall through to text
      }
    }
    if (trimmed === '') return { messages: [] };
    if ((contentType ?? '').includes('html') || HTML.test(trimmed)) {
      const m = htmlErrorMessage(trimmed);
      return { messages: m === undefined ? [] : [m] };
    }
    return { messages: [trimmed.length > 500 ? `${trimmed.slice(0, 500)}…` : trimmed] };
  }
  if (typeof body !== 'object' || body === null) return { messages: [] };
  const obj = body as Record<string, unknown>;
  const messages: string[] = [];
  let code: string | undefined;
  const isProblem = (contentType ?? '').includes('problem+json') || ('detail' in obj && 'title' in obj) || 'errorCode' in obj;
  if (isProblem) {
    const problem: ProblemDetails = {};
    for (const key of ['type', 'title', 'detail', 'instance', 'errorCode'] as const) {
      const v = text(obj[key]);
      if (v !== undefined) problem[key] = v;
    }
    if (typeof obj.status === 'number') problem.status = obj.status;
    const detail = problem.detail ?? problem.title;
    if (detail !== undefined) messages.push(detail);
    code = problem.errorCode;
    if (Array.isArray(obj.errors)) {
      problem.errors = [];
      for (const e of obj.errors) {
        if (typeof e !== 'object' || e === null) continue;
        const item = e as Record<string, unknown>;
        const entry: NonNullable<ProblemDetails['errors']>[number] = {};
        const d = text(item.detail) ?? text(item.message);
        if (d !== undefined) entry.detail = d;
        const f = text(item.field);
        if (f !== undefined) entry.field = f;
        const c = text(item.errorCode);
        if (c !== undefined) entry.errorCode = c;
        if ('value' in item) entry.value = item.value;
        problem.errors.push(entry);
        if (d !== undefined) messages.push(f === undefined ? d : `${f}: ${d}`);
        code ??= c;
      }
    }
    return code === undefined ? { messages, problem } : { messages, code, problem };
  }
  if (Array.isArray(obj.errors)) {
    for (const e of obj.errors) {
      if (typeof e === 'string') {
        messages.push(e);
        continue;
      }
      if (typeof e !== 'object' || e === null) continue;
      const item = e as Record<string, unknown>;
      const m = text(item.message) ?? text(item.detail);
      if (m !== undefined) messages.push(m);
      code ??= text(item.code) ?? text(item.errorCode);
    }
  }
  if (messages.length === 0) {
    const m = text(obj.message) ?? text(obj.error) ?? text(obj.detail);
    if (m !== undefined) messages.push(m);
  }
  return code === undefined ? { messages } : { messages, code };
}

/** The `serviceMessage` hook given to the HTTP client. */
export function molgenisServiceMessage(body: unknown, response: Response): string | undefined {
  const { messages } = parseErrorBody(body, response.headers.get('content-type'));
  return messages.length > 0 ? messages.join('; ') : undefined;
}
