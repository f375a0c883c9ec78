// One EC2 client per process, configured by the SDK's own chain (AWS_REGION,
// AWS_PROFILE, credentials, AWS_ENDPOINT_URL_EC2), with bounded waits (api-timeouts.ts).
import './sdk-warning.js';
import { EC2Client } from '@aws-sdk/client-ec2';
import { apiTimeouts } from './api-timeouts.js';

let client: EC2Client | undefined;

export function ec2Client(): EC2Client {
  client ??= new EC2Client({ requestHandler: { ...apiTimeouts } });
  return client;
}
