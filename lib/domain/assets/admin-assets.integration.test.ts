import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { expectAppError, seededDemo, type Demo } from "@/test/integration/helpers";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { transitionTicket } from "@/lib/domain/tickets/transition-ticket";
import { setAssignees } from "@/lib/domain/tickets/assign-ticket";
import { fulfilItem } from "@/lib/domain/changes/fulfil-item";
import { createAsset, updateAsset } from "./save-asset";
import { addComponent, removeComponent, setSlotCapacities, updateComponent } from "./edit-components";
import { listAssets, loadAssetForAdmin } from "./admin-queries";
import { ASSET_CONFLICT, DUPLICATE_TAG } from "./asset-writes";
import { ASSET_IN_USE, deleteAsset, setAssetRetired } from "./retire-asset";
import { searchAssets } from "./search-assets";
import { updateTicket } from "@/lib/domain/tickets/update-ticket";

let demo: Demo;
let srv: { id: string };
const a = (email: keyof Demo["actors"]) => demo.actors[email];
const version = async (id: string) => (await db.asset.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
/** Rows of the tables an asset edit writes, to prove a refusal wrote nothing. */
const footprint = async () => ({
  assets: await db.asset.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, tag: true, location: true, version: true, slotCapacities: true } }),
  components: await db.assetComponent.findMany({ orderBy: { id: "asc" }, select: { id: true, reference: true, quantity: true, componentType: true } }),
  audits: await db.auditLog.count(),
});

beforeAll(async () => {
  demo = await seededDemo();
  srv = await db.asset.findFirstOrThrow({ where: { organizationId: demo.acme.id, tag: "SRV-001" }, select: { id: true } });
});

describe("assets: list and search", () => {
  it("pages the organization's assets by tag and finds them by tag or name prefix", async () => {
    const admin = a("admin@acme.test");
    for (const n of [1, 2, 3, 4]) await createAsset(admin, { name: `web-0${n}`, tag: `WEB-00${n}`, location: "Rack B1", kind: "server" });
    const first = await listAssets(admin, {}, { limit: 3 });
    expect(first.rows.map((r) => r.tag)).toEqual(["SRV-001", "WEB-001", "WEB-002"]);
    expect(first.rows[0]!.componentCount).toBe(5);
    const second = await listAssets(admin, { after: first.nextAfter! }, { limit: 3 });
    expect(second.rows.map((r) => r.tag)).toEqual(["WEB-003", "WEB-004"]);
    expect(second.nextAfter).toBeNull();
    expect((await listAssets(admin, { q: "db-prod" })).rows.map((r) => r.tag)).toEqual(["SRV-001"]);
    expect((await listAssets(admin, { q: "web-00" })).rows).toHaveLength(4);
    // A forged cursor is the first page, not an error.
    expect((await listAssets(admin, { after: "not-a-cursor" })).rows.length).toBeGreaterThan(0);
  });
});

