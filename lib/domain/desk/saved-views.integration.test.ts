import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { expectAppError, seededDemo, type Demo } from "@/test/integration/helpers";
import { VIEWS_MAX } from "@/lib/validation/desk-actions";
import { listSavedViews, removeView, reorderViews, saveView } from "./saved-views";

let demo: Demo;

beforeAll(async () => {
  demo = await seededDemo();
});

const a = (email: keyof Demo["actors"]) => demo.actors[email];

describe("saved views", () => {
  it("stores the view's query in canonical form: bad values and the page cursor dropped, keys in a stable order", async () => {
    const agent = a("agent@acme.test");
    const v = await saveView(agent, { name: "  Critical SUP  ", query: "?cursor=abc&priority=critical&project=SUP&status=bogus&sort=updated&q=%20vpn%20" });
    expect(v.name).toBe("Critical SUP");
    expect(v.query).toBe("priority=critical&project=SUP&q=vpn");
    // The same view written in another order compares equal.
    const again = await saveView(agent, { name: "Critical SUP", query: "q=vpn&project=SUP&priority=critical" });
    expect(again).toEqual(v);
  });

  it("saving under an existing name replaces that view and keeps its place; a new name goes last", async () => {
    const manager = a("manager@acme.test");
    const first = await saveView(manager, { name: "Mine", query: "assignee=me" });
    const second = await saveView(manager, { name: "New", query: "box=new" });
    const replaced = await saveView(manager, { name: "Mine", query: "assignee=me&status=open" });
    expect(replaced.id).toBe(first.id);
    expect((await listSavedViews(manager)).map((x) => [x.name, x.query])).toEqual([
      ["Mine", "status=open&assignee=me"],
      ["New", "box=new"],
    ]);
    expect(second.position).toBeGreaterThan(first.position);
  });

  it("lists only the actor's own views; someone else's view cannot be removed or reordered (not found)", async () => {
    const agent = a("agent@acme.test");
    const globex = a("admin@globex.test");
    const theirs = await saveView(a("admin@acme.test"), { name: "Admin's", query: "priority=high" });
    const globexView = await saveView(globex, { name: "Globex view", query: "" });
    expect((await listSavedViews(agent)).map((x) => x.id)).not.toContain(theirs.id);
    expect((await listSavedViews(agent)).map((x) => x.id)).not.toContain(globexView.id);

    const e = await expectAppError(removeView(agent, { id: theirs.id }), "NOT_FOUND");
    expect(e.message).toBe("View not found");
    await expectAppError(removeView(agent, { id: globexView.id }), "NOT_FOUND");
    await expectAppError(reorderViews(agent, { ids: [theirs.id] }), "NOT_FOUND");
    expect(await db.savedView.count({ where: { id: { in: [theirs.id, globexView.id] } } })).toBe(2);
    expect(await db.savedView.findUniqueOrThrow({ where: { id: globexView.id } })).toMatchObject({ organizationId: demo.globex.id, userId: globex.id });
  });

  it("removes the actor's own view", async () => {
    const tech = a("tech@acme.test");
    const v = await saveView(tech, { name: "Gone soon", query: "status=open" });
    await removeView(tech, { id: v.id });
    expect(await listSavedViews(tech)).toEqual([]);
    await expectAppError(removeView(tech, { id: v.id }), "NOT_FOUND");
  });

  it("reorders: listed views first in that order, the rest after in their old order", async () => {
    const user = a("requester@acme.test");
    const [x, y, z] = [await saveView(user, { name: "X", query: "" }), await saveView(user, { name: "Y", query: "" }), await saveView(user, { name: "Z", query: "" })];
    expect((await reorderViews(user, { ids: [z.id, x.id, y.id] })).map((v) => v.name)).toEqual(["Z", "X", "Y"]);
    expect((await reorderViews(user, { ids: [y.id] })).map((v) => v.name)).toEqual(["Y", "Z", "X"]);
    expect((await listSavedViews(user)).map((v) => v.name)).toEqual(["Y", "Z", "X"]);
    await expectAppError(reorderViews(user, { ids: [x.id, x.id] }), "VALIDATION");
  });

  it("refuses names that are empty or longer than 60 characters, and more than the allowed number of views", async () => {
    const user = a("requester2@acme.test");
    await expectAppError(saveView(user, { name: "   ", query: "" }), "VALIDATION");
    await expectAppError(saveView(user, { name: "x".repeat(61), query: "" }), "VALIDATION");
    await saveView(user, { name: "x".repeat(60), query: "" });
    for (let i = 1; i < VIEWS_MAX; i++) await saveView(user, { name: `View ${i}`, query: "" });
    await expectAppError(saveView(user, { name: "One too many", query: "" }), "VALIDATION");
    // Replacing an existing one is still allowed at the limit.
    await saveView(user, { name: "View 1", query: "status=open" });
    expect(await db.savedView.count({ where: { userId: user.id } })).toBe(VIEWS_MAX);
  });
});
