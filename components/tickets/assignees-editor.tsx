"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { acceptTicketAction, setAssigneesAction, transferTicketAction } from "@/lib/actions/tickets";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { PeoplePicker, type Person } from "@/components/ui/search-combobox";
import { useTicketAction } from "./use-ticket-action";

/**
 * Several assignees, one primary; assigners edit the list, assignees accept.
 * People are found by typing (components/ui/people-picker.tsx): the page
 * sends only the current assignees' names, never the organization's staff.
 */
export function AssigneesEditor({
  ticketId,
  version,
  current,
  canAssign,
  canAccept,
  canTransfer,
  acceptedBy,
}: {
  ticketId: string;
  version: number;
  current: { userId: string; name: string; isPrimary: boolean }[];
  canAssign: boolean;
  canAccept: boolean;
  canTransfer: boolean;
  acceptedBy: string | null;
}) {
  const router = useRouter();
  const { run, pending, error, fieldErrors } = useTicketAction();
  const [selected, setSelected] = useState<string[]>(current.map((c) => c.userId));
  // Everyone shown in the list: the current assignees and whoever was picked since (unticked ones stay until saved).
  const [people, setPeople] = useState<Person[]>(current.map((c) => ({ id: c.userId, name: c.name })));
  const [transferTo, setTransferTo] = useState<Person | null>(null);
  const [primary, setPrimary] = useState<string | null>(current.find((c) => c.isPrimary)?.userId ?? current[0]?.userId ?? null);

  if (!canAssign && !canAccept && !canTransfer && !acceptedBy) return null;
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const add = (p: Person | null) => {
    if (!p) return;
    setPeople((list) => (list.some((x) => x.id === p.id) ? list : [...list, p]));
    setSelected((s) => (s.includes(p.id) ? s : [...s, p.id]));
  };

  return (
    <section aria-labelledby="assign-heading" className="space-y-3 rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200">
      <div className="flex items-center justify-between">
        <h2 id="assign-heading" className="text-sm font-semibold text-slate-900">Assignment</h2>
        {canAccept ? (
          <Button type="button" variant="secondary" disabled={pending} onClick={() => run(() => acceptTicketAction({ ticketId, version }))}>
            Accept
          </Button>
        ) : null}
      </div>
      {acceptedBy ? <p className="text-sm text-slate-600">Accepted by {acceptedBy}</p> : null}
      {canAssign ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            run(() => setAssigneesAction({ ticketId, version, assigneeIds: selected, primaryId: primary && selected.includes(primary) ? primary : (selected[0] ?? null) }));
          }}
          className="space-y-2"
        >
          <fieldset>
            <legend className="sr-only">Assignees</legend>
            {people.length === 0 ? <p className="text-sm text-slate-500">Nobody is assigned.</p> : null}
            <ul className="max-h-56 space-y-1 overflow-y-auto">
              {people.map((u) => (
                <li key={u.id} className="flex items-center justify-between gap-2 text-sm">
                  <label className="flex items-center gap-2 max-md:min-h-11">
                    <input type="checkbox" checked={selected.includes(u.id)} onChange={() => toggle(u.id)} className="h-4 w-4 rounded border-slate-300" />
                    {u.name}
                  </label>
                  {selected.includes(u.id) && selected.length > 1 ? (
                    <label className="flex items-center gap-1 text-xs text-slate-600 max-md:min-h-11">
                      <input type="radio" name="primary" checked={primary === u.id} onChange={() => setPrimary(u.id)} aria-label={`Primary: ${u.name}`} />
                      Primary
                    </label>
                  ) : null}
                </li>
              ))}
            </ul>
          </fieldset>
          <PeoplePicker label="Add assignee" exclude={selected} onPick={add} />
          <Button type="submit" variant="secondary" disabled={pending}>Save assignees</Button>
        </form>
      ) : null}
      {canTransfer ? (
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            // Handing it over may take it out of the technician's view: go back to the desk.
            if (transferTo) run(() => transferTicketAction({ ticketId, version, toUserId: transferTo.id }), () => router.push("/desk"));
          }}
        >
          <PeoplePicker label="Transfer to" placeholder="Type a colleague's name…" className="grow" exclude={current.map((c) => c.userId)} value={transferTo} onPick={setTransferTo} />
          <Button type="submit" variant="secondary" disabled={!transferTo || pending}>Transfer</Button>
        </form>
      ) : null}
      <Notice message={error} fieldErrors={fieldErrors} />
    </section>
  );
}