describe("assets: edits", () => {
  it("creates and edits an asset with audit rows of old and new values; tags are unique per organization", async () => {
    const admin = a("admin@acme.test");
    const made = await createAsset(admin, { name: "db-stage-01", tag: "SRV-100", location: "", kind: "server" }, { meta: { ip: "192.0.2.1", userAgent: "t" } });
    expect(made.location).toBeNull();
    const dup = await expectAppError(createAsset(admin, { name: "x", tag: "srv-100", kind: "server" }), "VALIDATION");
    expect(dup.fieldErrors?.tag).toEqual([DUPLICATE_TAG]);
    // Another organization may use the same tag.
    const globexOne = await createAsset(a("admin@globex.test"), { name: "g", tag: "SRV-100", kind: "server" });
    const saved = await updateAsset(admin, { id: made.id, version: made.version, name: "db-stage-02", tag: "SRV-100", location: "Rack C2", kind: "server" });
    expect(saved.version).toBe(made.version + 1);
    const rows = await db.auditLog.findMany({ where: { entityId: made.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.action)).toEqual(["asset.created", "asset.updated"]);
    expect(rows[0]).toMatchObject({ actorId: admin.id, entityType: "asset", ip: "192.0.2.1", data: { new: { name: "db-stage-01", tag: "SRV-100", location: null } } });
    expect(rows[1]!.data).toEqual({ assetTag: "SRV-100", old: { name: "db-stage-01", location: null }, new: { name: "db-stage-02", location: "Rack C2" } });
    await db.asset.delete({ where: { id: globexOne.id } });
  });

  it("a stale version is a conflict and writes nothing", async () => {
    const admin = a("admin@acme.test");
    const v = await version(srv.id);
    await updateAsset(admin, { id: srv.id, version: v, name: "db-prod-01", tag: "SRV-001", location: "Rack A4, Frankfurt", kind: "server" });
    const before = await footprint();
    const e = await expectAppError(updateAsset(admin, { id: srv.id, version: v, name: "overwritten", tag: "SRV-001", kind: "server" }), "CONFLICT");
    expect(e.message).toBe(ASSET_CONFLICT);
    await expectAppError(addComponent(admin, { assetId: srv.id, version: v, componentType: "gpu", reference: "NVIDIA L4", quantity: 1 }), "CONFLICT");
    await expectAppError(setSlotCapacities(admin, { assetId: srv.id, version: v, capacities: { ram: 32 } }), "CONFLICT");
    expect(await footprint()).toEqual(before);
  });

  it("components: add, edit, remove, within the slots; each audited", async () => {
    const admin = a("admin@acme.test");
    const gpu = await addComponent(admin, { assetId: srv.id, version: await version(srv.id), componentType: "gpu", reference: "NVIDIA L4", serial: "GPU-1", quantity: 1 });
    // Two GPU slots: a third card does not fit.
    const full = await expectAppError(updateComponent(admin, { assetId: srv.id, version: await version(srv.id), componentId: gpu.id, componentType: "gpu", reference: "NVIDIA L4", quantity: 3 }), "VALIDATION");
    expect(full.fieldErrors?.quantity).toEqual(["Graphics card (GPU): db-prod-01 has 2 slots, and this would need 3."]);
    await updateComponent(admin, { assetId: srv.id, version: await version(srv.id), componentId: gpu.id, componentType: "gpu", reference: "NVIDIA L4", serial: "GPU-1", quantity: 2 });
    await removeComponent(admin, { assetId: srv.id, version: await version(srv.id), componentId: gpu.id });
    expect(await db.assetComponent.count({ where: { id: gpu.id } })).toBe(0);
    const rows = await db.auditLog.findMany({ where: { entityId: srv.id, action: { startsWith: "asset.component" } }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.action, r.data])).toEqual([
      ["asset.component_added", { assetTag: "SRV-001", new: { type: "gpu", reference: "NVIDIA L4", serial: "GPU-1", quantity: 1 } }],
      ["asset.component_updated", { assetTag: "SRV-001", component: "NVIDIA L4", old: { quantity: 1 }, new: { quantity: 2 } }],
      ["asset.component_removed", { assetTag: "SRV-001", old: { type: "gpu", reference: "NVIDIA L4", serial: "GPU-1", quantity: 2 } }],
    ]);
  });

  it("slot capacities: validated, and never below what is installed", async () => {
    const admin = a("admin@acme.test");
    const before = await footprint();
    // 8 RAM modules are installed.
    const low = await expectAppError(setSlotCapacities(admin, { assetId: srv.id, version: await version(srv.id), capacities: { cpu: 2, ram: 4 } }), "VALIDATION");
    expect(low.fieldErrors?.["capacities.ram"]).toEqual(["Memory (RAM): db-prod-01 has 8 installed, so the capacity cannot be below 8."]);
    await expectAppError(setSlotCapacities(admin, { assetId: srv.id, version: await version(srv.id), capacities: { ram: -1 } }), "VALIDATION");
    await expectAppError(setSlotCapacities(admin, { assetId: srv.id, version: await version(srv.id), capacities: { flux: 2 } as never }), "VALIDATION");
    expect(await footprint()).toEqual(before);
    await setSlotCapacities(admin, { assetId: srv.id, version: await version(srv.id), capacities: { cpu: 2, ram: 24, storage: 8, nic: 4, gpu: 2, psu: 2 } });
    const asset = await db.asset.findUniqueOrThrow({ where: { id: srv.id } });
    expect(asset.slotCapacities).toEqual({ cpu: 2, ram: 24, storage: 8, nic: 4, gpu: 2, psu: 2 });
    const row = await db.auditLog.findFirstOrThrow({ where: { entityId: srv.id, action: "asset.updated" }, orderBy: { createdAt: "desc" } });
    expect(row.data).toMatchObject({ old: { slotCapacities: { ram: 16 } }, new: { slotCapacities: { ram: 24 } } });
  });
});

