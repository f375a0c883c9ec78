// One EC2 client per process, configured by the SDK's own chain (AWS_REGION,
// AWS_PROFILE, credentials, AWS_ENDPOINT_URL_EC2).
import './sdk-warning.js';
import { EC2Client } from '@aws-sdk/client-ec2';

let client: EC2Client | undefined;

export function ec2Client(): EC2Client {
  client ??= new EC2Client({});
  return client;
}
