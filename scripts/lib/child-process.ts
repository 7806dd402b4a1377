import { spawn } from 'node:child_process';
import { ScriptError } from './errors.js';

export type CommandResult = { code: number; stdout: string; stderr: string };

/**
 * Runs a command to completion, capturing output. No shell, so arguments need no quoting — except on Windows, where
 * `npm` and `npx` are .cmd shims that only a shell can start.
 */
export function runCommand(command: string, args: string[], cwd: string, timeoutMs: number): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(
        new ScriptError(
          'Timeout',
          `\`${command} ${args.join(' ')}\` did not finish within ${Math.round(timeoutMs / 1000)} s.`
        )
      );
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new ScriptError('CommandFailed', `Cannot run \`${command}\`: ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}