describe("assets: another organization and non-admins", () => {
  it("Globex's admin can neither read nor edit Acme's asset: not found, nothing written", async () => {
    const globex = a("admin@globex.test");
    const v = await version(srv.id);
    const component = await db.assetComponent.findFirstOrThrow({ where: { assetId: srv.id } });
    const before = await footprint();
    await expectAppError(loadAssetForAdmin(globex, srv.id), "NOT_FOUND");
    expect((await listAssets(globex, { q: "srv" })).rows).toEqual([]);
    await expectAppError(updateAsset(globex, { id: srv.id, version: v, name: "pwned", tag: "SRV-001", kind: "server" }), "NOT_FOUND");
    await expectAppError(addComponent(globex, { assetId: srv.id, version: v, componentType: "gpu", reference: "x", quantity: 1 }), "NOT_FOUND");
    await expectAppError(updateComponent(globex, { assetId: srv.id, version: v, componentId: component.id, componentType: "gpu", reference: "x", quantity: 1 }), "NOT_FOUND");
    await expectAppError(removeComponent(globex, { assetId: srv.id, version: v, componentId: component.id }), "NOT_FOUND");
    await expectAppError(setSlotCapacities(globex, { assetId: srv.id, version: v, capacities: { ram: 99 } }), "NOT_FOUND");
    // Globex's own asset with Acme's component id: the component is not found either.
    const mine = await createAsset(globex, { name: "g1", tag: "G-1", kind: "server" });
    await expectAppError(removeComponent(globex, { assetId: mine.id, version: mine.version, componentId: component.id }), "NOT_FOUND");
    await db.auditLog.deleteMany({ where: { entityId: mine.id } });
    await db.asset.delete({ where: { id: mine.id } });
    expect(await footprint()).toEqual(before);
  });

  it("agents, managers and requesters get not found for every asset read and write", async () => {
    const v = await version(srv.id);
    for (const who of ["agent@acme.test", "manager@acme.test", "tech@acme.test", "requester@acme.test"] as const) {
      await expectAppError(listAssets(a(who), {}), "NOT_FOUND");
      await expectAppError(loadAssetForAdmin(a(who), srv.id), "NOT_FOUND");
      await expectAppError(createAsset(a(who), { name: "x", tag: "X-1", kind: "server" }), "NOT_FOUND");
      await expectAppError(updateAsset(a(who), { id: srv.id, version: v, name: "x", tag: "SRV-001", kind: "server" }), "NOT_FOUND");
    }
  });
});

describe("assets: retire and delete", () => {
  it("a retired asset leaves the picker and cannot be chosen as a new target; a change that targets it keeps it; returned to service it is offered again", async () => {
    const admin = a("admin@acme.test");
    const requester = a("requester@acme.test");
    const asset = await createAsset(admin, { name: "old-box", tag: "OLD-001", location: "Rack Z", kind: "server" });
    const draft = await createTicket(requester, { requestType: "change", title: "Upgrade old-box", assetId: asset.id });
    const retired = await setAssetRetired(admin, { id: asset.id, version: asset.version, retired: true }, { meta: { ip: "192.0.2.9", userAgent: "t" } });
    expect(retired.retiredAt).not.toBeNull();
    expect((await searchAssets(requester, { q: "old" })).map((x) => x.tag)).toEqual([]);
    expect((await listAssets(admin, { q: "old" })).rows).toMatchObject([{ tag: "OLD-001", retired: true }]);
    const refused = await expectAppError(createTicket(requester, { requestType: "change", title: "Another for old-box", assetId: asset.id }), "VALIDATION");
    expect(refused.fieldErrors?.assetId).toEqual(["This asset is retired: choose one in service"]);
    // The draft that already targets it can still be edited, sending its target unchanged.
    const t = await db.ticket.findUniqueOrThrow({ where: { id: draft.id }, select: { version: true } });
    await updateTicket(requester, { ticketId: draft.id, version: t.version, changes: { title: "Upgrade old-box (kept)", assetId: asset.id } });
    expect((await db.ticket.findUniqueOrThrow({ where: { id: draft.id } })).assetId).toBe(asset.id);
    // Deleting it is refused while a change targets it, and writes nothing.
    const before = await footprint();
    const inUse = await expectAppError(deleteAsset(admin, { id: asset.id, version: retired.version }), "VALIDATION");
    expect(inUse.message).toBe(ASSET_IN_USE);
    expect(await footprint()).toEqual(before);
    const back = await setAssetRetired(admin, { id: asset.id, version: retired.version, retired: false });
    expect(back.retiredAt).toBeNull();
    expect((await searchAssets(requester, { q: "old" })).map((x) => x.tag)).toEqual(["OLD-001"]);
    const rows = await db.auditLog.findMany({ where: { entityId: asset.id, action: { in: ["asset.retired", "asset.restored"] } }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.action, r.data])).toEqual([
      ["asset.retired", { assetTag: "OLD-001", old: { retired: false }, new: { retired: true } }],
      ["asset.restored", { assetTag: "OLD-001", old: { retired: true }, new: { retired: false } }],
    ]);
    expect(rows[0]).toMatchObject({ actorId: admin.id, ip: "192.0.2.9" });
  });

  it("deletes an asset no change targeted, with its components, audited; a stale version, another organization or a non-admin are refused and nothing is written", async () => {
    const admin = a("admin@acme.test");
    const asset = await createAsset(admin, { name: "typo-box", tag: "TYPO-1", kind: "server" });
    const added = await addComponent(admin, { assetId: asset.id, version: asset.version, componentType: "ram", reference: "16 GB DIMM", quantity: 2 });
    const before = await footprint();
    await expectAppError(deleteAsset(admin, { id: asset.id, version: asset.version }), "CONFLICT");
    await expectAppError(deleteAsset(a("admin@globex.test"), { id: asset.id, version: added.version }), "NOT_FOUND");
    await expectAppError(setAssetRetired(a("admin@globex.test"), { id: asset.id, version: added.version, retired: true }), "NOT_FOUND");
    await expectAppError(deleteAsset(a("agent@acme.test"), { id: asset.id, version: added.version }), "NOT_FOUND");
    await expectAppError(setAssetRetired(a("manager@acme.test"), { id: asset.id, version: added.version, retired: true }), "NOT_FOUND");
    expect(await footprint()).toEqual(before);
    await deleteAsset(admin, { id: asset.id, version: added.version });
    expect(await db.asset.findUnique({ where: { id: asset.id } })).toBeNull();
    expect(await db.assetComponent.count({ where: { assetId: asset.id } })).toBe(0);
    const row = await db.auditLog.findFirstOrThrow({ where: { entityId: asset.id, action: "asset.deleted" } });
    expect(row.data).toEqual({ assetTag: "TYPO-1", old: { name: "typo-box", tag: "TYPO-1", location: null, kind: "server", components: 1 } });
  });
});

