import { describe, expect, it } from "vitest";
import { NumberingScheme, WorkflowKind } from "@/lib/generated/prisma/enums";
import { createProjectSchema, NUMBERING_LABELS, NUMBERINGS, projectKeyInputSchema, updateProjectSchema, WORKFLOW_LABELS, WORKFLOWS } from "./projects";
import { boardKeySchema } from "./board";
import { projectKeySchema } from "./ticket";

describe("project keys", () => {
  it("are 2–10 capitals or digits starting with a letter; typed in any case, stored in capitals", () => {
    expect(projectKeyInputSchema.parse(" ops ")).toBe("OPS");
    expect(projectKeyInputSchema.parse("A1")).toBe("A1");
    expect(projectKeyInputSchema.parse("ABCDEFGHIJ")).toBe("ABCDEFGHIJ");
    for (const bad of ["A", "1AB", "ABCDEFGHIJK", "A-B", "ÄB", ""]) expect(projectKeyInputSchema.safeParse(bad).success, bad).toBe(false);
  });
  it("are the same rule for boards and tickets (one pattern)", () => {
    for (const key of ["OPS", "A1", "ABCDEFGHIJ", "A", "1AB", "A-B"]) {
      const ok = projectKeyInputSchema.safeParse(key).success;
      expect(boardKeySchema.safeParse(key).success, key).toBe(ok);
      expect(projectKeySchema.safeParse(key).success, key).toBe(ok);
    }
  });
});

describe("project forms", () => {
  it("offer every workflow and numbering, labelled for people", () => {
    expect([...WORKFLOWS].sort()).toEqual(Object.values(WorkflowKind).sort());
    expect([...NUMBERINGS].sort()).toEqual(Object.values(NumberingScheme).sort());
    expect(WORKFLOWS.map((w) => WORKFLOW_LABELS[w])).toEqual(["Support", "Change", "Kanban"]);
    expect(NUMBERINGS.map((n) => NUMBERING_LABELS[n])).toEqual(["KEY-N", "TKT-YYYYMMDD-NNNN"]);
  });
  it("refuse fields they do not know (no mass assignment) and need a compare-and-set token to edit", () => {
    expect(createProjectSchema.safeParse({ key: "OPS", name: "Ops", workflow: "kanban", numbering: "key_sequence", organizationId: "x" }).error?.issues[0]?.code).toBe("unrecognized_keys");
    expect(createProjectSchema.parse({ key: "ops", name: " Ops ", workflow: "kanban", numbering: "dated" })).toEqual({ key: "OPS", name: "Ops", workflow: "kanban", numbering: "dated", leadId: null, description: "" });
    const base = { projectId: "0190a0b4-0000-7000-8000-000000000000", name: "Ops", leadId: null, description: "" };
    expect(updateProjectSchema.safeParse({ ...base, updatedAt: "2026-12-01T10:00:00.123Z" }).success).toBe(true);
    expect(updateProjectSchema.safeParse({ ...base, updatedAt: "yesterday" }).success).toBe(false);
    expect(updateProjectSchema.safeParse(base).success).toBe(false);
  });
});
