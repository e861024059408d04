import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { signInAs } from "@/test/integration/session";
import { seededDemo, expectAppError, type Demo } from "@/test/integration/helpers";
import type { ChangeItemInput } from "@/lib/validation/ticket";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { checkItems } from "./check-items";
import { saveItems } from "./save-items";

// The route handler reads the session through getActor: the test decides who is signed in (test/integration/session.ts).
vi.mock("@/lib/auth/actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/actor")>()),
  getActor: (await import("@/test/integration/session")).sessionActor,
}));
// Another file may have loaded the route's modules with the real getActor: load them afresh, and leave fresh ones behind.
vi.resetModules();
const { POST } = await import("@/app/api/changes/check-items/route");
afterAll(() => {
  vi.resetModules();
});

let demo: Demo;
let srv001: string;
const requester = () => demo.actors["requester@acme.test"];

/** The rows as the change form sends them (quantity as typed, empty fields null). */
const row = (r: Partial<ChangeItemInput> & Pick<ChangeItemInput, "action" | "componentType">): ChangeItemInput => ({
  componentRef: null, serial: null, quantity: "1", currentValue: null, requestedValue: null, ...r,
});

// Valid, warning and invalid rows, among them the issue's: "Replace NIC, current value 1GbE onboard" (installed: "Onboard 1GbE").
const ROWS: ChangeItemInput[] = [
  row({ action: "replace", componentType: "nic", currentValue: "1GbE onboard", requestedValue: "Intel X710 10GbE" }),
  row({ action: "replace", componentType: "nic", currentValue: "Onboard 1GbE", requestedValue: "Intel X710 10GbE" }),
  row({ action: "replace", componentType: "nic", serial: "nic-onb-0001", currentValue: "whatever it says", requestedValue: "Intel X710 10GbE" }),
  row({ action: "add", componentType: "ram", quantity: "6", componentRef: "Samsung 32GB DDR4-3200 RDIMM" }),
  row({ action: "add", componentType: "ram", quantity: "4", componentRef: "Samsung 32GB DDR4-3200 RDIMM" }),
  row({ action: "remove", componentType: "gpu", componentRef: "A100" }),
  row({ action: "remove", componentType: "cpu", componentRef: "intel xeon gold 6338", quantity: "3" }),
  row({ action: "modify", componentType: "storage", currentValue: "Write cache off" , requestedValue: "Write cache on" }),
  row({ action: "modify", componentType: "storage", requestedValue: null }),
  row({ action: "add", componentType: " Storage ", componentRef: "Spare NVMe" }),
];

const stored = async (ticketId: string) =>
  (await db.changeItem.findMany({ where: { ticketId }, orderBy: { position: "asc" }, select: { validationStatus: true, validationMessage: true } })).map((i) => ({
    status: i.validationStatus,
    message: i.validationMessage,
  }));

beforeAll(async () => {
  demo = await seededDemo();
  srv001 = (await db.asset.findFirstOrThrow({ where: { organizationId: demo.acme.id, tag: "SRV-001" }, select: { id: true } })).id;
});

describe("checkItems (POST /api/changes/check-items): what a row reads as typed is what the save records", () => {
  it("the issue's replace: '1GbE onboard' does not match the installed 'Onboard 1GbE'; the component's own name and its serial do", async () => {
    const [typo, name, serial] = await checkItems(requester(), { assetId: srv001, items: ROWS.slice(0, 3) });
    expect(typo).toEqual({ status: "invalid", message: 'db-prod-01 has no network card matching "1GbE onboard". Installed: "Onboard 1GbE".' });
    expect(name).toEqual({ status: "valid", message: null });
    expect(serial).toEqual({ status: "valid", message: null });
  });

  it("creating the change records, row by row, exactly what the check said (valid, warning, invalid)", async () => {
    const checked = await checkItems(requester(), { assetId: srv001, items: ROWS });
    expect(new Set(checked.map((c) => c.status))).toEqual(new Set(["valid", "warning", "invalid"]));
    const t = await createTicket(requester(), { requestType: "change", title: "Check equals save", assetId: srv001, items: ROWS, submit: false });
    expect(await stored(t.id)).toEqual(checked);
  });

  it("saving the items of a draft records what the check said, with and without a target asset", async () => {
    for (const assetId of [srv001, null]) {
      const draft = await createTicket(requester(), { requestType: "change", title: `Draft ${assetId ? "on SRV-001" : "without asset"}`, assetId, submit: false });
      const version = (await db.ticket.findUniqueOrThrow({ where: { id: draft.id }, select: { version: true } })).version;
      const items = [...ROWS].reverse();
      const checked = await checkItems(requester(), { assetId, items });
      const saved = await saveItems(requester(), { ticketId: draft.id, version, items });
      expect(saved.validations).toEqual(checked);
      expect(await stored(draft.id)).toEqual(checked);
    }
  });

  it("a row the save's schema refuses reads the save's own message; the other rows are still checked", async () => {
    const items = [row({ action: "add", componentType: "ram", quantity: "0", componentRef: "DIMM" }), ROWS[1]!];
    const checked = await checkItems(requester(), { assetId: srv001, items });
    const refused = await expectAppError(createTicket(requester(), { requestType: "change", title: "Refused", assetId: srv001, items, submit: false }), "VALIDATION");
    expect(checked[0]).toEqual({ status: "invalid", message: refused.fieldErrors?.["items.0.quantity"]?.[0] });
    expect(checked[0]!.message).toBe("Quantity must be at least 1");
    expect(checked[1]).toEqual({ status: "valid", message: null });
  });

  it("another organization's asset is not found; so is everything for those who may not file a change", async () => {
    await expectAppError(checkItems(demo.actors["agent@globex.test"], { assetId: srv001, items: ROWS }), "NOT_FOUND");
    await expectAppError(checkItems(demo.actors["requester@globex.test"], { assetId: null, items: ROWS }), "NOT_FOUND");
    await expectAppError(checkItems(requester(), { assetId: "00000000-0000-7000-8000-000000000000", items: ROWS }), "NOT_FOUND");
    await expectAppError(checkItems(requester(), { assetId: srv001, items: Array.from({ length: 51 }, () => ROWS[0]) }), "VALIDATION");
  });

  it("the route: 401 signed out, the results signed in, 404 for another organization's asset, 400 for a body that is not JSON", async () => {
    const post = async (actor: Actor | null, body: string) => {
      signInAs(actor);
      const res = await POST(new NextRequest("http://localhost/api/changes/check-items", { method: "POST", body, headers: { "Content-Type": "application/json" } }));
      return { status: res.status, body: (await res.json()) as { results?: unknown[] } };
    };
    const body = JSON.stringify({ assetId: srv001, items: ROWS.slice(0, 2) });
    expect((await post(null, body)).status).toBe(401);
    expect(await post(requester(), body)).toEqual({
      status: 200,
      body: { results: [{ status: "invalid", message: 'db-prod-01 has no network card matching "1GbE onboard". Installed: "Onboard 1GbE".' }, { status: "valid", message: null }] },
    });
    const theirs = await post(demo.actors["agent@globex.test"], body);
    expect(theirs.status).toBe(404);
    expect(JSON.stringify(theirs.body)).not.toMatch(/db-prod/);
    expect((await post(requester(), "{not json")).status).toBe(400);
  });
});
