// One S3 client per process, configured by the SDK's own chain (AWS_REGION, AWS_PROFILE,
// credentials, AWS_ENDPOINT_URL_S3). What we add: bounded waits (api-timeouts.ts), and
// path-style URLs when the endpoint is overridden, because emulators (and most
// S3-compatible stores) cannot serve virtual-host buckets on an address like 127.0.0.1.
import './sdk-warning.js';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { type ApiTimeouts, apiTimeouts } from './api-timeouts.js';
import { hasEndpointOverride } from './endpoint-override.js';

let client: S3Client | undefined;

export function s3ClientConfig(timeouts: ApiTimeouts = apiTimeouts): S3ClientConfig {
  return { ...(hasEndpointOverride('S3') ? { forcePathStyle: true } : {}), requestHandler: { ...timeouts } };
}

export function s3Client(): S3Client {
  client ??= new S3Client(s3ClientConfig());
  return client;
}
