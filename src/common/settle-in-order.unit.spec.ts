import { settleInOrder } from './settle-in-order';

const after = <T>(ms: number, value: T, fail = false) =>
  new Promise<T>((resolve, reject) =>
    setTimeout(() => (fail ? reject(new Error(String(value))) : resolve(value)), ms),
  );

describe('settleInOrder', () => {
  it('runs the work side by side and answers the results in order', async () => {
    const started: string[] = [];
    const results = await settleInOrder<[string, number]>([
      () => {
        started.push('a');
        return after(30, 'slow');
      },
      () => {
        started.push('b');
        return after(1, 2);
      },
    ]);
    expect(results).toEqual(['slow', 2]);
    expect(started).toEqual(['a', 'b']);
  });

  it('throws the error of the first failure in the given order, not the first in time', async () => {
    await expect(
      settleInOrder([
        () => after(30, 'unit outside the grant', true),
        () => after(1, 'post', true),
      ]),
    ).rejects.toThrow('unit outside the grant');
  });

  it('waits for every piece of work before answering, so none is left running', async () => {
    let finished = false;
    await expect(
      settleInOrder([
        () => after(1, 'refused', true),
        () => after(20, 'late').then(() => (finished = true)),
      ]),
    ).rejects.toThrow('refused');
    expect(finished).toBe(true);
  });
});
