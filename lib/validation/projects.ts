import { z } from "zod";
import type { NumberingScheme, WorkflowKind } from "@/lib/generated/prisma/enums";
import { text } from "./text";

// /admin/projects: what an admin may set on a project. Labels live here (a
// pure module) so that forms, pages and audit texts say the same words.

export const WORKFLOW_LABELS: Record<WorkflowKind, string> = { support: "Support", change: "Change", kanban: "Kanban" };
export const NUMBERING_LABELS: Record<NumberingScheme, string> = { key_sequence: "KEY-N", dated: "TKT-YYYYMMDD-NNNN" };
export const WORKFLOWS = ["support", "change", "kanban"] as const satisfies readonly WorkflowKind[];
export const NUMBERINGS = ["key_sequence", "dated"] as const satisfies readonly NumberingScheme[];

export const PROJECT_NAME_MAX = 100;
export const PROJECT_DESCRIPTION_MAX = 2000;
export const KEY_MESSAGE = "A key is 2–10 capital letters or digits, starting with a letter (e.g. OPS)";

/** A project's key (DESIGN §3: 2–10 capitals or digits, a letter first); the boards' and tickets' key schemas use it too. */
export const PROJECT_KEY_PATTERN = /^[A-Z][A-Z0-9]{1,9}$/;

/** A key an admin types: any case, stored in capitals. */
export const projectKeyInputSchema = text({ error: KEY_MESSAGE }).trim().toUpperCase().regex(PROJECT_KEY_PATTERN, KEY_MESSAGE);

const name = text({ error: "Name the project" }).trim().min(1, "Name the project").max(PROJECT_NAME_MAX, `A name is at most ${PROJECT_NAME_MAX} characters`);
const description = text().trim().max(PROJECT_DESCRIPTION_MAX, `A description is at most ${PROJECT_DESCRIPTION_MAX.toLocaleString("en")} characters`);
const leadId = z.uuid({ error: "Choose a lead from your organization's staff" }).nullable();
const projectId = z.uuid({ error: "Project not found" });
const userId = z.uuid({ error: "Choose a person from your organization" });
/** The project's updatedAt as the page saw it (compare-and-set). */
const seen = text({ error: "Reload the page and try again" }).regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/, "Reload the page and try again");

export const createProjectSchema = z
  .object({
    key: projectKeyInputSchema,
    name,
    workflow: z.enum(WORKFLOWS, { error: "Choose a workflow" }),
    numbering: z.enum(NUMBERINGS, { error: "Choose a numbering" }),
    leadId: leadId.default(null),
    description: description.default(""),
  })
  .strict();
export type CreateProjectInput = z.input<typeof createProjectSchema>;

/** Name, lead, description and (while the project has no tickets) key. */
export const updateProjectSchema = z.object({ projectId, updatedAt: seen, name, leadId, description, key: projectKeyInputSchema.optional() }).strict();
export type UpdateProjectInput = z.input<typeof updateProjectSchema>;

export const archiveProjectSchema = z.object({ projectId, archived: z.boolean() }).strict();
export type ArchiveProjectInput = z.input<typeof archiveProjectSchema>;

export const addMemberSchema = z.object({ projectId, userId, triage: z.boolean().default(false) }).strict();
export type AddMemberInput = z.input<typeof addMemberSchema>;

export const setTriageSchema = z.object({ projectId, userId, triage: z.boolean() }).strict();
export type SetTriageInput = z.input<typeof setTriageSchema>;

export const removeMemberSchema = z.object({ projectId, userId }).strict();
export type RemoveMemberInput = z.input<typeof removeMemberSchema>;

/** Members per page of a project's page. */
export const MEMBER_PAGE_SIZE = 50;
/** Projects per page of /admin/projects (projects are configuration: tens). */
export const PROJECT_PAGE_SIZE = 50;
/** Counts on the list stop here ("10,000+"): they are read per page, never summed over the whole table. */
export const COUNT_CAP = 10_000;

export const projectListSchema = z.object({
  q: text().trim().max(100).catch("").default(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

/** GET /api/admin/projects/member-candidates?project=&q= : people who may be added to a project. */
export const memberCandidatesSchema = z.object({
  project: projectId,
  q: text().trim().max(100, "Search for at most 100 characters").default(""),
});
