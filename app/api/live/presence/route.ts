import { z } from "zod";
import { defineRoute, jsonResponse } from "@/lib/http/route";
import { parseInput } from "@/lib/validation/parse";
import { assertTicketInScope } from "@/lib/domain/tickets/queries";
import { liveHub } from "@/lib/live/hub";
import { invalid } from "@/lib/errors";

const presenceSchema = z.object({ ticketId: z.uuid({ error: "Choose a ticket" }), replying: z.boolean() });

// The composer on a staff ticket page says when its author starts and stops writing ("X is replying" for the others).
export const POST = defineRoute("live presence", { signedOut: "Sign in first.", staffOnly: true }, async (request, actor) => {
  const body = await request.json().catch(() => {
    throw invalid("Send JSON.", {});
  });
  const input = parseInput(presenceSchema, body);
  await assertTicketInScope(actor, input.ticketId);
  await liveHub().replying(actor, input.ticketId, input.replying);
  return jsonResponse(200, { ok: true });
});
