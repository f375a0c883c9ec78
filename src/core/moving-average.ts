/**
 * Simple moving average: `ma[t]` is the mean of the `window` prices ending at t, null
 * before t = window-1. A running sum with Neumaier compensation keeps every value within
 * an ulp or two of a fresh sum, so long series do not drift and a crossover is never
 * flipped by accumulated rounding.
 */
export function movingAverage(prices: readonly number[], window: number): (number | null)[] {
  const out: (number | null)[] = new Array<number | null>(prices.length).fill(null);
  let sum = 0;
  let compensation = 0;
  const add = (x: number): void => {
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  };
  for (let t = 0; t < prices.length; t++) {
    add(prices[t] as number);
    if (t >= window) add(-(prices[t - window] as number));
    if (t >= window - 1) out[t] = (sum + compensation) / window;
  }
  return out;
}
