import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { forbidden } from "@/lib/errors";
import { mayLink, ticketScopeSql } from "@/lib/domain/tickets/policy";
import { parseInput } from "@/lib/validation/parse";
import { linkSearchSchema } from "@/lib/validation/relationships";

export const LINK_SEARCH_LIMIT = 10;

export interface LinkTarget {
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
}

/**
 * The search as a prefix query: every word typed so far must start a word of
 * the ticket ("lapt fan" finds "Laptop fan is loud", "SUP-1" finds SUP-1 and
 * SUP-12). Words are reduced to letters and digits, so nothing typed can
 * change the query's syntax. Null when nothing searchable was typed.
 */
export function prefixQuery(q: string): string | null {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.slice(0, 8) ?? [];
  return words.length ? words.map((w) => `${w}:*`).join(" & ") : null;
}

/**
 * Tickets to link to, found as the user types (number or words): the desk's
 * full-text column "searchVector" (its GIN index) with prefix matching, in the actor's
 * scope, the exact number first, at most 10, never the ticket being linked.
 */
export async function searchLinkTargets(actor: Actor, raw: { q?: string; exclude?: string }): Promise<LinkTarget[]> {
  if (!mayLink(actor)) throw forbidden("You cannot link tickets");
  const { q, exclude } = parseInput(linkSearchSchema, raw);
  const query = prefixQuery(q);
  if (!query) return [];
  const number = q.toUpperCase();
  const excluded = exclude ? Prisma.sql`AND t."id" <> ${exclude}::uuid` : Prisma.empty;
  return db.$queryRaw<LinkTarget[]>`
    SELECT t."id", t."number", t."title", t."status"::text AS "status"
      FROM "Ticket" t
     WHERE ${ticketScopeSql(actor)} ${excluded}
       AND (t."number" = ${number} OR t."searchVector" @@ to_tsquery('english', ${query}))
     ORDER BY (t."number" = ${number}) DESC, t."updatedAt" DESC, t."id" DESC
     LIMIT ${LINK_SEARCH_LIMIT}`;
}
