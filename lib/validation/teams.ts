import { z } from "zod";
import { INT4_MAX, text } from "./text";
import { versionSchema } from "./ticket";

// Teams (support groups): what an admin may set on /admin/teams, and how a
// ticket is given to a team, transferred and accepted on the ticket page.

export const TEAM_NAME_MAX = 80;
export const TEAM_DESCRIPTION_MAX = 500;
export const TRANSFER_REASON_MAX = 1000;

/** Teams per page of /admin/teams, members per page of a team's page. */
export const TEAM_PAGE_SIZE = 50;
export const TEAM_MEMBER_PAGE_SIZE = 50;
/** Counts on the admin pages stop here ("10,000+"): read per row, never summed over the table. */
export const TEAM_COUNT_CAP = 10_000;
/**
 * The most teams a select offers (the ticket's "Team", the desk's and board's
 * filter, a project's "Default team"): teams are configuration, tens per
 * organization; past this the first ones by name and the chosen ones are shown.
 */
export const TEAM_OPTIONS_LIMIT = 100;
/** A transfer tells the new team's members; a team is small, and this bounds it whatever an admin built. */
export const TEAM_NOTIFY_CAP = 200;

/** A team's name as typed: trimmed; unique per organization ignoring case (Team_org_lower_name_key). */
export const teamNameSchema = text({ error: "Name the team" })
  .trim()
  .min(1, "Name the team")
  .max(TEAM_NAME_MAX, `A team name is at most ${TEAM_NAME_MAX} characters`)
  .regex(/^[^\p{Cc}]*$/u, "A team name is one line of text");

const description = text().trim().max(TEAM_DESCRIPTION_MAX, `A description is at most ${TEAM_DESCRIPTION_MAX} characters`);
const teamId = z.uuid({ error: "Team not found" });
const userId = z.uuid({ error: "Choose a staff member of your organization" });
const teamVersion = z.number({ error: "Reload the page and try again" }).int().positive().max(INT4_MAX, "Reload the page and try again");

export const createTeamSchema = z.object({ name: teamNameSchema, description: description.default("") }).strict();
export type CreateTeamInput = z.input<typeof createTeamSchema>;

export const updateTeamSchema = z.object({ id: teamId, version: teamVersion, name: teamNameSchema, description: description.default("") }).strict();
export type UpdateTeamInput = z.input<typeof updateTeamSchema>;

export const deleteTeamSchema = z.object({ id: teamId, version: teamVersion }).strict();
export type DeleteTeamInput = z.input<typeof deleteTeamSchema>;

export const addTeamMemberSchema = z.object({ teamId, userId }).strict();
export type AddTeamMemberInput = z.input<typeof addTeamMemberSchema>;

export const removeTeamMemberSchema = z.object({ teamId, userId }).strict();
export type RemoveTeamMemberInput = z.input<typeof removeTeamMemberSchema>;

/** A project's "Default team" (null: none), compare-and-set on the project's updatedAt as its settings form is. */
export const setDefaultTeamSchema = z
  .object({
    projectId: z.uuid({ error: "Project not found" }),
    updatedAt: text({ error: "Reload the page and try again" }).regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/, "Reload the page and try again"),
    teamId: z.uuid({ error: "Choose a team of your organization" }).nullable(),
  })
  .strict();
export type SetDefaultTeamInput = z.input<typeof setDefaultTeamSchema>;

/** /admin/teams?q=&page= and a team page's ?q=&page= (a malformed value reads as the default). */
export const teamListSchema = z.object({
  q: text().trim().max(TEAM_NAME_MAX).catch("").default(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type TeamListInput = z.input<typeof teamListSchema>;

/** GET /api/admin/teams/member-candidates?team=&q= : staff who may be added to a team. */
export const teamMemberCandidatesSchema = z.object({
  team: teamId,
  q: text().trim().max(100, "Search for at most 100 characters").default(""),
});

// ─── On a ticket ─────────────────────────────────────────────────────────────

/**
 * Give the ticket to a team, transfer it to another (with an optional reason,
 * kept in its history) or take it from its team (null).
 */
export const setTicketTeamSchema = z
  .object({
    ticketId: z.uuid({ error: "Ticket not found" }),
    version: versionSchema,
    teamId: z.uuid({ error: "Choose a team of your organization" }).nullable(),
    reason: text().trim().max(TRANSFER_REASON_MAX, `A reason is at most ${TRANSFER_REASON_MAX.toLocaleString("en")} characters`).default(""),
  })
  .strict();
export type SetTicketTeamInput = z.input<typeof setTicketTeamSchema>;

/** A member of the ticket's team takes the unassigned ticket on. */
export const acceptForTeamSchema = z.object({ ticketId: z.uuid({ error: "Ticket not found" }), version: versionSchema }).strict();
export type AcceptForTeamInput = z.input<typeof acceptForTeamSchema>;

/** How a team reads in a sentence: "Network" → "Network team"; a name already ending in "team" is not doubled. */
export function teamPhrase(name: string): string {
  return /\bteam$/i.test(name.trim()) ? name : `${name} team`;
}
