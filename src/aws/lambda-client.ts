// One Lambda client per process, configured by the SDK's own chain (AWS_REGION,
// AWS_PROFILE, credentials, AWS_ENDPOINT_URL_LAMBDA). Retries of invocations are ours
// (backoff with full jitter, bounded and counted per shard: src/backends/lambda/), so
// the client makes a single attempt per call instead of retrying underneath them.
import './sdk-warning.js';
import { LambdaClient } from '@aws-sdk/client-lambda';

let client: LambdaClient | undefined;

export function lambdaClient(): LambdaClient {
  client ??= new LambdaClient({ maxAttempts: 1 });
  return client;
}
