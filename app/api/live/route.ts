import type { NextRequest } from "next/server";
import { getActor, type Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { findBoardProject } from "@/lib/domain/board/board-query";
import { ticketScope } from "@/lib/domain/tickets/policy";
import { isAppError } from "@/lib/errors";
import { jsonResponse } from "@/lib/http/route";
import { liveHub, type StreamOptions } from "@/lib/live/hub";
import type { LiveEventName, LiveEvents } from "@/lib/live/events";
import { readDeskQuery } from "@/lib/validation/desk";
import { text } from "@/lib/validation/text";

export const dynamic = "force-dynamic";

const numberSchema = text().trim().min(1).max(40);

/**
 * The live stream of one page (server-sent events, issue 14): the viewer's
 * bell always, and what the page names — ?ticket=<number>, ?desk=<the view's
 * query string>, ?board=<project key>, ?portal=1. Each topic is resolved
 * through the viewer's scope when the stream opens; one that names nothing
 * the viewer may see is simply not heard (no oracle). Then lib/live/hub.ts
 * filters every notice by the same rules as the pages.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const actor = await getActor();
  if (!actor || !actor.sessionId) return jsonResponse(401, { ok: false, code: "UNAUTHENTICATED", message: "Sign in first." });
  let topics: Omit<StreamOptions, "actor" | "sessionId">;
  try {
    topics = await resolveTopics(actor, request.nextUrl.searchParams);
  } catch (e) {
    console.error("[live] topics", e);
    return jsonResponse(500, { ok: false, code: "INTERNAL", message: "Something went wrong. Please try again." });
  }
  const encoder = new TextEncoder();
  let close = () => {};
  let ended = false;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (chunk: string): boolean => {
        if (ended) return false;
        try {
          controller.enqueue(encoder.encode(chunk));
          return true;
        } catch {
          ended = true;
          close();
          return false;
        }
      };
      // Reconnect after 3 s if the connection drops (the page's client backs off further on repeated failures).
      write(`retry: 3000\n\n`);
      const handle = {
        send<E extends LiveEventName>(event: E, data: LiveEvents[E]) {
          return write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        },
        ping: () => write(`: ping\n\n`),
        close() {
          if (ended) return;
          ended = true;
          close();
          try {
            controller.close();
          } catch {}
        },
      };
      close = await liveHub().open({ actor, sessionId: actor.sessionId!, ...topics }, handle);
      if (ended || request.signal.aborted) close();
      else write(`event: ready\ndata: {}\n\n`);
    },
    cancel() {
      ended = true;
      close();
    },
  });
  request.signal.addEventListener("abort", () => {
    ended = true;
    close();
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: Next's compression would otherwise hold the events back.
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}

async function resolveTopics(actor: Actor, params: URLSearchParams): Promise<Omit<StreamOptions, "actor" | "sessionId">> {
  const staff = isStaff(actor);
  const out: Omit<StreamOptions, "actor" | "sessionId"> = {};
  const number = numberSchema.safeParse(params.get("ticket") ?? "");
  if (number.success) {
    const t = await db.ticket.findFirst({ where: { ...ticketScope(actor), number: number.data }, select: { id: true } });
    if (t) out.ticketId = t.id;
  }
  const desk = params.get("desk");
  if (staff && desk !== null) out.desk = readDeskQuery(new URLSearchParams(desk)).query;
  const board = params.get("board");
  if (staff && board) {
    try {
      out.boardProjectId = (await findBoardProject(actor, board)).id;
    } catch (e) {
      if (!isAppError(e)) throw e;
    }
  }
  if (params.get("portal") === "1") out.portal = true;
  return out;
}
