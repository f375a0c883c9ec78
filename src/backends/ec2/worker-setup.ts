// What `stockrisk deploy ec2` writes beside the worker bundle: the systemd unit that
// runs it, its environment file (token, port), and a user-data script for a new
// Amazon Linux 2023 instance that installs Node.js 22, fetches the bundle from the
// bucket (when one is set) and starts the service.

export const serviceName = 'stockrisk-worker';
export const installDir = '/opt/stockrisk-worker';

export function systemdUnit(): string {
  return `[Unit]
Description=stockrisk EC2 worker (Monte Carlo VaR shards over HTTP)
After=network-online.target
Wants=network-online.target

[Service]
EnvironmentFile=/etc/${serviceName}.env
# Node.js >= 20; Amazon Linux 2023's nodejs22 package names its binary node-22.
ExecStart=/bin/sh -c 'exec "$(command -v node-22 || command -v node)" ${installDir}/server.js'
Restart=always
RestartSec=2
DynamicUser=yes
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes

[Install]
WantedBy=multi-user.target
`;
}

export function environmentFile(token: string, port: number): string {
  return `STOCKRISK_WORKER_TOKEN=${token}\nSTOCKRISK_WORKER_PORT=${port}\nSTOCKRISK_WORKER_HOST=0.0.0.0\n`;
}

/** cloud-init user data; with a bucket it downloads the bundle from s3://bucket/worker/. */
export function userData(options: { token: string; port: number; bucket: string | undefined }): string {
  const fetchBundle =
    options.bucket === undefined
      ? `# No bucket was given: copy server.js, shard-thread.js and package.json into ${installDir} yourself (scp), then:
#   systemctl enable --now ${serviceName}`
      : `aws s3 cp --recursive s3://${options.bucket}/worker/ ${installDir}/`;
  return `#!/bin/bash
# stockrisk worker: user data for Amazon Linux 2023 (written by \`stockrisk deploy ec2\`).
set -euo pipefail
# The worker needs Node.js >= 20: no fallback to the distribution's older default nodejs.
dnf install -y nodejs22
mkdir -p ${installDir}
${fetchBundle}
cat > /etc/${serviceName}.env <<'ENV'
${environmentFile(options.token, options.port).trimEnd()}
ENV
chmod 600 /etc/${serviceName}.env
cat > /etc/systemd/system/${serviceName}.service <<'UNIT'
${systemdUnit().trimEnd()}
UNIT
systemctl daemon-reload
${options.bucket === undefined ? '' : `systemctl enable --now ${serviceName}\n`}`;
}
