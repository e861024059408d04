import { describe, expect, it } from "vitest";
import { zodFieldErrors } from "@/lib/errors";
import { addComponentSchema, setCapacitiesSchema, updateAssetSchema } from "./assets";

const ID = "0196f5a0-0000-7000-8000-000000000001";

describe("/admin/assets' schemas", () => {
  it("refuse a version beyond int4 on the field (it used to reach the query: an internal error)", () => {
    const asset = { id: ID, name: "Server", tag: "SRV-1", kind: "server" };
    expect(updateAssetSchema.safeParse({ ...asset, version: 2 ** 31 }).error?.issues[0]?.path).toEqual(["version"]);
    expect(updateAssetSchema.safeParse({ ...asset, version: 2 ** 31 - 1 }).success).toBe(true);
    const component = { assetId: ID, componentType: "ram", reference: "DIMM", quantity: 1 };
    expect(addComponentSchema.safeParse({ ...component, version: 2 ** 31 }).error?.issues[0]?.path).toEqual(["version"]);
  });
  it("report an unknown component type below capacities, not as a top-level field", () => {
    const parsed = setCapacitiesSchema.safeParse({ assetId: ID, version: 1, capacities: { ram: 4, bogus: 1 } });
    expect(Object.keys(zodFieldErrors(parsed.error!))).toEqual(["capacities.bogus"]);
  });
});
