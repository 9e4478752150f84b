import { isConnectionLost, isConnectionRefused } from './connection-loss';

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

describe('isConnectionRefused: nothing ran on the connection (the 503 says so)', () => {
  it('counts the failures raised only while a connection is made', () => {
    expect(
      isConnectionRefused(
        pgError('55000', 'database "cadreflow" is not currently accepting connections'),
      ),
    ).toBe(true);
    expect(isConnectionRefused(pgError('53300', 'sorry, too many clients already'))).toBe(true);
    expect(isConnectionRefused(pgError('57P03', 'the database system is starting up'))).toBe(true);
    expect(
      isConnectionRefused(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')),
    ).toBe(true);
  });

  it('does not count a connection that dropped while a statement ran', () => {
    expect(
      isConnectionRefused(pgError('57P01', 'terminating connection due to administrator command')),
    ).toBe(false);
    expect(isConnectionRefused(pgError('ECONNRESET', 'read ECONNRESET'))).toBe(false);
    expect(isConnectionRefused(new Error('Connection terminated unexpectedly'))).toBe(false);
    expect(
      isConnectionRefused(
        pgError('55000', 'currval of sequence "s" is not yet defined in this session'),
      ),
    ).toBe(false);
  });
});
