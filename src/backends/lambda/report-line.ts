// Lambda's log tail (LogType: 'Tail', base64, last 4 KB) ends with the platform's
// REPORT line, e.g.
//   REPORT RequestId: ... Duration: 812.31 ms Billed Duration: 813 ms Memory Size: 1769 MB Max Memory Used: 60 MB
// Billed duration and memory size feed the cost of the run.

export interface LambdaReport {
  readonly billedMs: number;
  readonly memoryMb: number | undefined;
}

export function parseReportLine(logResultBase64: string | undefined): LambdaReport | undefined {
  if (logResultBase64 === undefined || logResultBase64 === '') return undefined;
  const text = Buffer.from(logResultBase64, 'base64').toString('utf8');
  const report = text
    .split('\n')
    .reverse()
    .find((line) => line.startsWith('REPORT '));
  if (report === undefined) return undefined;
  const billed = /Billed Duration:\s*(\d+)\s*ms/.exec(report);
  if (billed === null) return undefined;
  const memory = /Memory Size:\s*(\d+)\s*MB/.exec(report);
  return { billedMs: Number(billed[1]), memoryMb: memory === null ? undefined : Number(memory[1]) };
}
