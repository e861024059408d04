import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "./registry";

// No route without a documented operation, and no documented operation
// without its route: every method a route file under app/api/v1 exports is
// the handler of an operation in the registry (the OpenAPI document is
// written from it), served at the path the operation documents.

const ROOT = path.join(process.cwd(), "app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

async function routeFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await routeFiles(full)));
    else if (entry.name === "route.ts") out.push(full);
  }
  return out;
}

/** app/api/v1/tickets/[id]/replies/route.ts → /tickets/{id}/replies */
const documentedPath = (file: string) => `/${path.relative(ROOT, path.dirname(file)).split(path.sep).filter(Boolean).map((s) => s.replace(/^\[(\w+)\]$/, "{$1}")).join("/")}`.replace(/\/$/, "") || "/";

describe("routes and the document", () => {
  it("every method a route file serves is a documented operation at that path, and every operation is served", async () => {
    const served = new Set<string>();
    const files = await routeFiles(ROOT);
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      const where = documentedPath(file);
      // The document itself is the one route that is not an operation of the API.
      if (where === "/openapi.json") continue;
      for (const method of METHODS) {
        const handler = mod[method];
        if (!handler) continue;
        const op = OPERATIONS.find((o) => o.handle === handler);
        expect(op, `${method} ${where} (${path.relative(process.cwd(), file)}) is served but not documented`).toBeDefined();
        expect(op!.spec.method, `${op!.spec.operationId} is exported under the wrong method`).toBe(method);
        expect(op!.spec.path, `${op!.spec.operationId} is documented at another path`).toBe(where);
        served.add(op!.spec.operationId);
      }
    }
    expect([...served].sort()).toEqual(OPERATIONS.map((o) => o.spec.operationId).sort());
  });
});
