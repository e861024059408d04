import { describe, expect, it } from "vitest";
import { zodFieldErrors } from "@/lib/errors";
import { createRoleSchema, renameRoleSchema, saveRolePermissionsSchema } from "./roles";

const ID = "0196f5a0-0000-7000-8000-000000000000";
const AT = "2026-12-01T10:00:00.000Z";

describe("role schemas", () => {
  it("a role name is required, once, and trimmed", () => {
    const r = createRoleSchema.safeParse({ name: "   " });
    expect(zodFieldErrors(r.error!).name).toEqual(["Role name is required"]);
    expect(createRoleSchema.parse({ name: "  Night shift " }).name).toBe("Night shift");
    expect(createRoleSchema.parse({ name: "Tier 2 (EMEA)", copyFromId: "" }).copyFromId).toBeUndefined();
  });
  it.each(["<script>", "-dash first", "x".repeat(51)])("refuses the name %j on its field", (name) => {
    expect(zodFieldErrors(createRoleSchema.safeParse({ name }).error!).name).toBeDefined();
  });
  it("saves known permissions only, each role once, with its loaded version", () => {
    expect(saveRolePermissionsSchema.safeParse({ roles: [{ id: ID, updatedAt: AT, permissions: ["ticket.create"] }] }).success).toBe(true);
    expect(saveRolePermissionsSchema.safeParse({ roles: [{ id: ID, updatedAt: AT, permissions: ["ticket.fly"] }] }).success).toBe(false);
    expect(saveRolePermissionsSchema.safeParse({ roles: [] }).success).toBe(false);
    const twice = saveRolePermissionsSchema.safeParse({ roles: [{ id: ID, updatedAt: AT, permissions: [] }, { id: ID.toUpperCase(), updatedAt: AT, permissions: [] }] });
    expect(zodFieldErrors(twice.error!).roles).toEqual(["A role is listed twice"]);
    expect(saveRolePermissionsSchema.safeParse({ roles: [{ id: ID, updatedAt: "yesterday", permissions: [] }] }).success).toBe(false);
    expect(renameRoleSchema.safeParse({ id: ID, name: "Agent", updatedAt: AT, extra: 1 }).success).toBe(false);
  });
});
