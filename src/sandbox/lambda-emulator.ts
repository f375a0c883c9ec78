// A Lambda API on loopback, enough for our client and `stockrisk deploy lambda`:
// Invoke (RequestResponse, LogType Tail with a REPORT line), Get/CreateFunction,
// GetFunctionConfiguration, UpdateFunctionCode/Configuration. Functions run the
// uploaded zip's handler in warm worker threads, as Lambda keeps warm containers.
// Fault knobs (for tests and demos): the next N invocations fail with a function error,
// the next N are throttled (429), the next N are slow.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { closeServer, listenLoopback, readBody, sendJson } from './http-util.js';
import { readZip } from './unzip.js';

export interface LambdaFaults {
  /** The next N invocations crash (FunctionError: Unhandled). */
  failNext: number;
  /** The next N invocations are throttled (429 TooManyRequestsException). */
  throttleNext: number;
  /** The next N invocations take `slowMs` longer. */
  slowNext: number;
  slowMs: number;
}

interface FunctionConfig {
  FunctionName: string;
  FunctionArn: string;
  Runtime: string;
  Role: string;
  Handler: string;
  MemorySize: number;
  Timeout: number;
  Architectures: string[];
  CodeSha256: string;
  CodeSize: number;
  Version: string;
  State: string;
  LastUpdateStatus: string;
  PackageType: string;
  LastModified: string;
}

interface DeployedFunction {
  config: FunctionConfig;
  dir: string;
  idle: Worker[];
}

const runtimeSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const loaded = import(pathToFileURL(workerData.file).href);
parentPort.on('message', async ({ id, event }) => {
  const started = performance.now();
  try {
    const module = await loaded;
    const value = await module[workerData.exportName](event);
    parentPort.postMessage({ id, ok: true, value, ms: performance.now() - started });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, errorType: error?.name ?? 'Error', errorMessage: String(error?.message ?? error), ms: performance.now() - started });
  }
});`;

export interface LambdaEmulator {
  readonly endpoint: string;
  readonly faults: LambdaFaults;
  /** Invocations that reached a function, including failed ones. */
  readonly invocations: () => number;
  deploy(name: string, zip: Uint8Array, options?: { memoryMb?: number; timeoutSeconds?: number; architecture?: string }): void;
  close(): Promise<void>;
}

export async function startLambdaEmulator(): Promise<LambdaEmulator> {
  const functions = new Map<string, DeployedFunction>();
  const faults: LambdaFaults = { failNext: 0, throttleNext: 0, slowNext: 0, slowMs: 0 };
  let invocations = 0;
  const root = mkdtempSync(join(tmpdir(), 'stockrisk-lambda-'));

  const install = (config: FunctionConfig, zip: Uint8Array, previous?: DeployedFunction): DeployedFunction => {
    const files = readZip(zip);
    const dir = mkdtempSync(join(root, `${config.FunctionName}-`));
    for (const [name, data] of files) writeFileSync(join(dir, name), data);
    for (const worker of previous?.idle ?? []) void worker.terminate();
    const deployed = { config: { ...config, CodeSize: zip.length, CodeSha256: sha(zip) }, dir, idle: [] };
    functions.set(config.FunctionName, deployed);
    return deployed;
  };

  const run = (fn: DeployedFunction, event: unknown): Promise<{ ok: boolean; value?: unknown; errorType?: string; errorMessage?: string; ms: number }> => {
    const [moduleName = 'index', exportName = 'handler'] = fn.config.Handler.split('.');
    const file = [`${moduleName}.mjs`, `${moduleName}.js`].map((f) => join(fn.dir, f)).find((f) => existsSync(f));
    if (file === undefined)
      return Promise.resolve({ ok: false, errorType: 'Runtime.ImportModuleError', errorMessage: `no ${moduleName}.mjs in the package`, ms: 1 });
    const worker = fn.idle.pop() ?? new Worker(runtimeSource, { eval: true, workerData: { file, exportName } });
    const id = randomUUID();
    return new Promise((resolve) => {
      const onMessage = (message: { id: string; ok: boolean; ms: number }) => {
        if (message.id !== id) return;
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        if (functions.get(fn.config.FunctionName) === fn) fn.idle.push(worker);
        else void worker.terminate();
        resolve(message);
      };
      const onExit = () => resolve({ ok: false, errorType: 'Runtime.ExitError', errorMessage: 'the runtime exited', ms: 1 });
      worker.on('message', onMessage);
      worker.once('exit', onExit);
      worker.postMessage({ id, event });
    });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const parts = url.pathname
      .split('/')
      .filter((p) => p !== '')
      .map(decodeURIComponent);
    const body = await readBody(request);
    if (parts[0] === '_sandbox' && parts[1] === 'faults') {
      if (request.method === 'POST') Object.assign(faults, JSON.parse(body.toString('utf8') || '{}'));
      return sendJson(response, 200, faults);
    }
    if (parts[0] !== '2015-03-31' || parts[1] !== 'functions') return error(response, 404, 'UnknownOperationException', `no route ${url.pathname}`);
    const name = parts[2] === undefined ? undefined : functionName(parts[2]);
    const action = parts[3];
    if (name === undefined && request.method === 'POST') {
      const input = JSON.parse(body.toString('utf8')) as Record<string, unknown> & { Code?: { ZipFile?: string } };
      const fnName = String(input.FunctionName);
      if (functions.has(fnName)) return error(response, 409, 'ResourceConflictException', `Function already exist: ${fnName}`);
      if (input.Code?.ZipFile === undefined) return error(response, 400, 'InvalidParameterValueException', 'Code.ZipFile is required');
      const deployed = install(newConfig(fnName, input), Buffer.from(input.Code.ZipFile, 'base64'));
      return sendJson(response, 201, deployed.config);
    }
    const fn = name === undefined ? undefined : functions.get(name);
    if (fn === undefined) return error(response, 404, 'ResourceNotFoundException', `Function not found: ${name ?? ''}`);
    if (action === undefined && request.method === 'GET') {
      return sendJson(response, 200, { Configuration: fn.config, Code: { RepositoryType: 'S3', Location: `file://${fn.dir}` } });
    }
    if (action === 'configuration' && request.method === 'GET') return sendJson(response, 200, fn.config);
    if (action === 'configuration' && request.method === 'PUT') {
      Object.assign(fn.config, pick(JSON.parse(body.toString('utf8')) as Record<string, unknown>, ['MemorySize', 'Timeout', 'Role', 'Handler', 'Runtime']));
      fn.config.LastModified = new Date().toISOString();
      return sendJson(response, 200, fn.config);
    }
    if (action === 'code' && request.method === 'PUT') {
      const input = JSON.parse(body.toString('utf8')) as { ZipFile?: string; Architectures?: string[] };
      if (input.ZipFile === undefined) return error(response, 400, 'InvalidParameterValueException', 'ZipFile is required');
      const config = {
        ...fn.config,
        ...(input.Architectures === undefined ? {} : { Architectures: input.Architectures }),
        LastModified: new Date().toISOString(),
      };
      return sendJson(response, 200, install(config, Buffer.from(input.ZipFile, 'base64'), fn).config);
    }
    if (action === 'invocations' && request.method === 'POST') {
      if (faults.throttleNext > 0) {
        faults.throttleNext--;
        return sendJson(
          response,
          429,
          { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', Type: 'User', message: 'Rate Exceeded.' },
          {
            'x-amzn-errortype': 'TooManyRequestsException',
          },
        );
      }
      if (faults.slowNext > 0) {
        faults.slowNext--;
        await new Promise((resolve) => setTimeout(resolve, faults.slowMs));
      }
      invocations++;
      const requestId = randomUUID();
      const crash = faults.failNext > 0;
      if (crash) faults.failNext--;
      const outcome = crash
        ? {
            ok: false,
            errorType: 'Runtime.ExitError',
            errorMessage: 'RequestId: ' + requestId + ' Error: Runtime exited with error: signal: killed (sandbox fault)',
            ms: 5,
          }
        : await run(fn, JSON.parse(body.toString('utf8') || 'null'));
      const headers: Record<string, string> = { 'x-amz-executed-version': '$LATEST' };
      if (request.headers['x-amz-log-type'] === 'Tail') headers['x-amz-log-result'] = logTail(requestId, outcome.ms, fn.config.MemorySize);
      if (!outcome.ok) {
        headers['x-amz-function-error'] = 'Unhandled';
        return sendJson(response, 200, { errorType: outcome.errorType, errorMessage: outcome.errorMessage }, headers);
      }
      return sendJson(response, 200, outcome.value ?? null, headers);
    }
    return error(response, 404, 'UnknownOperationException', `no route ${request.method} ${url.pathname}`);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((cause: unknown) => error(response, 500, 'ServiceException', String(cause)));
  });
  const port = await listenLoopback(server);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    faults,
    invocations: () => invocations,
    deploy(name, zip, options = {}) {
      install(
        newConfig(name, {
          Role: 'arn:aws:iam::000000000000:role/stockrisk-sandbox',
          Handler: 'index.handler',
          Runtime: 'nodejs22.x',
          MemorySize: options.memoryMb ?? 1769,
          Timeout: options.timeoutSeconds ?? 60,
          Architectures: [options.architecture ?? 'arm64'],
        }),
        zip,
      );
    },
    async close() {
      await closeServer(server);
      await Promise.all([...functions.values()].flatMap((fn) => fn.idle.map((worker) => worker.terminate())));
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function newConfig(name: string, input: Record<string, unknown>): FunctionConfig {
  return {
    FunctionName: name,
    FunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    Runtime: String(input.Runtime ?? 'nodejs22.x'),
    Role: String(input.Role ?? ''),
    Handler: String(input.Handler ?? 'index.handler'),
    MemorySize: Number(input.MemorySize ?? 128),
    Timeout: Number(input.Timeout ?? 3),
    Architectures: Array.isArray(input.Architectures) ? (input.Architectures as string[]) : ['x86_64'],
    CodeSha256: '',
    CodeSize: 0,
    Version: '$LATEST',
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    LastModified: new Date().toISOString(),
  };
}

/** A function name, or the name inside an ARN. */
function functionName(nameOrArn: string): string {
  const match = /^arn:aws:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(nameOrArn);
  return match?.[1] ?? nameOrArn;
}

function logTail(requestId: string, ms: number, memoryMb: number): string {
  const lines = [
    `START RequestId: ${requestId} Version: $LATEST`,
    `END RequestId: ${requestId}`,
    `REPORT RequestId: ${requestId}\tDuration: ${ms.toFixed(2)} ms\tBilled Duration: ${Math.max(1, Math.ceil(ms))} ms\tMemory Size: ${memoryMb} MB\tMax Memory Used: 64 MB\t`,
  ];
  return Buffer.from(`${lines.join('\n')}\n`).toString('base64');
}

function error(response: ServerResponse, status: number, type: string, message: string): void {
  sendJson(response, status, { Type: 'User', message }, { 'x-amzn-errortype': type });
}

function pick(input: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => input[key] !== undefined).map((key) => [key, input[key]]));
}

/** Lambda reports CodeSha256 as the base64 SHA-256 of the zip. */
function sha(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('base64');
}
