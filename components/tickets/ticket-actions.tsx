"use client";

import { useState } from "react";
import { transitionTicketAction } from "@/lib/actions/tickets";
import type { MoveButton } from "@/lib/domain/tickets/page-data";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { inputClass } from "@/components/ui/field";
import { useTicketAction } from "./use-ticket-action";
import { OpenChildrenDialog } from "@/components/relationships/open-children-dialog";
import { CONFIRM_OPEN_CHILDREN } from "@/lib/domain/relationships/link-types";

const DANGER = new Set(["Reject", "Cancel request", "Roll back"]);

/** Exactly the moves the signed-in user may make now, plus "Move to" for kanban cards. */
export function TicketActions({
  ticketId,
  version,
  moves,
  columns,
}: {
  ticketId: string;
  version: number;
  moves: MoveButton[];
  columns: { id: string; name: string }[];
}) {
  const { run, pending, error, fieldErrors } = useTicketAction();
  const [asking, setAsking] = useState<MoveButton | null>(null);
  const [columnId, setColumnId] = useState("");
  // A parent with open subtasks: the refusal lists them, and "Confirm" repeats the move with confirmOpenChildren.
  const [retry, setRetry] = useState<{ label: string; confirm: () => void } | null>(null);
  const openChildren = retry ? fieldErrors[CONFIRM_OPEN_CHILDREN] : undefined;

  if (moves.length === 0 && columns.length === 0) return null;

  const move = (m: MoveButton, reason?: string, confirmOpenChildren?: true) => {
    setRetry({ label: m.label, confirm: () => move(m, reason, true) });
    return run(() => transitionTicketAction({ ticketId, to: m.to, version, ...(reason ? { reason } : {}), ...(confirmOpenChildren ? { confirmOpenChildren } : {}) })).then((ok) => {
      if (ok || !m.needsReason) setAsking(null);
    });
  };
  const moveColumn = (confirmOpenChildren?: true) => {
    setRetry({ label: "Move", confirm: () => moveColumn(true) });
    return run(() => transitionTicketAction({ ticketId, columnId, version, ...(confirmOpenChildren ? { confirmOpenChildren } : {}) }));
  };

  return (
    <section aria-label="Actions" className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        {moves.map((m) => (
          <Button
            key={m.to}
            type="button"
            variant={DANGER.has(m.label) ? "secondary" : m === moves[0] ? "primary" : "secondary"}
            disabled={pending}
            onClick={() => (m.needsReason ? setAsking(m) : move(m))}
          >
            {m.label}
          </Button>
        ))}
        {columns.length ? (
          <form
            className="flex items-center gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (columnId) moveColumn();
            }}
          >
            <label htmlFor="move-to" className="text-sm text-slate-700">
              Move to
            </label>
            <select id="move-to" value={columnId} onChange={(e) => setColumnId(e.target.value)} className={`${inputClass} w-44`}>
              <option value="">Choose a column…</option>
              {columns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <Button type="submit" variant="secondary" disabled={!columnId || pending}>
              Move
            </Button>
          </form>
        ) : null}
      </div>
      {!asking && !openChildren ? <Notice message={error} fieldErrors={fieldErrors} /> : null}
      <OpenChildrenDialog open={!!openChildren} action={retry?.label ?? ""} items={openChildren ?? []} pending={pending} onConfirm={() => retry?.confirm()} onClose={() => setRetry(null)} />
      <ReasonDialog
        open={!!asking}
        title={asking ? `${asking.label}: why?` : ""}
        pending={pending}
        error={asking ? (fieldErrors.reason?.join(" ") ?? error) : null}
        onClose={() => setAsking(null)}
        onConfirm={(reason) => asking && move(asking, reason)}
      />
    </section>
  );
}
