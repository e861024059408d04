import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The most projects a filter or switcher lists. Projects are configuration an
 * admin creates (one per team or service: tens, not thousands), so they are
 * listed, not searched; the cap keeps a page bounded should an organization
 * ever hold more (a project past it is still reachable by its key in the URL).
 */
export const PROJECT_OPTIONS_LIMIT = 100;

const SELECT = { id: true, key: true, name: true, workflow: true } as const;
export type ProjectOption = Prisma.ProjectGetPayload<{ select: typeof SELECT }>;

/** The first projects by key that `where` admits, and those already chosen (by key) even past the cap. */
export async function projectOptions(where: Prisma.ProjectWhereInput, chosenKeys: readonly string[] = []): Promise<ProjectOption[]> {
  const [first, chosen] = await Promise.all([
    db.project.findMany({ where, orderBy: { key: "asc" }, take: PROJECT_OPTIONS_LIMIT, select: SELECT }),
    chosenKeys.length ? db.project.findMany({ where: { ...where, key: { in: [...chosenKeys].slice(0, PROJECT_OPTIONS_LIMIT) } }, take: PROJECT_OPTIONS_LIMIT, select: SELECT }) : Promise.resolve([]),
  ]);
  const byKey = new Map([...first, ...chosen].map((p) => [p.key, p]));
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
