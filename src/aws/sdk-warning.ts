// The AWS SDK v3 announces, on Node < 22, that its releases after early January 2027 will
// need Node 22 (`process.emitWarning('NodeVersionSupportWarning: ...')` in
// @aws-sdk/core's emitWarningIfUnsupportedVersion, on the first client construction).
// It is addressed to us, not to our users, and would land in the middle of their
// output, so exactly that warning is dropped; every other warning passes through.
// Imported by each client module in src/aws (s3-client, lambda-client, ec2-client) before the SDK loads.

const NODE_VERSION_WARNING = 'NodeVersionSupportWarning';

const emitWarning = process.emitWarning.bind(process);

function isSdkNodeVersionWarning(warning: unknown): boolean {
  const text = typeof warning === 'string' ? warning : warning instanceof Error ? warning.message : '';
  return text.startsWith(`${NODE_VERSION_WARNING}:`);
}

process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  if (isSdkNodeVersionWarning(warning)) return;
  (emitWarning as (w: string | Error, ...r: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;
