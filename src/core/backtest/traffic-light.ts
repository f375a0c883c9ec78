// The Basel Committee's traffic light for 99% VaR over the last 250 trading days:
// green for 0-4 exceptions, yellow for 5-9, red for 10 or more.

export type TrafficLightZone = 'green' | 'yellow' | 'red';

export const TRAFFIC_LIGHT_DAYS = 250;

export interface TrafficLight {
  readonly zone: TrafficLightZone;
  readonly exceptions: number;
  readonly days: number;
}

/** The zone of the last 250 exception indicators; undefined with fewer than 250 days. */
export function baselTrafficLight(hits: readonly boolean[]): TrafficLight | undefined {
  if (hits.length < TRAFFIC_LIGHT_DAYS) return undefined;
  const exceptions = hits.slice(-TRAFFIC_LIGHT_DAYS).filter(Boolean).length;
  const zone: TrafficLightZone = exceptions <= 4 ? 'green' : exceptions <= 9 ? 'yellow' : 'red';
  return { zone, exceptions, days: TRAFFIC_LIGHT_DAYS };
}
