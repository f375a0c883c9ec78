// Lambda clients, one of each per process, configured by the SDK's own chain (AWS_REGION,
// AWS_PROFILE, credentials, AWS_ENDPOINT_URL_LAMBDA). Retries of invocations are ours
// (backoff with full jitter, bounded and counted per shard: src/backends/lambda/), so
// the client makes a single attempt per call instead of retrying underneath them. Its
// connection pool matches the most invocations we keep in flight (the SDK's default
// of 50 sockets would silently queue the rest).
import './sdk-warning.js';
import { LambdaClient, type LambdaClientConfig } from '@aws-sdk/client-lambda';
import { apiTimeouts } from './api-timeouts.js';

/** Most invocations in flight by default: Lambda's default account concurrency. */
export const maxInvocationsInFlight = 1000;

let client: LambdaClient | undefined;
let controlClient: LambdaClient | undefined;

export function lambdaClient(): LambdaClient {
  const agent = { keepAlive: true, maxSockets: maxInvocationsInFlight };
  client ??= new LambdaClient({ maxAttempts: 1, requestHandler: { httpAgent: agent, httpsAgent: agent } });
  return client;
}

/**
 * For everything but invocations (reading a function's configuration, deploying it): the
 * SDK's own bounded retries of throttling and 5xx, which the control plane's low rate
 * limits make worth having, and bounded waits (api-timeouts.ts).
 */
export function lambdaControlClient(): LambdaClient {
  controlClient ??= new LambdaClient(lambdaControlClientConfig());
  return controlClient;
}

export function lambdaControlClientConfig(): LambdaClientConfig {
  return { requestHandler: { ...apiTimeouts } };
}
