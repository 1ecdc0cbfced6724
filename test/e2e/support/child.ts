// Waiting on a child process (a whole hub started by the real launcher) by what it prints, not
// by polling on a timer: resolves with the first match of `re` in its output (stdout and stderr,
// as printed so far and from now on); rejects with the output if the process exits first. The
// test's own timeout bounds the wait.
import type { ChildProcess } from 'node:child_process';

export function printed(proc: ChildProcess, re: RegExp, output: () => string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = re.exec(output());
      if (!m) return false;
      proc.stdout?.off('data', onData);
      proc.stderr?.off('data', onData);
      proc.off('exit', onExit);
      resolve(m);
      return true;
    };
    // Listeners added after the caller's own (which append to the output first).
    const onData = () => void check();
    const onExit = (code: number | null) => {
      if (!check()) reject(new Error(`the process exited (${code}) before printing ${re}:\n${output()}`));
    };
    if (check()) return;
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', onExit);
  });
}
