import "server-only";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { invalid } from "@/lib/errors";
import { recordHistory } from "@/lib/domain/tickets/history";
import { SIDE_LABELS, sideOf, type StoredLink } from "./link-types";

/** What the rules and the history rows need to know about each ticket of a link. */
export interface LinkEnd {
  id: string;
  organizationId: string;
  number: string;
}

/**
 * Writes one relationship row and a history row on both tickets, inside the
 * caller's transaction (the link itself, a duplicate's close, a subtask's
 * creation). Checks the rules that depend on other rows: one link per pair,
 * one parent per ticket, no parent cycle. The unique indexes of migration
 * 20261122120000_relationships back the first two under concurrency; parent
 * links take an organization-wide lock so two links cannot close a cycle
 * between them.
 */
export async function writeLink(
  tx: Tx,
  actorId: string,
  link: StoredLink,
  ends: { source: LinkEnd; target: LinkEnd },
  now = new Date(),
  /** The ticket the user linked from: messages name it first. */
  subjectId = ends.source.id,
) {
  const { source, target } = ends;
  if (source.id === target.id) throw invalid("A ticket cannot be linked to itself.", { targetId: ["Choose another ticket"] });
  if (source.organizationId !== target.organizationId) throw invalid("Tickets of different organizations cannot be linked.");
  const organizationId = source.organizationId;

  if (link.type === "parent") {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`relationships:${organizationId}`}, 0))`;
  }

  const existing = await tx.relationship.findFirst({
    where: { OR: [{ sourceId: source.id, targetId: target.id }, { sourceId: target.id, targetId: source.id }] },
    select: { sourceId: true, type: true },
  });
  if (existing) {
    const [self, other] = subjectId === target.id ? [target, source] : [source, target];
    const label = SIDE_LABELS[sideOf(existing, self.id)].toLowerCase();
    throw invalid(`${self.number} and ${other.number} are already linked (${self.number} ${label} ${other.number}).`, {
      targetId: ["These tickets are already linked"],
    });
  }

  if (link.type === "parent") {
    const parent = await tx.relationship.findFirst({ where: { targetId: target.id, type: "parent" }, select: { id: true } });
    if (parent) throw invalid(`${target.number} already has a parent ticket. Unlink it first.`, { targetId: ["This ticket already has a parent"] });
    // Is the would-be parent already below the child? Then the link would close a loop.
    const [cycle] = await tx.$queryRaw<{ found: boolean }[]>`
      WITH RECURSIVE below(id) AS (
        SELECT r."targetId" FROM "Relationship" r WHERE r."sourceId" = ${target.id}::uuid AND r."type" = 'parent'::"RelationshipType"
        UNION
        SELECT r."targetId" FROM "Relationship" r JOIN below b ON r."sourceId" = b.id WHERE r."type" = 'parent'::"RelationshipType"
      )
      SELECT EXISTS (SELECT 1 FROM below WHERE id = ${source.id}::uuid) AS found`;
    if (cycle?.found) {
      throw invalid(`${target.number} is already above ${source.number}: a ticket cannot become its own ancestor.`, { targetId: ["This link would make a cycle"] });
    }
  }

  let row;
  try {
    row = await tx.relationship.create({
      data: { organizationId, sourceId: source.id, targetId: target.id, type: link.type, createdById: actorId, createdAt: now },
      select: { id: true, sourceId: true, targetId: true, type: true },
    });
  } catch (e) {
    // Lost a race with the same link, or with another parent for the same child.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw invalid(`${source.number} and ${target.number} cannot be linked this way: another link was just made.`);
    throw e;
  }
  await linkHistory(tx, actorId, "relationship_created", row, ends, now);
  return row;
}

/** History on both tickets, each read from its own side ("SUP-3 · Duplicated by"), and their activity time. */
export async function linkHistory(
  tx: Tx,
  actorId: string,
  action: "relationship_created" | "relationship_deleted",
  row: { sourceId: string; type: StoredLink["type"] | "child" },
  ends: { source: LinkEnd; target: LinkEnd },
  now: Date,
) {
  for (const [self, other] of [
    [ends.source, ends.target],
    [ends.target, ends.source],
  ] as const) {
    const value = { field: sideOf(row, self.id), ...(action === "relationship_created" ? { newValue: other.number } : { oldValue: other.number }) };
    await recordHistory(tx, self, actorId, [{ action, ...value }]);
  }
  await tx.ticket.updateMany({ where: { id: { in: [ends.source.id, ends.target.id] } }, data: { updatedAt: now } });
}
