// A refused flat-format request (TSV, CSV, count) carries its message as `[ERROR] <code> <message>`,
// written unescaped: a query's problems follow on the lines after the first (WebService.sendError,
// FlatFileFormatter.formatFooter). The whole message is the service message, not its first line.
import { describe, expect, it } from 'vitest';
import { interMineServiceMessage } from '../../src/internal/errors.js';

const response = new Response(null, { status: 400 });

describe('interMineServiceMessage: flat error bodies', () => {
  it('keeps the lines after the [ERROR] line', () => {
    const body = '[ERROR] 400 XML is well formatted but query contains errors:\nYou do not have access to a list called no-such-list.\n';
    expect(interMineServiceMessage(body, response)).toBe(
      'XML is well formatted but query contains errors:\nYou do not have access to a list called no-such-list.',
    );
  });

  it('reads a one-line error, one after rows, and one without a message', () => {
    expect(interMineServiceMessage('[ERROR] 400 Invalid size parameter: 0', response)).toBe('Invalid size parameter: 0');
    expect(interMineServiceMessage('eve\nzen\n[ERROR] 500 Service failed. Please contact support.', response)).toBe('Service failed. Please contact support.');
    expect(interMineServiceMessage('[ERROR] 400', response)).toBe('the server reported an error');
  });
});
