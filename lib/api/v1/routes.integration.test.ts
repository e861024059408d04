import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "./registry";
import { match } from "./router";

// No route without a documented operation, and no documented operation
// without its route: /api/v1 has one route handler (the catch-all, routed by
// the registry the OpenAPI document is written from) and the document itself.

async function routeFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await routeFiles(full)));
    else if (/^route\.[jt]sx?$/.test(entry.name)) out.push(path.relative(process.cwd(), full));
  }
  return out;
}

const sample = (template: string) => template.replace(/\{(\w+)\}/g, (_, n: string) => (n === "id" ? "SUP-1" : n === "key" ? "ENG" : "0195f0b4-0000-7000-8000-000000000000"));

describe("routes and the document", () => {
  it("app/api/v1 holds only the catch-all and the document: nothing is served beside the registry", async () => {
    expect((await routeFiles(path.join(process.cwd(), "app/api/v1"))).sort()).toEqual(["app/api/v1/[...path]/route.ts", "app/api/v1/openapi.json/route.ts"]);
  });

  it("every documented operation is what its method and path route to", () => {
    for (const op of OPERATIONS) {
      const found = match(op.spec.method, sample(op.spec.path));
      expect(found && "op" in found ? found.op.spec.operationId : found, `${op.spec.method} ${op.spec.path}`).toBe(op.spec.operationId);
    }
    const ids = OPERATIONS.map((o) => `${o.spec.method} ${o.spec.path}`);
    expect(new Set(ids).size, "two operations share a method and path").toBe(ids.length);
  });

  it("a path no operation has is nothing; a known path with another method says which methods it has", () => {
    expect(match("GET", "/tickets/SUP-1/nowhere")).toBeNull();
    expect(match("GET", "/")).toBeNull();
    expect(match("DELETE", "/me")).toEqual({ allowed: ["GET"] });
    // Static segments are not parameters: /notifications/read-all is not /notifications/{notification_id}/read.
    expect((match("POST", "/notifications/read-all") as { op: { spec: { operationId: string } } }).op.spec.operationId).toBe("markAllNotificationsRead");
    expect((match("POST", "/tickets/SUP-1/items/validate") as { op: { spec: { operationId: string } } }).op.spec.operationId).toBe("validateItems");
  });
});
