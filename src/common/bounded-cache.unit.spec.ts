import { BoundedCache } from './bounded-cache';

describe('BoundedCache', () => {
  it('keeps at most its capacity, letting the oldest unread entry go first', () => {
    const cache = new BoundedCache<string, number>(3);
    for (const [key, value] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
    ] as const)
      cache.set(key, value);
    expect(cache.size).toBe(3);
    expect(cache.get('a')).toBeUndefined();
    expect([cache.get('b'), cache.get('c'), cache.get('d')]).toEqual([2, 3, 4]);
  });

  it('spares an entry read since it was stored, and lets it go once it is not read again', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    cache.set('d', 4);
    cache.set('e', 5);
    expect(cache.get('a')).toBeUndefined();
    expect([cache.get('d'), cache.get('e')]).toEqual([4, 5]);
  });

  it('ends an eviction when every entry was read, and a set replaces the value it had', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.get('b');
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('c')).toBe(3);
    cache.set('c', 30);
    expect(cache.get('c')).toBe(30);
    cache.delete('c');
    expect(cache.get('c')).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it('keeps nothing with a capacity of 0', () => {
    const cache = new BoundedCache<string, number>(0);
    cache.set('a', 1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('lets the same entries go as a second-chance list would, over many sets, reads and deletes', () => {
    // The reference: a list in insertion order; the front goes unless read, then it moves back.
    const order: string[] = [];
    const model = new Map<string, { value: number; used: boolean }>();
    const setInModel = (key: string, value: number) => {
      if (model.delete(key)) order.splice(order.indexOf(key), 1);
      model.set(key, { value, used: false });
      order.push(key);
      while (model.size > 50) {
        const oldest = order.shift()!;
        const entry = model.get(oldest)!;
        if (entry.used || oldest === key) {
          entry.used = false;
          order.push(oldest);
        } else model.delete(oldest);
      }
    };
    const cache = new BoundedCache<string, number>(50);
    let seed = 7;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % below;
    };
    for (let step = 0; step < 20_000; step += 1) {
      const key = `k${random(120)}`;
      const action = random(10);
      if (action < 5) {
        cache.set(key, step);
        setInModel(key, step);
      } else if (action < 9) {
        const entry = model.get(key);
        if (entry) entry.used = true;
        expect(cache.get(key)).toBe(entry?.value);
      } else {
        cache.delete(key);
        if (model.delete(key)) order.splice(order.indexOf(key), 1);
      }
      expect(cache.size).toBe(model.size);
    }
  });

  it('computes a missing value once and keeps it, as set would', () => {
    const cache = new BoundedCache<string, string>(2);
    const computed: string[] = [];
    const upper = (key: string) => {
      computed.push(key);
      return key.toUpperCase();
    };
    expect(cache.getOrCompute('a', upper)).toBe('A');
    expect(cache.getOrCompute('a', upper)).toBe('A');
    expect(computed).toEqual(['a']);
    // Read since stored, 'a' is spared once: 'b' goes when 'c' comes.
    cache.getOrCompute('b', upper);
    cache.getOrCompute('c', upper);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.getOrCompute('a', upper)).toBe('A');
    expect(computed).toEqual(['a', 'b', 'c']);
  });
});
