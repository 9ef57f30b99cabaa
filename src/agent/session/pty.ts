// A shell in a pseudo-terminal without native modules: a small python3 bridge forks the shell on a
// pty, copies stdin to it and its output to stdout, and reads "rows cols" lines on fd 3 to resize.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Writable } from 'node:stream';

const BRIDGE = String.raw`
import os, pty, sys, select, struct, fcntl, termios, signal
rows, cols, argv = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
def resize(r, c):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', r, c, 0, 0))
def write_all(target, data):
    while data:
        n = os.write(target, data)
        data = data[n:]
resize(rows, cols)
watched, pending = [0, 3, fd], b''
while True:
    try:
        ready = select.select(watched, [], [])[0]
    except InterruptedError:
        continue
    if fd in ready:
        try:
            data = os.read(fd, 65536)
        except OSError:
            data = b''
        if not data:
            break
        write_all(1, data)
    if 0 in ready:
        data = os.read(0, 65536)
        if not data:
            os.kill(pid, signal.SIGHUP)
            watched.remove(0)
        else:
            write_all(fd, data)
    if 3 in ready:
        data = os.read(3, 4096)
        if not data:
            watched.remove(3)
        pending += data
        while b'\n' in pending:
            line, pending = pending.split(b'\n', 1)
            parts = line.split()
            if len(parts) == 2:
                resize(int(parts[0]), int(parts[1]))
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status) & 0xff if hasattr(os, 'waitstatus_to_exitcode') else 0)
`;

export interface Pty {
  child: ChildProcess;
  write(data: Buffer): void;
  resize(cols: number, rows: number): void;
  kill(): void;
}

export function defaultShell(): string {
  return ['/bin/bash', '/bin/sh'].find((s) => existsSync(s)) ?? '/bin/sh';
}

/** A login-less interactive shell, or argv (an interactive command) when given. */
export function openPty(opts: { argv?: string[]; cwd: string; cols?: number; rows?: number; env?: NodeJS.ProcessEnv }): Pty {
  const argv = opts.argv ?? [defaultShell(), '-i'];
  const child = spawn('python3', ['-c', BRIDGE, String(opts.rows ?? 24), String(opts.cols ?? 80), ...argv], {
    cwd: opts.cwd, stdio: ['pipe', 'pipe', 'ignore', 'pipe'], env: { ...process.env, TERM: 'xterm-256color', ...opts.env },
  });
  const control = child.stdio[3] as Writable;
  child.stdin!.on('error', () => {});
  control.on('error', () => {});
  return {
    child,
    write: (data) => void child.stdin!.write(data),
    resize: (cols, rows) => {
      if (cols > 0 && rows > 0 && cols < 10_000 && rows < 10_000) control.write(`${Math.floor(rows)} ${Math.floor(cols)}\n`);
    },
    kill: () => void child.kill('SIGTERM'),
  };
}
