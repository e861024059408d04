import { describe, expect, it } from "vitest";
import { COMPONENT_TYPES, componentTypeLabel, assetKindLabel } from "./component-types";
import { COMPONENT_TYPES as EDITOR_TYPES } from "@/components/changes/item-rows-editor";
import { slotCapacitiesSchema } from "@/lib/validation/assets";

describe("component types", () => {
  it("label every type a change item can name, never as its code", () => {
    for (const t of EDITOR_TYPES) {
      const label = componentTypeLabel(t);
      expect(label, t).not.toBe(t.toUpperCase());
      expect(label, t).not.toBe(t);
    }
    expect(componentTypeLabel("storage")).toBe("Storage drive");
    expect(componentTypeLabel("STORAGE")).toBe("Storage drive");
    expect(componentTypeLabel("raid-card")).toBe("Raid card");
    expect(assetKindLabel("server")).toBe("Server");
    expect(COMPONENT_TYPES).toEqual(expect.arrayContaining(EDITOR_TYPES));
  });
  it("slot capacities: known types, whole numbers from 0", () => {
    expect(slotCapacitiesSchema.parse({ ram: "16", cpu: 2 })).toEqual({ ram: 16, cpu: 2 });
    expect(slotCapacitiesSchema.safeParse({ ram: -1 }).success).toBe(false);
    expect(slotCapacitiesSchema.safeParse({ ram: 1.5 }).success).toBe(false);
    expect(slotCapacitiesSchema.safeParse({ warp: 1 }).success).toBe(false);
    expect(slotCapacitiesSchema.safeParse({ ram: 5000 }).success).toBe(false);
  });
});
