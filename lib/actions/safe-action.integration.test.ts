import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { addComment } from "@/lib/domain/tickets/add-comment";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { addCommentSchema, createTicketSchema } from "@/lib/validation/ticket";
import { defineAction } from "./safe-action";
import { seededDemo, type Demo } from "@/test/integration/helpers";

// The one server-action path (STYLE "One mutation, one path"): session → zod →
// domain function → typed result. It never throws to the client.

let demo: Demo;
beforeAll(async () => {
  demo = await seededDemo();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const as = (actor: Actor | null) => async () => actor;
const replyAction = (actor: Actor | null) => defineAction(as(actor), addCommentSchema, async (a, input) => ({ id: (await addComment(a, input)).id }));
const createAction = (actor: Actor | null) =>
  defineAction(as(actor), createTicketSchema, async (a, input) => {
    const t = await createTicket(a, input);
    return { number: t.number, status: t.status };
  });

describe("defineAction", () => {
  it("no session → UNAUTHENTICATED, and the domain function is never called", async () => {
    const run = vi.fn(async () => "ran");
    const action = defineAction(as(null), z.object({ x: z.string() }), run);
    expect(await action({ x: "y" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await action("garbage")).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(run).not.toHaveBeenCalled();
  });

  it.each<[string, unknown]>([
    ["a string", "not an object"],
    ["null", null],
    ["undefined", undefined],
    ["a number", 42],
    ["an array", [{ ticketId: "x", body: "y" }]],
    ["an object with only stray keys", { then: "nope" }],
  ])("malformed input (%s) → VALIDATION, never a throw", async (_label, input) => {
    const before = await db.comment.count();
    const result = await replyAction(demo.actors["agent@acme.test"])(input);
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(result.ok === false && result.fieldErrors).toBeTruthy();
    expect(await db.comment.count()).toBe(before);
  });

  it("wrong types and unknown fields → VALIDATION with fieldErrors on each field", async () => {
    const result = await replyAction(demo.actors["agent@acme.test"])({ ticketId: 123, body: true, internal: "yes", organizationId: "x" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("VALIDATION");
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["body", "internal", "organizationId", "ticketId"]);
  });

  it("a domain AppError comes back as its code (and field errors), not as an exception", async () => {
    const requester = demo.actors["requester@acme.test"];
    const notMember = await createAction(requester)({ projectKey: "ENG", title: "Into a project I am not in" });
    expect(notMember).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { projectKey: [expect.any(String)] } });

    const globexTicket = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.globex.id }, select: { id: true } });
    expect(await replyAction(requester)({ ticketId: globexTicket.id, body: "Hi" })).toMatchObject({ ok: false, code: "NOT_FOUND" });

    const sup = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, requesterId: requester.id, status: "open" }, select: { id: true } });
    expect(await replyAction(requester)({ ticketId: sup.id, body: "Secret", internal: true })).toMatchObject({ ok: false, code: "FORBIDDEN" });

    const conflict = defineAction(as(requester), z.object({}), async () => {
      throw new AppError("CONFLICT", "Someone else changed this first.");
    });
    expect(await conflict({})).toEqual({ ok: false, code: "CONFLICT", message: "Someone else changed this first.", fieldErrors: undefined });
  });

  it("success returns { ok: true, data }", async () => {
    const result = await createAction(demo.actors["requester@acme.test"])({ requestType: "support", title: "Through the action" });
    expect(result).toEqual({ ok: true, data: { number: expect.stringMatching(/^SUP-\d+$/), status: "open" } });
  });

  it("an unexpected error → INTERNAL with a generic message and no details", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const secret = "postgres://admin:hunter2@db.internal/prod";
    const boom = defineAction(as(demo.actors["agent@acme.test"]), z.object({}), async () => {
      throw new Error(`connection failed: ${secret}`);
    });
    const result = await boom({});
    expect(result).toEqual({ ok: false, code: "INTERNAL", message: expect.any(String) });
    expect(JSON.stringify(result)).not.toContain("hunter2");
    expect(logged).toHaveBeenCalled();

    // A real database error (a raw query on a table that does not exist) is no different.
    const dbError = defineAction(as(demo.actors["agent@acme.test"]), z.object({}), () => db.$queryRawUnsafe("SELECT * FROM no_such_table"));
    const r2 = await dbError({});
    expect(r2).toEqual({ ok: false, code: "INTERNAL", message: result.ok ? "" : result.message });
    expect(JSON.stringify(r2)).not.toContain("no_such_table");

    // So is a failure while resolving the session.
    const badSession = defineAction(async () => {
      throw new Error("JWT decode failed: secret=abc");
    }, z.object({}), async () => "never");
    const r3 = await badSession({});
    expect(r3).toMatchObject({ ok: false, code: "INTERNAL" });
    expect(JSON.stringify(r3)).not.toContain("secret=abc");
  });
});
