// A CSV download read as records while it arrives, checked as it goes: the classic API's export
// pages (`csv`) and EMX2's table download (`exportCsv().rows()`, `.records()`) share it.
import { CsvHtmlDocumentScan, type HttpClient, type QueryParams, type ResponseFormatError, type ResponsePromise } from '@bio/core-http';
import { CsvReader, EMX2_CSV } from './csv.js';
import { formatError } from './format-error.js';

/** What is read, as the refusals name it: a page of the classic API's export, or EMX2's table download. */
export type CsvDownloadKind = 'page' | 'download';
const WORDS: Record<CsvDownloadKind, { expected: string; it: string; whole: string }> = {
  page: { expected: 'a text/csv page', it: 'the page', whole: 'the export' },
  download: { expected: 'the CSV download (text/csv)', it: 'the body', whole: 'the table' },
};

/** The text read so far stops inside a record: an unclosed quote, or a last record without its line break. */
function endsInsideRecord(parser: CsvReader): boolean {
  try {
    return parser.end().length > 0;
  } catch (error) {
    if (error instanceof SyntaxError) return true; // strict: inside a quoted cell
    throw error;
  }
}

/**
 * The caller's error for a download it refuses, naming the request (method, url, and the status and
 * content type once the answer is in, see `answered`) and what it has delivered so far.
 */
export interface CsvDownloadFailure {
  (problem: string): ResponseFormatError;
  /** Record the answer, so that later errors carry its status and content type. */
  answered(response: Response): void;
}

/** The {@link CsvDownloadFailure} of `GET path?searchParams`: the problem, and how many rows came before it. */
export function csvDownloadFailure(
  kind: CsvDownloadKind,
  http: HttpClient,
  request: { path: string; searchParams?: QueryParams | undefined },
  delivered: () => number,
): CsvDownloadFailure {
  let response: Response | undefined;
  const fail = (problem: string): ResponseFormatError =>
    formatError(
      http,
      { method: 'GET', ...request, response },
      `${problem}; ${delivered()} rows were delivered before it, the rest of ${WORDS[kind].whole} was not`,
    );
  return Object.assign(fail, {
    answered(answer: Response): void {
      response = answer;
    },
  });
}

/**
 * The refusals of a CSV body, in the words of its kind: an answer that is not `text/csv` (at
 * once), an HTML page (a proxy's or server's error page with 200, also after some records), and
 * a body cut inside a record (the caller knows where records end).
 */
export class CsvBodyCheck {
  readonly #words: (typeof WORDS)[CsvDownloadKind];
  readonly #html = new CsvHtmlDocumentScan();

  constructor(
    kind: CsvDownloadKind,
    response: Response,
    readonly fail: CsvDownloadFailure,
  ) {
    this.#words = WORDS[kind];
    fail.answered(response);
    const contentType = response.headers.get('content-type') ?? '';
    if (!/^text\/csv\b/i.test(contentType)) throw fail(`expected ${this.#words.expected}, got ${contentType || 'no content type'}`);
  }

  /** Check the next piece of text: an HTML document outside quoted cells (inside one it is a value). */
  piece(text: string): void {
    if (this.#html.push(text)) throw this.fail(`${this.#words.it} holds an HTML document (a proxy or server error page)`);
  }

  /** The error for a body that ended inside a record. */
  cut(): ResponseFormatError {
    return this.fail(`${this.#words.it} ends inside a record (the answer was cut short)`);
  }
}

/**
 * The records of a CSV download as they arrive, one batch per piece of the body — refused (a
 * `ResponseFormatError` from `fail`, see {@link CsvBodyCheck}) when the answer is not `text/csv`,
 * holds an HTML page or ends inside a record (cut short: both servers end every record with a
 * line break); a dropped connection is the client's `NetworkError`. A record is yielded only once
 * it is whole; blank lines give none.
 */
export async function* checkedCsvRecords(
  pending: ResponsePromise,
  fail: CsvDownloadFailure,
  { kind, separator = ',' }: { kind: CsvDownloadKind; separator?: string | undefined },
): AsyncGenerator<string[][]> {
  const body = await pending.stream(); // a cut connection is a NetworkError from here on
  const response = await pending;
  const reader = body.getReader();
  try {
    const check = new CsvBodyCheck(kind, response, fail);
    const parser = new CsvReader(separator, EMX2_CSV);
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
      check.piece(text);
      const records = parser.push(text);
      if (done && endsInsideRecord(parser)) throw check.cut();
      if (records.length > 0) yield records;
      if (done) return;
    }
  } finally {
    reader.releaseLock();
    body.cancel().catch(() => undefined);
  }
}
