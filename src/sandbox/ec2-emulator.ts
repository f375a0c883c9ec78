// An EC2 Query API on loopback: DescribeInstances, StartInstances, StopInstances over a
// few pretend instances. Starting one spawns our real EC2 worker bundle as a process on
// a loopback port; the instance reports 127.0.0.1 as its private address and the port in
// its `stockrisk:port` tag. A small proxy sits in front of each worker so faults can be
// injected where a real network fails: a worker that dies while computing.
// Fault knobs: started instances never reach "running"; the next N shard requests kill
// the worker that receives them.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { closeServer, listenLoopback, readBody, sendJson } from './http-util.js';

export interface Ec2Faults {
  /** Instances started from now on stay "pending" forever. */
  neverRunning: boolean;
  /** The next N POST /shards requests kill the worker that receives them. */
  killWorkerOnNextShards: number;
}

export interface Ec2InstanceSpec {
  readonly id: string;
  readonly instanceType: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Start already running (as if someone else had started it). */
  readonly running?: boolean;
}

interface Instance {
  readonly spec: Ec2InstanceSpec;
  state: 'pending' | 'running' | 'stopping' | 'stopped';
  worker: ChildProcess | undefined;
  proxy: Server | undefined;
  proxyPort: number | undefined;
  /** State transitions with times, for tests and the sandbox log. */
  readonly history: string[];
}

const stateCodes = { pending: 0, running: 16, stopping: 64, stopped: 80 } as const;

export interface Ec2Emulator {
  readonly endpoint: string;
  readonly faults: Ec2Faults;
  state(id: string): string | undefined;
  history(id: string): readonly string[];
  close(): Promise<void>;
}

export async function startEc2Emulator(options: {
  instances: readonly Ec2InstanceSpec[];
  workerDir: string;
  token: string;
  log?: (line: string) => void;
}): Promise<Ec2Emulator> {
  const log = options.log ?? (() => {});
  const faults: Ec2Faults = { neverRunning: false, killWorkerOnNextShards: 0 };
  const instances = new Map<string, Instance>(
    options.instances.map((spec) => [spec.id, { spec, state: 'stopped', worker: undefined, proxy: undefined, proxyPort: undefined, history: ['stopped'] }]),
  );
  const setState = (instance: Instance, state: Instance['state']): void => {
    instance.state = state;
    instance.history.push(state);
    log(`ec2 sandbox: ${instance.spec.id} ${state}`);
  };

  /** Resolves once the instance runs with its worker listening (never, with the fault on). */
  const boot = (instance: Instance): Promise<void> => {
    setState(instance, 'pending');
    if (faults.neverRunning) return Promise.resolve();
    let ready: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      ready = resolve;
    });
    const child = spawn(process.execPath, [join(options.workerDir, 'server.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        STOCKRISK_WORKER_TOKEN: options.token,
        STOCKRISK_WORKER_PORT: '0',
        STOCKRISK_WORKER_HOST: '127.0.0.1',
        STOCKRISK_WORKER_THREADS: '1',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    instance.worker = child;
    let announced = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      announced += chunk.toString('utf8');
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(announced);
      if (match === null || instance.proxy !== undefined || instance.worker !== child) return;
      void startProxy(instance, Number(match[1]), child).then(() => {
        if (instance.state === 'pending' && instance.worker === child) setState(instance, 'running');
        ready();
      });
    });
    child.on('exit', () => {
      ready();
      if (instance.worker !== child) return;
      instance.worker = undefined;
      if (instance.state === 'stopping') finishStop(instance);
    });
    return running;
  };

  const startProxy = async (instance: Instance, workerPort: number, child: ChildProcess): Promise<void> => {
    const proxy = createServer((request, response) => forward(request, response, workerPort, child));
    instance.proxy = proxy;
    instance.proxyPort = await listenLoopback(proxy);
  };

  const forward = (request: IncomingMessage, response: ServerResponse, workerPort: number, child: ChildProcess): void => {
    if (request.method === 'POST' && request.url === '/shards' && faults.killWorkerOnNextShards > 0) {
      faults.killWorkerOnNextShards--;
      log(`ec2 sandbox: fault: killing the worker (pid ${child.pid}) as it receives a shard`);
      child.kill('SIGKILL');
      request.socket.destroy();
      return;
    }
    const upstream = httpRequest({ host: '127.0.0.1', port: workerPort, method: request.method, path: request.url, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => request.socket.destroy());
    request.pipe(upstream);
  };

  const finishStop = (instance: Instance): void => {
    const proxy = instance.proxy;
    instance.proxy = undefined;
    instance.proxyPort = undefined;
    if (proxy !== undefined) void closeServer(proxy);
    setState(instance, 'stopped');
  };

  /** Resolves once the instance is stopped (its worker has exited). */
  const halt = (instance: Instance): Promise<void> => {
    setState(instance, 'stopping');
    const worker = instance.worker;
    if (worker === undefined) {
      finishStop(instance);
      return Promise.resolve();
    }
    // Listed after boot's exit listener, which marks the instance stopped.
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.kill('SIGTERM');
    return exited;
  };

  await Promise.all([...instances.values()].filter((instance) => instance.spec.running === true).map(boot));

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const body = (await readBody(request)).toString('utf8');
    if (url.pathname === '/_sandbox/faults') {
      if (request.method === 'POST') Object.assign(faults, JSON.parse(body || '{}'));
      return sendJson(response, 200, faults);
    }
    const params = new URLSearchParams(body);
    const action = params.get('Action');
    const ids = listParam(params, 'InstanceId');
    const unknown = ids.find((id) => !instances.has(id));
    if (unknown !== undefined) return xmlError(response, 'InvalidInstanceID.NotFound', `The instance ID '${unknown}' does not exist`);
    const chosen = (ids.length > 0 ? ids : [...instances.keys()]).map((id) => instances.get(id) as Instance);
    if (action === 'DescribeInstances') {
      const matching = chosen.filter((instance) => matchesFilters(instance, filters(params)));
      const items = matching.map(describeItem).join('');
      return xml(
        response,
        'DescribeInstancesResponse',
        `<reservationSet>${matching.length === 0 ? '' : `<item><reservationId>r-sandbox</reservationId><ownerId>000000000000</ownerId><instancesSet>${items}</instancesSet></item>`}</reservationSet>`,
      );
    }
    if (action === 'StartInstances' || action === 'StopInstances') {
      // Like EC2 the answer says "pending" / "stopping"; unlike EC2 it comes once the worker
      // listens / has exited (a second or so at most), so clients see "running" on their
      // first poll, and an instance is "stopped" once a client's StopInstances returned.
      const settling: Promise<void>[] = [];
      const changes = chosen.map((instance) => {
        const previous = instance.state;
        if (action === 'StartInstances' && previous === 'stopped') settling.push(boot(instance));
        if (action === 'StopInstances' && (previous === 'running' || previous === 'pending')) settling.push(halt(instance));
        return `<item><instanceId>${instance.spec.id}</instanceId>${stateXml('currentState', instance.state)}${stateXml('previousState', previous)}</item>`;
      });
      await Promise.race([Promise.all(settling), new Promise((resolve) => setTimeout(resolve, 3000))]);
      return xml(response, `${action}Response`, `<instancesSet>${changes.join('')}</instancesSet>`);
    }
    return xmlError(response, 'InvalidAction', `The action ${action ?? '(none)'} is not valid for this web service.`);
  };

  const describeItem = (instance: Instance): string => {
    const tags = { ...instance.spec.tags, ...(instance.proxyPort === undefined ? {} : { 'stockrisk:port': String(instance.proxyPort) }) };
    const tagXml = Object.entries(tags)
      .map(([key, value]) => `<item><key>${escapeXml(key)}</key><value>${escapeXml(value)}</value></item>`)
      .join('');
    return (
      `<item><instanceId>${instance.spec.id}</instanceId><instanceType>${instance.spec.instanceType}</instanceType>` +
      stateXml('instanceState', instance.state) +
      (instance.state === 'running' ? '<privateIpAddress>127.0.0.1</privateIpAddress>' : '') +
      `<cpuOptions><coreCount>1</coreCount><threadsPerCore>1</threadsPerCore></cpuOptions><tagSet>${tagXml}</tagSet></item>`
    );
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((cause: unknown) => xmlError(response, 'InternalError', String(cause), 500));
  });
  const port = await listenLoopback(server);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    faults,
    state: (id) => instances.get(id)?.state,
    history: (id) => instances.get(id)?.history ?? [],
    async close() {
      await closeServer(server);
      await Promise.all(
        [...instances.values()].map(async (instance) => {
          if (instance.proxy !== undefined) await closeServer(instance.proxy);
          const worker = instance.worker;
          if (worker !== undefined && worker.exitCode === null) {
            await new Promise<void>((resolve) => {
              worker.once('exit', () => resolve());
              worker.kill('SIGKILL');
            });
          }
        }),
      );
    },
  };
}

