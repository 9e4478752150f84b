import { isConnectionLost } from './connection-loss';

/** pg's errors carry the SQLSTATE in `code` and PostgreSQL's words in `message`. */
function pgError(code: string, message: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

describe('isConnectionLost: a server refusing a new connection', () => {
  it('counts a database closed to connections (55000 with its words)', () => {
    expect(
      isConnectionLost(
        pgError('55000', 'database "cadreflow" is not currently accepting connections'),
      ),
    ).toBe(true);
  });

  it('counts too many connections (53300) and cannot connect now (57P03)', () => {
    expect(isConnectionLost(pgError('53300', 'sorry, too many clients already'))).toBe(true);
    expect(isConnectionLost(pgError('57P03', 'the database system is starting up'))).toBe(true);
  });

  it('does not count a statement raising 55000 for another reason', () => {
    expect(
      isConnectionLost(
        pgError('55000', 'currval of sequence "s" is not yet defined in this session'),
      ),
    ).toBe(false);
  });
});
