import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "./permissions";
import { groupedPermissions, PERMISSION_DESCRIPTIONS, PERMISSION_GROUP_LABELS } from "./permission-descriptions";

describe("permission descriptions", () => {
  it("describe every permission of the catalog, in one line, and nothing else", () => {
    expect(Object.keys(PERMISSION_DESCRIPTIONS).sort()).toEqual([...PERMISSIONS].sort());
    for (const p of PERMISSIONS) {
      expect(PERMISSION_DESCRIPTIONS[p].trim().length, p).toBeGreaterThan(5);
      expect(PERMISSION_DESCRIPTIONS[p], p).not.toMatch(/\n/);
    }
  });

  it("group the catalog by its prefix, in catalog order, losing nothing", () => {
    const groups = groupedPermissions(PERMISSIONS);
    expect(groups.map((g) => g.group)).toEqual(["ticket", "org", "kb", "reports"]);
    expect(groups.flatMap((g) => g.permissions)).toEqual([...PERMISSIONS]);
    for (const g of groups) expect(g.label).toBe(PERMISSION_GROUP_LABELS[g.group]);
  });
});