function listParam(params: URLSearchParams, name: string): string[] {
  const values: string[] = [];
  for (let i = 1; params.has(`${name}.${i}`); i++) values.push(params.get(`${name}.${i}`) as string);
  return values;
}

function filters(params: URLSearchParams): { name: string; values: string[] }[] {
  const result: { name: string; values: string[] }[] = [];
  for (let i = 1; params.has(`Filter.${i}.Name`); i++) {
    result.push({ name: params.get(`Filter.${i}.Name`) as string, values: listParam(params, `Filter.${i}.Value`) });
  }
  return result;
}

function matchesFilters(instance: Instance, list: readonly { name: string; values: string[] }[]): boolean {
  return list.every(({ name, values }) => {
    if (name === 'instance-state-name') return values.includes(instance.state);
    if (name === 'instance-type') return values.includes(instance.spec.instanceType);
    if (name === 'tag-key') return values.some((key) => key in instance.spec.tags);
    if (name.startsWith('tag:')) {
      const value = instance.spec.tags[name.slice(4)];
      return value !== undefined && values.includes(value);
    }
    return true;
  });
}

function stateXml(element: string, state: keyof typeof stateCodes): string {
  return `<${element}><code>${stateCodes[state]}</code><name>${state}</name></${element}>`;
}

function xml(response: ServerResponse, root: string, inner: string): void {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>sandbox</requestId>${inner}</${root}>`;
  response.writeHead(200, { 'content-type': 'text/xml;charset=UTF-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function xmlError(response: ServerResponse, code: string, message: string, status = 400): void {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>sandbox</RequestID></Response>`;
  response.writeHead(status, { 'content-type': 'text/xml;charset=UTF-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
