// Spawns a child that dies with this process, also when this process is SIGKILLed and cannot
// clean up. Node has no PR_SET_PDEATHSIG, so: util-linux `setpriv --pdeathsig KILL` where it
// works (it sets the flag and execs the program, so the child's PID is the program's own), else a
// tiny Node supervisor that kills the program once its stdin pipe from us closes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

let setprivWorks: boolean | undefined;

/** Whether `setpriv --pdeathsig` runs here (Linux with util-linux); probed once. */
export function canUseSetpriv(): boolean {
  if (setprivWorks === undefined) {
    if (process.platform !== 'linux') setprivWorks = false;
    else {
      const r = spawnSync('setpriv', ['--pdeathsig', 'KILL', '--', 'true'], { stdio: 'ignore' });
      setprivWorks = r.status === 0;
    }
  }
  return setprivWorks;
}

// The fallback supervisor: forwards SIGTERM/SIGINT, exits with the program, and SIGKILLs it as
// soon as the parent's end of stdin closes (the parent died, however it died).
const SUPERVISOR = `
const { spawn } = require('node:child_process');
const [cmd, ...args] = process.argv.slice(1);
const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const kill = () => { try { child.kill('SIGKILL'); } catch {} };
process.stdin.on('close', () => { kill(); process.exit(1); });
process.stdin.on('end', () => { kill(); process.exit(1); });
process.stdin.resume();
for (const s of ['SIGTERM', 'SIGINT']) process.on(s, () => child.kill(s));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
child.on('error', (e) => { console.error(e.message); process.exit(127); });
`;

export type TiedMode = 'setpriv' | 'supervisor';

export function spawnTiedToParent(
  cmd: string,
  args: string[],
  mode: TiedMode = canUseSetpriv() ? 'setpriv' : 'supervisor',
): ChildProcess {
  if (mode === 'setpriv') {
    return spawn('setpriv', ['--pdeathsig', 'KILL', '--', cmd, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
  const child = spawn(process.execPath, ['-e', SUPERVISOR, cmd, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // Our end of the pipe stays open for as long as we live; nothing is ever written to it.
  child.stdin?.on('error', () => undefined);
  // A SIGKILL would stop the supervisor and leave the program running: close the pipe instead,
  // which makes the supervisor SIGKILL the program and exit.
  const signal = child.kill.bind(child);
  child.kill = (sig?: NodeJS.Signals | number) => {
    if (sig !== 'SIGKILL' && sig !== 9) return signal(sig);
    child.stdin?.destroy();
    return true;
  };
  return child;
}
