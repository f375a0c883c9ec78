// The Lambda deployment package: lambda/handler bundled by esbuild into one ESM file,
// index.mjs (handler `index.handler`), zipped. `deploy lambda` uploads it; the sandbox
// runs exactly the same bundle.
import { createHash } from 'node:crypto';
import { builtFile } from '../built-file.js';
import { createZip } from './zip.js';

export const lambdaHandlerName = 'index.handler';
export const lambdaRuntime = 'nodejs22.x';

export interface LambdaBundle {
  /** The bundled handler module (index.mjs). */
  readonly code: string;
  readonly zip: Uint8Array;
  /** Base64 SHA-256 of the zip, as Lambda reports it in CodeSha256. */
  readonly sha256: string;
}

export async function buildLambdaBundle(): Promise<LambdaBundle> {
  const entry = builtFile('lambda', 'handler.js');
  const { build } = await import('esbuild');
  const output = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile: 'index.mjs',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const file = output.outputFiles[0];
  if (file === undefined) throw new Error('esbuild produced no output for the Lambda handler');
  const zip = createZip([{ name: 'index.mjs', data: file.contents }]);
  return { code: file.text, zip, sha256: createHash('sha256').update(zip).digest('base64') };
}
