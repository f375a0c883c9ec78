// One S3 client per process, configured by the SDK's own chain (AWS_REGION, AWS_PROFILE,
// credentials, AWS_ENDPOINT_URL_S3). The one thing we add: path-style URLs when the
// endpoint is overridden, because emulators (and most S3-compatible stores) cannot serve
// virtual-host buckets on an address like 127.0.0.1.
import './sdk-warning.js';
import { S3Client } from '@aws-sdk/client-s3';
import { hasEndpointOverride } from './endpoint-override.js';

let client: S3Client | undefined;

export function s3Client(): S3Client {
  client ??= new S3Client(hasEndpointOverride('S3') ? { forcePathStyle: true } : {});
  return client;
}
