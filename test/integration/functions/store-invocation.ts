import { randomUUID } from 'node:crypto';
import { InvocationContext } from '@azure/functions';

/** An invocation context outside the host (test mode) that records every log line it is given. */
export function recordingContext(functionName: string): { context: InvocationContext; lines: string[] } {
  const lines: string[] = [];
  const context = new InvocationContext({
    invocationId: randomUUID(),
    functionName,
    logHandler: (level, ...args) => lines.push(`${level} ${args.map(String).join(' ')}`),
  });
  return { context, lines };
}
