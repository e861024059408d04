"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { acceptForTeamAction, setTicketTeamAction } from "@/lib/actions/tickets";
import type { TeamControls } from "@/lib/domain/tickets/page-data";
import { TRANSFER_REASON_MAX } from "@/lib/validation/teams";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useTicketAction } from "./use-ticket-action";

/**
 * The ticket's team: "Team" chooses one (the organization's teams: a capped
 * list), "Transfer" moves it to another with an optional reason (the
 * assignees who are not members of the new team are unassigned, as Zendesk
 * does), and "Accept" lets a member of its team take an unassigned ticket on.
 * Controls are the policy's answers (page-data.ts ticketControls).
 */
export function TeamPanel({ ticketId, version, team }: { ticketId: string; version: number; team: TeamControls }) {
  const router = useRouter();
  const { run, pending, error, fieldErrors } = useTicketAction();
  const [choice, setChoice] = useState(team.current?.id ?? "");
  const [reason, setReason] = useState("");
  const chosen = choice || null;
  const current = team.current?.id ?? null;
  const label = chosen === current ? null : !current ? "Set team" : !chosen ? "Remove team" : "Transfer";

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!label) return;
    // Handing it on may take it out of one's view (a technician unassigned by the transfer): back to the desk then.
    run(
      () => setTicketTeamAction({ ticketId, version, teamId: chosen, reason }),
      (r) => {
        setReason("");
        if (!r.visible) router.push("/desk");
      },
    );
  }

  return (
    <section aria-labelledby="team-heading" className="space-y-3 rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200">
      <div className="flex items-center justify-between gap-2">
        <h2 id="team-heading" className="text-sm font-semibold text-slate-900">
          Team
        </h2>
        {team.canAccept ? (
          <Button type="button" variant="secondary" disabled={pending} onClick={() => run(() => acceptForTeamAction({ ticketId, version }))}>
            Accept
          </Button>
        ) : null}
      </div>
      <p className="text-sm text-slate-700" data-testid="ticket-team">
        {team.current ? team.current.name : <span className="text-slate-500">No team</span>}
      </p>
      {team.canAccept ? <p className="text-xs text-slate-500">Nobody is assigned: accept it to work it yourself.</p> : null}
      {team.canChange ? (
        <form onSubmit={submit} noValidate className="space-y-2">
          <div>
            <label htmlFor="ticket-team-select" className="block text-xs font-medium text-slate-700">
              Team
            </label>
            <select
              id="ticket-team-select"
              value={choice}
              onChange={(e) => setChoice(e.target.value)}
              aria-invalid={fieldErrors.teamId ? true : undefined}
              className={`${inputClass} mt-1`}
            >
              <option value="">No team</option>
              {team.options.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          {current && chosen && chosen !== current ? (
            <div>
              <label htmlFor="ticket-team-reason" className="block text-xs font-medium text-slate-700">
                Reason (optional)
              </label>
              <input
                id="ticket-team-reason"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={TRANSFER_REASON_MAX}
                aria-invalid={fieldErrors.reason ? true : undefined}
                className={`${inputClass} mt-1`}
              />
              <p className="mt-1 text-xs text-slate-500">Kept in the ticket’s history. Assignees outside the new team are unassigned.</p>
            </div>
          ) : null}
          <Button type="submit" variant="secondary" disabled={!label || pending}>
            {label ?? "Transfer"}
          </Button>
        </form>
      ) : null}
      <Notice message={error} fieldErrors={fieldErrors} />
    </section>
  );
}
