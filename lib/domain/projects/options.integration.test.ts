import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seededDemo, type Demo } from "@/test/integration/helpers";
import { listBoards } from "@/lib/domain/board/board-query";
import { projectScope } from "@/lib/domain/tickets/policy";
import { projectOptions, PROJECT_OPTIONS_LIMIT } from "./options";

let demo: Demo;
const keys = (rows: { key: string }[]) => rows.map((r) => r.key);

beforeAll(async () => {
  demo = await seededDemo();
});

describe("projectOptions (desk project filter, board switcher)", () => {
  it("lists the organization's projects by key, never another organization's", async () => {
    expect(keys(await projectOptions({ organizationId: demo.acme.id, archived: false }))).toEqual(["CHG", "ENG", "SUP"]);
    expect(keys(await projectOptions({ organizationId: demo.globex.id, archived: false }, ["CHG"]))).toEqual(["SUP"]);
    expect(keys(await listBoards(demo.actors["agent@globex.test"], "CHG"))).toEqual(["SUP"]);
  });

  it("past the cap: the first PROJECT_OPTIONS_LIMIT by key, plus the ones already chosen", async () => {
    await db.project.createMany({
      data: Array.from({ length: PROJECT_OPTIONS_LIMIT + 10 }, (_, i) => ({ organizationId: demo.acme.id, key: `P${String(i).padStart(3, "0")}`, name: `Project ${i}`, workflow: "support" as const })),
    });
    const where = { organizationId: demo.acme.id, archived: false };
    const first = await projectOptions(where);
    expect(first).toHaveLength(PROJECT_OPTIONS_LIMIT);
    expect(first[0]!.key).toBe("CHG");
    expect(keys(first)).not.toContain("SUP");
    const chosen = await projectOptions(where, ["SUP", "NOPE"]);
    expect(chosen).toHaveLength(PROJECT_OPTIONS_LIMIT + 1);
    expect(chosen.at(-1)!.key).toBe("SUP");
    // The board switcher keeps the current board whatever its place.
    const admin = demo.actors["admin@acme.test"];
    expect(keys(await listBoards(admin, "SUP"))).toContain("SUP");
    expect(await listBoards(admin)).toHaveLength(PROJECT_OPTIONS_LIMIT);
    expect(keys(await projectOptions(projectScope(demo.actors["agent@globex.test"]), ["P001"]))).toEqual(["SUP"]);
    await db.project.deleteMany({ where: { organizationId: demo.acme.id, key: { startsWith: "P" } } });
  });
});
