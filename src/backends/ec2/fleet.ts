// Which instances a run uses: those named by --instance-ids, else every instance tagged
// stockrisk=worker (optionally only of --instance-type), and where their workers listen.
import { DescribeInstancesCommand, type EC2Client, type Instance } from '@aws-sdk/client-ec2';
import { toCloudError } from '../../aws/cloud-error.js';
import { NotFoundError } from '../../core/errors.js';
import type { WorkerAddressKind } from './ec2-config.js';

export const workerTag = { key: 'stockrisk', value: 'worker' } as const;
/** Per-instance worker port (the sandbox sets it; real deployments may use it too). */
export const portTag = 'stockrisk:port';

export interface WorkerInstance {
  readonly id: string;
  /** pending | running | stopping | stopped | shutting-down | terminated */
  readonly state: string;
  readonly instanceType: string;
  readonly vcpus: number;
  /** Where its worker listens (`http://host:port`), once it has an address. */
  readonly url: string | undefined;
}

export interface FleetQuery {
  readonly instanceIds?: readonly string[];
  readonly instanceType?: string;
}

export async function describeFleet(
  client: EC2Client,
  query: FleetQuery,
  worker: { port: number; address: WorkerAddressKind },
  signal?: AbortSignal,
): Promise<WorkerInstance[]> {
  const filters = [{ Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] }];
  if (query.instanceType !== undefined) filters.push({ Name: 'instance-type', Values: [query.instanceType] });
  const byId = query.instanceIds !== undefined && query.instanceIds.length > 0;
  if (!byId) filters.push({ Name: `tag:${workerTag.key}`, Values: [workerTag.value] });
  const instances: WorkerInstance[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await client.send(
        new DescribeInstancesCommand({
          ...(byId ? { InstanceIds: [...(query.instanceIds ?? [])] } : {}),
          Filters: filters,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
        signal === undefined ? {} : { abortSignal: signal },
      );
      for (const reservation of page.Reservations ?? []) {
        for (const instance of reservation.Instances ?? []) instances.push(toWorkerInstance(instance, worker));
      }
      token = page.NextToken;
    } while (token !== undefined && token !== '');
  } catch (error) {
    if (error instanceof Error && error.name === 'InvalidInstanceID.NotFound') {
      throw new NotFoundError(`EC2 instance not found: ${error.message}`, { hint: 'check --instance-ids and AWS_REGION' });
    }
    throw toCloudError(error, 'listing EC2 worker instances');
  }
  if (instances.length === 0) {
    const what = byId
      ? `none of the EC2 instances ${query.instanceIds?.join(', ')} is usable`
      : `no EC2 instance is tagged ${workerTag.key}=${workerTag.value}`;
    throw new NotFoundError(`${what}${query.instanceType === undefined ? '' : ` with type ${query.instanceType}`}`, {
      hint: 'set one up as docs/aws.md describes (stockrisk deploy ec2), or pass --instance-ids',
    });
  }
  return instances.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function toWorkerInstance(instance: Instance, worker: { port: number; address: WorkerAddressKind }): WorkerInstance {
  const tags = new Map((instance.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
  const taggedPort = Number(tags.get(portTag));
  const port = Number.isInteger(taggedPort) && taggedPort > 0 ? taggedPort : worker.port;
  const host = worker.address === 'public-ip' ? instance.PublicIpAddress : worker.address === 'public-dns' ? instance.PublicDnsName : instance.PrivateIpAddress;
  const cores = instance.CpuOptions?.CoreCount;
  const threads = instance.CpuOptions?.ThreadsPerCore ?? 1;
  return {
    id: instance.InstanceId ?? '?',
    state: instance.State?.Name ?? 'unknown',
    instanceType: instance.InstanceType ?? 'unknown',
    vcpus: cores === undefined ? 2 : cores * threads,
    url: host === undefined || host === '' ? undefined : `http://${host}:${port}`,
  };
}
