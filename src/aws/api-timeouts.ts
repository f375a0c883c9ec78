// Bounded waits for the S3 and EC2 APIs. The SDK waits forever by default, so an endpoint
// that accepts a connection and never answers (a dead proxy, a stuck emulator, a
// firewall that drops packets) would hang a finished VaR run while it stores its result,
// or a clean-up while it stops instances. These answer in milliseconds when healthy; a
// request idle this long is given up (and retried by the SDK, a bounded few times).
// Lambda is not here: an invocation legitimately waits minutes, under its own timeout.

export interface ApiTimeouts {
  /** Most ms to open the connection. */
  readonly connectionTimeout: number;
  /** Most ms the request's socket may stay silent. */
  readonly socketTimeout: number;
}

export const apiTimeouts: ApiTimeouts = { connectionTimeout: 5_000, socketTimeout: 10_000 };
