import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { loadSessionActor } from "@/lib/auth/actor";
import { authenticate } from "@/lib/auth/sign-in";
import { DEMO_PASSWORD } from "@/prisma/factories";
import { THEME_MESSAGE } from "@/lib/validation/theme";
import { seededDemo, type Demo } from "@/test/integration/helpers";
import { signInAs } from "@/test/integration/session";

// Dark mode (issue 14): the account menu's "Theme" goes through the real
// server action, with the session resolved to the actor under test.
vi.mock("@/lib/auth/actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/actor")>()),
  getActor: (await import("@/test/integration/session")).sessionActor,
}));
vi.resetModules();
const { setThemeAction } = await import("@/lib/actions/account");
afterAll(() => {
  signInAs(null);
  vi.resetModules();
});

let demo: Demo;
beforeAll(async () => {
  demo = await seededDemo();
});

const themes = async () =>
  Object.fromEntries((await db.user.findMany({ select: { email: true, theme: true }, orderBy: { email: "asc" } })).map((u) => [u.email, u.theme]));

describe("setThemeAction", () => {
  it("every user starts on the system's theme; signed in, a user sets their own, and only their own row changes", async () => {
    const before = await themes();
    expect(new Set(Object.values(before))).toEqual(new Set(["system"]));

    signInAs(demo.actors["requester@acme.test"]);
    expect(await setThemeAction({ theme: "dark" })).toEqual({ ok: true, data: { theme: "dark" } });
    expect(await themes()).toEqual({ ...before, "requester@acme.test": "dark" });

    signInAs(demo.actors["agent@acme.test"]);
    expect(await setThemeAction({ theme: "light" })).toEqual({ ok: true, data: { theme: "light" } });
    signInAs(demo.actors["requester@acme.test"]);
    expect(await setThemeAction({ theme: "system" })).toEqual({ ok: true, data: { theme: "system" } });
    expect(await themes()).toEqual({ ...before, "agent@acme.test": "light" });
  });

  it("the session's actor carries the stored theme, so the next page renders it", async () => {
    const user = await authenticate({ email: "manager@acme.test", password: DEMO_PASSWORD }, { ip: "198.51.100.30", userAgent: "IntegrationTest/1.0 (theme)" });
    expect((await loadSessionActor(user!.sessionId, user!.id))?.theme).toBe("system");
    signInAs(demo.actors["manager@acme.test"]);
    await setThemeAction({ theme: "dark" });
    expect((await loadSessionActor(user!.sessionId, user!.id))?.theme).toBe("dark");
  });

  it("an unknown or missing value is refused with a message on the field, and nothing is stored", async () => {
    signInAs(demo.actors["tech@acme.test"]);
    const before = await themes();
    for (const input of [{ theme: "sepia" }, { theme: "DARK" }, { theme: null }, {}]) {
      expect(await setThemeAction(input)).toEqual({ ok: false, code: "VALIDATION", message: expect.any(String), fieldErrors: { theme: [THEME_MESSAGE] } });
    }
    for (const input of ["dark", null, undefined, 42, ["dark"]]) expect(await setThemeAction(input)).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await themes()).toEqual(before);
  });

  it("cannot set another user's theme: a user field is refused, another organization's user is untouched, a deactivated account writes nothing", async () => {
    const target = demo.actors["admin@globex.test"];
    signInAs(demo.actors["requester2@acme.test"]);
    const before = await themes();
    for (const key of ["userId", "id", "email"]) {
      const value = key === "email" ? target.email : target.id;
      expect(await setThemeAction({ theme: "dark", [key]: value })).toEqual({
        ok: false, code: "VALIDATION", message: expect.any(String), fieldErrors: { [key]: ["This field cannot be set here"] },
      });
    }
    expect(await themes()).toEqual(before);

    // An actor object whose account was deactivated meanwhile (a request already past its session check).
    const requester2 = demo.actors["requester2@acme.test"];
    await db.user.update({ where: { id: requester2.id }, data: { active: false } });
    expect(await setThemeAction({ theme: "dark" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await themes()).toEqual(before);

    signInAs(null);
    expect(await setThemeAction({ theme: "dark" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await themes()).toEqual(before);
  });
});