describe("assets: history of changes", () => {
  it("shows the change tickets that targeted the asset and what their deploy applied; a deploy bumps the version", async () => {
    const { actors } = demo;
    const t = await createTicket(actors["requester@acme.test"], {
      requestType: "change",
      title: "Add a GPU for inference",
      assetId: srv.id,
      submit: true,
      items: [{ action: "add", componentType: "gpu", componentRef: "NVIDIA L4", quantity: 1 }],
    });
    const tv = async () => (await db.ticket.findUniqueOrThrow({ where: { id: t.id }, select: { version: true } })).version;
    await transitionTicket(actors["manager@acme.test"], { ticketId: t.id, to: "approved", version: await tv() });
    await setAssignees(actors["manager@acme.test"], { ticketId: t.id, version: await tv(), assigneeIds: [actors["tech@acme.test"].id] });
    await transitionTicket(actors["tech@acme.test"], { ticketId: t.id, to: "in_progress", version: await tv() });
    const item = await db.changeItem.findFirstOrThrow({ where: { ticketId: t.id } });
    await fulfilItem(actors["tech@acme.test"], { ticketId: t.id, itemId: item.id, version: await tv(), fulfilledWith: "NVIDIA L4 SN-778", notes: "Slot 2" });
    const opened = await version(srv.id);
    await transitionTicket(actors["tech@acme.test"], { ticketId: t.id, to: "deployed", version: await tv() });
    expect(await version(srv.id)).toBe(opened + 1);
    // A form opened before the deploy is refused.
    await expectAppError(updateAsset(a("admin@acme.test"), { id: srv.id, version: opened, name: "db-prod-01", tag: "SRV-001", kind: "server" }), "CONFLICT");

    const { history, ticketCount } = await loadAssetForAdmin(a("admin@acme.test"), srv.id);
    expect(ticketCount).toBeGreaterThanOrEqual(9);
    const entry = history.find((h) => h.id === t.id)!;
    expect(entry).toMatchObject({ status: "deployed", title: "Add a GPU for inference" });
    expect(entry.deployedAt).not.toBeNull();
    expect(entry.before?.some((c) => c.componentType === "ram" && c.quantity === 8)).toBe(true);
    expect(entry.items[0]).toMatchObject({ action: "add", componentType: "gpu", fulfilled: true, fulfilledWith: "NVIDIA L4 SN-778", fulfilmentNotes: "Slot 2", fulfilledBy: "Theo Technician" });
  });
});
