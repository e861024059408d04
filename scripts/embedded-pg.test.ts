import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

// Issue 12: two checkouts whose data folders mapped to the same derived port —
// the second `npm start` died with "could not bind … Address already in use".
// The launcher now takes the next free port and remembers it beside the data.

const script = path.resolve(__dirname, "embedded-pg.mjs");
const portOf = (dataDir: string): number => {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.EMBEDDED_PG_PORT;
  const r = spawnSync(process.execPath, ["-e", `import(${JSON.stringify(script)}).then((m) => console.log(m.PG_PORT))`], { env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout.trim());
};
const listen = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const s = createServer().once("error", reject);
    s.listen(port, "127.0.0.1", () => resolve(s));
  });

const dirs: string[] = [];
const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("the private PostgreSQL's port", () => {
  it("is the folder's derived port when free, and is remembered", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pgport-"));
    dirs.push(dir);
    const port = portOf(dir);
    expect(port).toBeGreaterThanOrEqual(54329);
    expect(Number(readFileSync(path.join(dir, "pg-port"), "utf8"))).toBe(port);
    expect(portOf(dir)).toBe(port);
  });

  it("moves to a free port when the derived one is taken, and keeps it after it frees up", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pgport-"));
    dirs.push(dir);
    const derived = portOf(dir);
    rmSync(path.join(dir, "pg-port"));
    const holder = await listen(derived); // another checkout's cluster, say
    servers.push(holder);
    const chosen = portOf(dir);
    expect(chosen).not.toBe(derived);
    expect(Number(readFileSync(path.join(dir, "pg-port"), "utf8"))).toBe(chosen);
    holder.close();
    servers.length = 0;
    // The cluster (and every command) stays on the remembered port.
    expect(portOf(dir)).toBe(chosen);
  });

  it("EMBEDDED_PG_PORT wins and writes nothing", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pgport-"));
    dirs.push(dir);
    const r = spawnSync(process.execPath, ["-e", `import(${JSON.stringify(script)}).then((m) => console.log(m.PG_PORT))`], {
      env: { ...process.env, DATA_DIR: dir, EMBEDDED_PG_PORT: "54999" },
      encoding: "utf8",
    });
    expect(r.stdout.trim()).toBe("54999");
    expect(existsSync(path.join(dir, "pg-port"))).toBe(false);
  });
});
