import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { BOX_KEYS } from "@/lib/validation/desk";
import { expectAppError, seededDemo, type Demo } from "@/test/integration/helpers";
import { getPreferences, savePreferences } from "./preferences";

let demo: Demo;

beforeAll(async () => {
  demo = await seededDemo();
});

const stored = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id }, select: { preferences: true } })).preferences;

describe("UI preferences", () => {
  it("start from defaults: no column settings, every box in the default order", async () => {
    expect(await getPreferences(demo.actors["tech@acme.test"])).toEqual({ deskColumns: { visibility: {}, sizing: {} }, boxOrder: [...BOX_KEYS] });
  });

  it("merge column settings key by key, replace the box order, and touch only the actor's own row", async () => {
    const agent = demo.actors["agent@acme.test"];
    const otherBefore = await stored(demo.actors["manager@acme.test"].id);
    await savePreferences(agent, { deskColumns: { visibility: { created: true, sla: false }, sizing: { title: 420 } } });
    await savePreferences(agent, { deskColumns: { visibility: { sla: true }, sizing: { number: 99.6 } } });
    const after = await savePreferences(agent, { boxOrder: ["critical", "mine"] });
    const expected = { deskColumns: { visibility: { created: true, sla: true }, sizing: { title: 420, number: 100 } }, boxOrder: ["critical", "mine"] };
    expect(after).toEqual(expected);
    expect(await getPreferences(agent)).toEqual(expected);
    // The box order is stored only once the user chose one.
    await savePreferences(agent, { boxOrder: [...BOX_KEYS].reverse() });
    expect((await getPreferences(agent)).deskColumns).toEqual(expected.deskColumns);
    expect(await stored(demo.actors["manager@acme.test"].id)).toEqual(otherBefore);
  });

  it("refuses unknown keys, widths outside 40–800, unknown or repeated boxes — and stores nothing then", async () => {
    const user = demo.actors["requester@acme.test"];
    const before = await stored(user.id);
    const bad: unknown[] = [
      { theme: "dark" },
      { deskColumns: { visibility: {}, colour: {} } },
      { deskColumns: { sizing: { title: 39 } } },
      { deskColumns: { sizing: { title: 801 } } },
      { deskColumns: { visibility: { title: "yes" } } },
      { deskColumns: { visibility: { "Robert'); DROP": true } } },
      { boxOrder: ["critical", "sla_at_risk"] },
      { boxOrder: ["critical", "critical"] },
    ];
    for (const patch of bad) await expectAppError(savePreferences(user, patch as never), "VALIDATION");
    expect(await stored(user.id)).toEqual(before);
  });

  it("a stored part that no longer fits the schema falls back to its default instead of breaking the desk", async () => {
    const user = demo.actors["requester2@acme.test"];
    await db.user.update({ where: { id: user.id }, data: { preferences: { deskColumns: { visibility: "all", sizing: { title: 300 } }, boxOrder: ["gone"] } } });
    expect(await getPreferences(user)).toEqual({ deskColumns: { visibility: {}, sizing: { title: 300 } }, boxOrder: [...BOX_KEYS] });
  });
});
