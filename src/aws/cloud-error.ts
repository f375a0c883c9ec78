// AWS SDK failures turned into one-line CloudErrors that say what we were doing and,
// where we can tell, what the user can do about it.
import { CancelledError, CloudError, StockriskError } from '../core/errors.js';

export function toCloudError(error: unknown, doing: string): StockriskError {
  if (error instanceof StockriskError) return error;
  const name = error instanceof Error ? error.name : 'Error';
  if (name === 'AbortError') return new CancelledError(`${doing}: cancelled`, { cause: error });
  const message = describe(error);
  return new CloudError(`${doing}: ${message}`, { hint: hintFor(error, message), cause: error });
}

/** The HTTP status of an SDK error, when it got that far. */
export function httpStatusOf(error: unknown): number | undefined {
  const metadata = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata;
  return metadata?.httpStatusCode;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: string }).code;
  const message = error.message === '' ? error.name : error.message;
  if (code !== undefined && !message.includes(code)) return `${message} (${code})`;
  return error.name !== 'Error' && !message.startsWith(error.name) ? `${error.name}: ${message}` : message;
}

function hintFor(error: unknown, message: string): string | undefined {
  const name = error instanceof Error ? error.name : '';
  if (name === 'CredentialsProviderError' || /credential/i.test(message)) {
    return 'set AWS credentials (AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), or run `npm run sandbox` and paste its exports';
  }
  if (/region is missing/i.test(message)) return 'set AWS_REGION (e.g. export AWS_REGION=us-east-1)';
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket hang up|ECONNRESET/i.test(message)) {
    return 'check the network and AWS_ENDPOINT_URL_* (is `npm run sandbox` still running?)';
  }
  if (name === 'AccessDenied' || name === 'AccessDeniedException' || name === 'UnauthorizedOperation') {
    return 'the AWS identity lacks a permission: see docs/aws.md for the IAM policy';
  }
  return undefined;
}
