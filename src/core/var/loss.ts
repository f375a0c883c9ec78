// Loss of a one-day position as a fraction of its value: L = -r for long, +r for short.
import type { Position } from '../shard/protocol.js';

/** Losses of a return series for a position. */
export function lossesOf(returns: readonly number[], position: Position): number[] {
  // 0 - r is -r exactly, but +0 for a zero return (not -0, which prints as "-0.00").
  return position === 'long' ? returns.map((r) => 0 - r) : returns.slice();
}

/**
 * For a simulated return r = mu + sigma*z the loss is c0 + c1*z. Negation is exact in
 * floating point, so for long c0 + c1*z equals -(mu + sigma*z) bit for bit (but for the
 * sign of a zero, which is always +0 here).
 */
export function lossCoefficients(mu: number, sigma: number, position: Position): { c0: number; c1: number } {
  // `+ 0` turns -0 into 0, so a zero loss is always +0 however it is computed.
  return position === 'long' ? { c0: -mu + 0, c1: -sigma } : { c0: mu + 0, c1: sigma };
}
