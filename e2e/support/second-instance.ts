import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { projectEnv, ROOT } from "../../scripts/embedded-pg.mjs";
import { E2E_DATABASE_URL } from "./db";

/**
 * A second app instance on the same database as the one under test (the
 * production build that the first one built), as a scaled-out installation
 * runs it. Started with the same server script `npm start` uses.
 */
export interface Instance {
  baseURL: string;
  stop(): Promise<void>;
}

export async function startSecondInstance(port: number, extraEnv: Record<string, string> = {}): Promise<Instance> {
  const baseURL = `http://localhost:${port}`;
  const env = projectEnv({
    DATABASE_URL: E2E_DATABASE_URL,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    NODE_ENV: "production",
    NEXTAUTH_URL: baseURL,
    OUTBOX_WORKER: "off",
    ...extraEnv,
  });
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "scripts/server.mjs")], { env, cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += String(d)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`second instance exited: ${stderr}`);
    try {
      const r = await fetch(`${baseURL}/login`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`second instance did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseURL,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}
