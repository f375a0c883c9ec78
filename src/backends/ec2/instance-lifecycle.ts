// Starting and stopping instances, and waiting for them, with bounded waits.
import { type EC2Client, StartInstancesCommand, StopInstancesCommand, waitUntilInstanceRunning } from '@aws-sdk/client-ec2';
import { toCloudError } from '../../aws/cloud-error.js';
import { CloudError } from '../../core/errors.js';
import { cancelled } from '../cloud-retry.js';

/**
 * Starts the instances; returns those that were no longer stopped when the request
 * arrived (someone else started them after we looked): they are not ours to stop.
 */
export async function startInstances(client: EC2Client, ids: readonly string[]): Promise<string[]> {
  try {
    // Deliberately not abortable: once asked, we must know the request went through so
    // that the instances can be stopped again.
    const answer = await client.send(new StartInstancesCommand({ InstanceIds: [...ids] }));
    return (answer.StartingInstances ?? [])
      .filter((change) => change.InstanceId !== undefined && change.PreviousState?.Name !== undefined && change.PreviousState.Name !== 'stopped')
      .map((change) => change.InstanceId as string);
  } catch (error) {
    throw toCloudError(error, `starting EC2 instances ${ids.join(', ')}`);
  }
}

export async function stopInstances(client: EC2Client, ids: readonly string[]): Promise<void> {
  try {
    await client.send(new StopInstancesCommand({ InstanceIds: [...ids] }));
  } catch (error) {
    throw toCloudError(error, `stopping EC2 instances ${ids.join(', ')}`);
  }
}

export async function waitRunning(
  client: EC2Client,
  ids: readonly string[],
  options: { maxWaitSeconds: number; pollSeconds: number; signal: AbortSignal },
): Promise<void> {
  const minDelay = Math.max(1, Math.min(options.pollSeconds, options.maxWaitSeconds / 2));
  try {
    await waitUntilInstanceRunning(
      {
        client,
        maxWaitTime: Math.max(options.maxWaitSeconds, minDelay + 1),
        minDelay,
        maxDelay: Math.max(minDelay, options.pollSeconds),
        abortSignal: options.signal,
      },
      { InstanceIds: [...ids] },
    );
  } catch (error) {
    if (options.signal.aborted) throw cancelled(options.signal);
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || /timed? ?out|TIMEOUT/i.test(error instanceof Error ? error.message : '')) {
      throw new CloudError(`EC2 instance(s) ${ids.join(', ')} did not reach "running" within ${options.maxWaitSeconds} s`, {
        hint: 'check the instances in the EC2 console (capacity, quotas, a failing status check); ec2.startTimeoutSeconds in config.json sets the wait',
      });
    }
    throw toCloudError(error, `waiting for EC2 instances ${ids.join(', ')} to run`);
  }
}
