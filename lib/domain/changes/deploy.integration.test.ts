import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { transitionTicket } from "@/lib/domain/tickets/transition-ticket";
import { setAssignees } from "@/lib/domain/tickets/assign-ticket";
import { fulfilItem } from "./fulfil-item";
import { expectAppError, seededDemo, type Demo } from "@/test/integration/helpers";

let demo: Demo;
let assetId: string;
beforeAll(async () => {
  demo = await seededDemo();
  assetId = (await db.asset.findFirstOrThrow({ where: { organizationId: demo.acme.id }, select: { id: true } })).id;
});

const v = async (id: string) => (await db.ticket.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
const components = async () =>
  (await db.assetComponent.findMany({ where: { assetId }, orderBy: { createdAt: "asc" } })).map((c) => `${c.componentType}:${c.reference}:${c.quantity}`).sort();

describe("deploy and roll back", () => {
  it("deploy applies every item to the asset in one transaction; roll back restores it and clears fulfilment", async () => {
    const { actors } = demo;
    const before = await components();
    const t = await createTicket(actors["requester@acme.test"], {
      requestType: "change",
      title: "Add NVMe and swap NIC",
      assetId,
      submit: true,
      items: [
        { action: "add", componentType: "storage", componentRef: "Samsung PM9A3 3.84TB", quantity: 2 },
        { action: "replace", componentType: "nic", currentValue: "Onboard 1GbE", requestedValue: "Intel X710 10GbE", quantity: 1 },
        { action: "remove", componentType: "ram", componentRef: "Samsung 32GB DDR4-3200 RDIMM", quantity: 2 },
      ],
    });
    await transitionTicket(actors["manager@acme.test"], { ticketId: t.id, to: "approved", version: await v(t.id) });
    await setAssignees(actors["manager@acme.test"], { ticketId: t.id, version: await v(t.id), assigneeIds: [actors["tech@acme.test"].id] });
    await transitionTicket(actors["tech@acme.test"], { ticketId: t.id, to: "in_progress", version: await v(t.id) });

    const items = await db.changeItem.findMany({ where: { ticketId: t.id }, orderBy: { position: "asc" } });
    await fulfilItem(actors["tech@acme.test"], { ticketId: t.id, itemId: items[0].id, version: await v(t.id) });
    // Deploy is refused until every item is fulfilled, and the asset is untouched.
    const refused = await expectAppError(transitionTicket(actors["tech@acme.test"], { ticketId: t.id, to: "deployed", version: await v(t.id) }), "VALIDATION");
    expect(refused.message).toMatch(/2 left/);
    expect(await components()).toEqual(before);
    for (const item of items.slice(1)) await fulfilItem(actors["tech@acme.test"], { ticketId: t.id, itemId: item.id, version: await v(t.id) });

    await transitionTicket(actors["tech@acme.test"], { ticketId: t.id, to: "deployed", version: await v(t.id) });
    const after = await components();
    expect(after).toContain("storage:Samsung PM9A3 3.84TB:2");
    expect(after).toContain("nic:Intel X710 10GbE:1");
    expect(after).not.toContain("nic:Onboard 1GbE:1");
    expect(after).toContain("ram:Samsung 32GB DDR4-3200 RDIMM:6");
    expect((await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).deployedAt).not.toBeNull();

    await expectAppError(transitionTicket(actors["tech@acme.test"], { ticketId: t.id, to: "in_progress", version: await v(t.id) }), "VALIDATION");
    await transitionTicket(actors["tech@acme.test"], { ticketId: t.id, to: "in_progress", version: await v(t.id), reason: "NIC driver panics" });
    expect(await components()).toEqual(before);
    const rolled = await db.ticket.findUniqueOrThrow({ where: { id: t.id }, include: { items: true } });
    expect(rolled.status).toBe("in_progress");
    expect(rolled.deployedAt).toBeNull();
    expect(rolled.items.every((i) => !i.fulfilled)).toBe(true);
    const rollback = await db.ticketHistory.findFirstOrThrow({ where: { ticketId: t.id, action: "status_change", oldValue: "deployed" } });
    expect(rollback.comment).toBe("NIC driver panics");
  });
});
