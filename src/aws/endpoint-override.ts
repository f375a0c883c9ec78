/** True when the SDK will send this service's requests to an overridden endpoint (an emulator). */
export function hasEndpointOverride(service: 'S3' | 'LAMBDA' | 'EC2', env: NodeJS.ProcessEnv = process.env): boolean {
  const specific = env[`AWS_ENDPOINT_URL_${service}`];
  const general = env.AWS_ENDPOINT_URL;
  return (specific !== undefined && specific !== '') || (general !== undefined && general !== '');
}
