// Starts and kills the real server process (node server/main.ts) for the restart tests.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<string>;
  /** What the process wrote so far, stdout (its log, at LOG_LEVEL) and stderr. */
  output(): string;
}

export async function startServer(port: number, env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(process.execPath, ["server/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: "warn", CLIENT_DIR: path.join(root, "no-client"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let stdout = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<string>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? String(code))));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited at start: ${stderr}`);
    try {
      const response = await fetch(`${url}/api/decks`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, process: child, exited, output: () => stdout + stderr };
}

export async function stopServer(server: RunningServer, signal: NodeJS.Signals): Promise<string> {
  server.process.kill(signal);
  return server.exited;
}
