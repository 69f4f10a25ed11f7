import { waitForOpening } from '../../../client/cli/wait-for-opening';

/** A count that reads each of `values` in turn, then keeps the last. */
function counts(...values: number[]) {
  let read = 0;
  return () => Promise.resolve(values[Math.min(read++, values.length - 1)]!);
}

describe('waitForOpening: the count of opened units against the expected one', () => {
  it('ends when every unit is open, telling each new count once', async () => {
    const seen: number[] = [];
    const wait = await waitForOpening({
      expected: 6,
      countOpened: counts(0, 2, 2, 5, 6),
      onProgress: (opened) => seen.push(opened),
      pollMs: 1,
    });
    expect(wait).toEqual({ end: 'all-opened', opened: 6 });
    expect(seen).toEqual([0, 2, 5, 6]);
  });

  it('gives up when the count stops moving (no worker), and at once when interrupted', async () => {
    expect(await waitForOpening({ expected: 6, countOpened: counts(0, 3), pollMs: 5, stallMs: 60 })).toEqual({
      end: 'stalled',
      opened: 3,
    });
    const interrupt = new AbortController();
    const waiting = waitForOpening({ expected: 6, countOpened: counts(1), pollMs: 60_000, signal: interrupt.signal });
    interrupt.abort();
    expect(await waiting).toEqual({ end: 'interrupted', opened: 1 });
  });
});
