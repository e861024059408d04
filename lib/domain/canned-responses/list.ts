import "server-only";
import { sqlRows } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/validation/parse";
import { cannedResponseSearchSchema, CANNED_LIST_LIMIT } from "@/lib/validation/canned-responses";
import { assertStaff, mayManageOrganization } from "./access";
import { cannedResponseSearchSql } from "./search";

interface Row {
  id: string;
  ownerId: string | null;
  title: string;
  body: string;
}

/**
 * The organization's responses and the actor's own, by title, for the
 * management page: at most CANNED_LIST_LIMIT of each (`more` says there are
 * others; `q` finds them by title or text); with what the actor may manage.
 */
export async function listCannedResponses(actor: Actor, raw: { q?: string } = {}) {
  assertStaff(actor);
  const { q } = parseInput(cannedResponseSearchSchema, raw);
  const section = (ownerId: "organization" | "personal") => sqlRows<Row>(cannedResponseSearchSql(actor, q, { limit: CANNED_LIST_LIMIT + 1, ownerId, fullText: true }));
  const [organization, personal] = await Promise.all([section("organization"), section("personal")]);
  return {
    organization: organization.slice(0, CANNED_LIST_LIMIT),
    personal: personal.slice(0, CANNED_LIST_LIMIT),
    more: { organization: organization.length > CANNED_LIST_LIMIT, personal: personal.length > CANNED_LIST_LIMIT },
    q,
    canManageOrganization: mayManageOrganization(actor),
  };
}

export type CannedResponseList = Awaited<ReturnType<typeof listCannedResponses>>;
