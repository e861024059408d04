import { describe, expect, it } from "vitest";
import { summarizeItem, validateItems, type AssetShape, type ItemDraft } from "./validate-items";

const asset: AssetShape = {
  name: "db-prod-01",
  slotCapacities: { ram: 16, cpu: 2 },
  components: [
    { componentType: "ram", reference: "Samsung 32GB", serial: null, quantity: 8 },
    { componentType: "cpu", reference: "Xeon Gold 6338", serial: null, quantity: 2 },
    { componentType: "nic", reference: "Onboard 1GbE", serial: "NIC-1", quantity: 1 },
  ],
};
const item = (over: Partial<ItemDraft>): ItemDraft => ({ action: "add", componentType: "ram", quantity: 1, componentRef: "Samsung 32GB", ...over });

describe("validateItems", () => {
  it("messages name types by their label and say what is installed when nothing matches (issue 14: '1GbE onboard' for 'Onboard 1GbE')", () => {
    const [typo] = validateItems([item({ action: "replace", componentType: "nic", currentValue: "1GbE onboard", requestedValue: "Intel X710" })], asset);
    expect(typo).toEqual({ status: "invalid", message: 'db-prod-01 has no network card matching "1GbE onboard". Installed: "Onboard 1GbE".' });
    const [gpu] = validateItems([item({ action: "remove", componentType: "gpu", componentRef: "A100" })], asset);
    expect(gpu.message).toBe('db-prod-01 has no graphics card (GPU) matching "A100".');
    const [psu] = validateItems([item({ componentType: "psu", componentRef: "800W" })], asset);
    expect(psu.message).toBe("db-prod-01 has no slot information for power supply.");
    for (const r of [typo, gpu, psu]) expect(r.message).not.toMatch(/\b(nic|gpu|psu|ram)\b/);
  });

  it("adds within capacity are valid; over capacity is a warning, counted across items", () => {
    const r = validateItems([item({ quantity: 6 }), item({ quantity: 4 })], asset);
    expect(r.map((x) => x.status)).toEqual(["valid", "warning"]);
    expect(r[1].message).toBe("db-prod-01 has 16 slots for memory (RAM); this would need 18.");
  });
  it("an add must say what to add", () => {
    expect(validateItems([item({ componentRef: null })], asset)[0].status).toBe("invalid");
  });
  it("replace needs current and requested values, and the current one must be installed", () => {
    expect(validateItems([item({ action: "replace", componentType: "nic", currentValue: "Onboard 1GbE" })], asset)[0].status).toBe("invalid");
    expect(validateItems([item({ action: "replace", componentType: "nic", currentValue: "Onboard 1GbE", requestedValue: "Intel X710" })], asset)[0].status).toBe("valid");
    expect(validateItems([item({ action: "replace", componentType: "nic", currentValue: "NIC-1", requestedValue: "Intel X710" })], asset)[0].status).toBe("valid");
    expect(validateItems([item({ action: "replace", componentType: "nic", currentValue: "Broadcom", requestedValue: "Intel X710" })], asset)[0].status).toBe("invalid");
  });
  it("remove needs a component the asset has, in that quantity", () => {
    expect(validateItems([item({ action: "remove", componentType: "gpu", componentRef: "A100" })], asset)[0].status).toBe("invalid");
    expect(validateItems([item({ action: "remove", componentType: "cpu", componentRef: "Xeon Gold 6338", quantity: 3 })], asset)[0].status).toBe("invalid");
    expect(validateItems([item({ action: "remove", componentType: "cpu", componentRef: "xeon gold 6338", quantity: 1 })], asset)[0].status).toBe("valid");
  });
  it("modify needs a requested value", () => {
    expect(validateItems([item({ action: "modify", componentType: "nic", requestedValue: null })], asset)[0].status).toBe("invalid");
    expect(validateItems([item({ action: "modify", componentType: "nic", requestedValue: "MTU 9000" })], asset)[0].status).toBe("valid");
  });
  it("quantity must be 1–64", () => {
    expect(validateItems([item({ quantity: 0 })], asset)[0].status).toBe("invalid");
    expect(validateItems([item({ quantity: 65 })], asset)[0].status).toBe("invalid");
  });
  it("without an asset, removals are invalid and adds unchecked", () => {
    expect(validateItems([item({ action: "remove" })], null)[0].status).toBe("invalid");
    expect(validateItems([item({})], null)[0].status).toBe("warning");
  });
});

describe("summarizeItem", () => {
  it("reads in words: the action and component type by label, never their codes", () => {
    expect(summarizeItem({ action: "add", quantity: 4, componentType: "ram", requestedValue: "DDR5 64GB" })).toBe("Add 4 × Memory (RAM): DDR5 64GB");
    expect(summarizeItem({ action: "replace", quantity: 1, componentType: "nic", componentRef: "Onboard 1GbE" })).toBe("Replace 1 × Network card: Onboard 1GbE");
    expect(summarizeItem({ action: "remove", quantity: 2, componentType: "STORAGE" })).toBe("Remove 2 × Storage drive");
  });
});
