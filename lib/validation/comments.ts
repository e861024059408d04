import { z } from "zod";
import { text } from "./text";
import { COMMENT_MAX, versionSchema } from "./ticket";

export const editCommentSchema = z
  .object({
    commentId: z.uuid({ error: "Comment not found" }),
    body: text().trim().min(1, "A comment cannot be empty").max(COMMENT_MAX, `A comment must be at most ${COMMENT_MAX.toLocaleString("en")} characters`),
    /** The comment version the author started editing; a later edit elsewhere is a conflict. */
    version: versionSchema,
  })
  .strict();
export type EditCommentInput = z.input<typeof editCommentSchema>;

export const markSolutionSchema = z
  .object({
    commentId: z.uuid({ error: "Comment not found" }),
    /** true marks the reply as the ticket's solution, false unmarks it. */
    solution: z.boolean(),
  })
  .strict();
export type MarkSolutionInput = z.input<typeof markSolutionSchema>;

export const ticketViewSchema = z.object({ ticketId: z.uuid({ error: "Ticket not found" }) }).strict();
