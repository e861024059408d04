import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import { audit, type RequestMeta } from "@/lib/audit";
import { registrationAllowed } from "@/lib/env";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ORG_SLUG_MAX, registerOrganizationSchema, slugFrom, type RegisterOrganizationInput } from "@/lib/validation/registration";
import { WORKFLOW_LABELS } from "@/lib/validation/projects";
import { BUILT_IN_ROLE_NAMES } from "@/lib/auth/permissions";
import { createBuiltInRoles } from "@/lib/domain/roles/built-in-roles";
import { insertProject } from "@/lib/domain/projects/insert-project";
import { signUp, type SignUpAnswer } from "./sign-up";

/** The project a registered organization starts with: a kanban board with the default columns (seed 003). */
export const FIRST_PROJECT = { key: "WORK", name: "Work", workflow: "kanban", numbering: "key_sequence" } as const;

/**
 * The first free slug for a name: "initech", then "initech-2", "initech-3"…
 * Called under a transaction-scoped advisory lock on the base, so two
 * organizations of one name registered at once do not pick the same.
 */
async function freeSlug(tx: Tx, name: string): Promise<string> {
  const base = slugFrom(name);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`organization.slug:${base}`}, 0))`;
  const taken = new Set((await tx.organization.findMany({ where: { slug: { startsWith: base } }, select: { slug: true }, take: 1000 })).map((o) => o.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; n <= 1000; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  return `${base}-${randomUUID().slice(0, 8)}`.slice(0, ORG_SLUG_MAX);
}

/**
 * /register, when the installation allows it (ALLOW_REGISTRATION; otherwise
 * NOT_FOUND, as the page is a 404): in one transaction a new organization
 * (with a slug of its own), its roles as the demo seed makes them, its first
 * admin, a first kanban project with the default columns, the confirmation
 * link by e-mail and the audit row. The founder may sign in at once; nobody
 * in the organization can invite people until they confirm their address
 * (confirmation.ts). The answer is the same when the address already has an
 * account (sign-up.ts).
 */
export async function registerOrganization(raw: RegisterOrganizationInput, meta: RequestMeta, now = new Date(), opts: { allowed?: boolean } = {}): Promise<SignUpAnswer> {
  if (!(opts.allowed ?? registrationAllowed())) throw notFound("Page");
  const input = parseInput(registerOrganizationSchema, raw);
  return signUp(input, meta, {
    kind: "organization",
    organizationId: null,
    now,
    create: async (tx, passwordHash) => {
      const slug = await freeSlug(tx, input.organizationName);
      const org = await tx.organization.create({ data: { name: input.organizationName, slug, registeredAt: now }, select: { id: true, name: true, slug: true } });
      const roles = await createBuiltInRoles(tx, org.id);
      const user = await tx.user.create({
        data: { organizationId: org.id, email: input.email, name: input.name, roleId: roles.admin, passwordHash, registeredAt: now },
        select: { id: true, name: true, email: true, organizationId: true },
      });
      await tx.organization.update({ where: { id: org.id }, data: { unconfirmedFounderId: user.id } });
      const project = await insertProject(tx, { organizationId: org.id, ...FIRST_PROJECT, leadId: user.id, memberIds: [user.id] });
      await audit(
        {
          organizationId: org.id,
          actorId: user.id,
          action: "organization.registered",
          entityType: "Organization",
          entityId: org.id,
          data: {
            old: null,
            new: {
              organization: { name: org.name, slug: org.slug },
              admin: { id: user.id, name: user.name, email: user.email, role: BUILT_IN_ROLE_NAMES.admin, emailConfirmed: false },
              project: { key: project.key, name: project.name, workflow: WORKFLOW_LABELS[project.workflow] },
            },
          },
          ...meta,
        },
        tx,
      );
      return { user, organizationName: org.name, founder: true };
    },
  });
}
