import "server-only";
import { audit, type RequestMeta } from "@/lib/audit";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { registerRequesterSchema, type RegisterRequesterInput } from "@/lib/validation/registration";
import { PROJECT_OPTIONS_LIMIT } from "@/lib/domain/projects/options";
import { insertMembership } from "@/lib/domain/projects/members";
import { portalSignUp } from "./portal-sign-up";
import { signUp, type SignUpAnswer } from "./sign-up";

/**
 * /register/[orgSlug], when the organization lets requesters register
 * (portal-sign-up.ts; otherwise NOT_FOUND, as the page is a 404): a requester
 * of that organization — the built-in Requester role, a member of its active
 * support projects so that they can open requests — who cannot sign in until
 * they confirm their address with the e-mailed link. One transaction with the
 * confirmation e-mail and the audit rows; the same answer when the address
 * already has an account (sign-up.ts).
 */
export async function registerRequester(raw: RegisterRequesterInput, meta: RequestMeta, now = new Date()): Promise<SignUpAnswer> {
  const input = parseInput(registerRequesterSchema, raw);
  const portal = await portalSignUp(input.orgSlug);
  if (!portal) throw notFound("Page");
  const organizationId = portal.organization.id;
  return signUp(input, meta, {
    kind: "requester",
    organizationId,
    now,
    create: async (tx, passwordHash) => {
      const user = await tx.user.create({
        data: { organizationId, email: input.email, name: input.name, roleId: portal.requesterRole.id, passwordHash, registeredAt: now },
        select: { id: true, name: true, email: true, organizationId: true },
      });
      const projects = await tx.project.findMany({
        where: { organizationId, workflow: "support", archived: false },
        orderBy: { key: "asc" },
        take: PROJECT_OPTIONS_LIMIT,
        select: { id: true, key: true },
      });
      const by = { organizationId, actorId: user.id };
      for (const project of projects) await insertMembership(tx, by, meta, project, user, false);
      await audit(
        {
          organizationId,
          actorId: user.id,
          action: "user.registered",
          entityType: "user",
          entityId: user.id,
          data: { old: null, new: { email: user.email, name: user.name, role: portal.requesterRole.name, status: "unconfirmed", projects: projects.map((p) => p.key) } },
          ...meta,
        },
        tx,
      );
      return { user, organizationName: portal.organization.name, founder: false };
    },
  });
}
