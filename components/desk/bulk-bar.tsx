"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { bulkAddTagAction, bulkAssignAction, bulkLinkAction, bulkTransitionAction } from "@/lib/actions/desk";
import { LINK_SIDES, SIDE_LABELS, type LinkSide } from "@/lib/domain/relationships/link-types";
import type { LinkTarget } from "@/lib/domain/relationships/search-targets";
import { TicketPicker } from "@/components/relationships/ticket-picker";
import { STATUS_LABELS } from "@/lib/domain/tickets/workflow";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { PeoplePicker, type Person } from "@/components/ui/search-combobox";

interface Result {
  ticketId: string;
  number: string | null;
  ok: boolean;
  message?: string;
  openChildren?: true;
}

/** Bulk actions on the selection: each ticket goes through the same domain function; the result says which failed and why. */
export function BulkBar({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [assignee, setAssignee] = useState<Person | null>(null);
  const [status, setStatus] = useState("");
  const [reason, setReason] = useState("");
  const [tag, setTag] = useState("");
  const [linkSide, setLinkSide] = useState<LinkSide>("related_to");
  const [linkTarget, setLinkTarget] = useState<LinkTarget | null>(null);
  const [closeDuplicates, setCloseDuplicates] = useState(true);
  const duplicateLink = linkSide === "duplicates" || linkSide === "duplicated_by";
  const [results, setResults] = useState<Result[] | null>(null);
  // The last bulk move, to repeat for parents whose open subtasks the user has now seen.
  const [lastMove, setLastMove] = useState<{ to: string; reason?: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  function run(action: () => Promise<{ ok: true; data: { results: Result[] } } | { ok: false; message: string }>, move: { to: string; reason?: string } | null = null) {
    setError(null);
    setLastMove(move);
    startTransition(async () => {
      const res = await action();
      if (!res.ok) {
        setError(res.message);
        return;
      }
      setResults(res.data.results);
      // With failures the bar (and the selection) stays, so the list of what failed and why can be read.
      if (res.data.results.every((r) => r.ok)) onDone();
      router.refresh();
    });
  }

  const failed = results?.filter((r) => !r.ok) ?? [];
  const parents = lastMove ? failed.filter((r) => r.openChildren) : [];
  const moveParents = () => {
    if (!lastMove) return;
    const move = lastMove;
    const parentIds = parents.map((r) => r.ticketId);
    // Keep the other failures on screen: the retry's results replace only the parents' lines.
    run(async () => {
      const res = await bulkTransitionAction({ ticketIds: parentIds, to: move.to, ...(move.reason ? { reason: move.reason } : {}), confirmOpenChildren: true });
      if (!res.ok) return res;
      const byId = new Map(res.data.results.map((r) => [r.ticketId, r]));
      return { ok: true as const, data: { results: (results ?? []).map((r) => byId.get(r.ticketId) ?? r) } };
    }, move);
  };
  return (
    <section aria-label="Bulk actions" className="space-y-2 rounded-lg bg-brand-50 p-3 ring-1 ring-brand-200">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <span className="font-medium text-brand-900">{ids.length} selected</span>
        <form className="flex items-end gap-1.5" onSubmit={(e) => { e.preventDefault(); if (assignee) run(() => bulkAssignAction({ ticketIds: ids, assigneeId: assignee.id })); }}>
          <PeoplePicker label="Assign to" labelClassName="block text-xs text-slate-600" className="w-44" value={assignee} onPick={setAssignee} />
          <Button type="submit" variant="secondary" disabled={!assignee || pending}>Assign</Button>
        </form>
        <form className="flex items-end gap-1.5" onSubmit={(e) => { e.preventDefault(); if (status) run(() => bulkTransitionAction({ ticketIds: ids, to: status, ...(reason ? { reason } : {}) }), { to: status, ...(reason ? { reason } : {}) }); }}>
          <label className="text-xs text-slate-600">
            Move to
            <select value={status} onChange={(e) => setStatus(e.target.value)} className={`${inputClass} mt-0.5 w-44`}>
              <option value="">Choose…</option>
              {Object.entries(STATUS_LABELS).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
            </select>
          </label>
          <label className="text-xs text-slate-600">
            Reason (if needed)
            <input value={reason} onChange={(e) => setReason(e.target.value)} className={`${inputClass} mt-0.5 w-44`} />
          </label>
          <Button type="submit" variant="secondary" disabled={!status || pending}>Move</Button>
        </form>
        <form className="flex items-end gap-1.5" onSubmit={(e) => { e.preventDefault(); if (tag.trim()) run(() => bulkAddTagAction({ ticketIds: ids, tag: tag.trim().toLowerCase() })); }}>
          <label className="text-xs text-slate-600">
            Add tag
            <input value={tag} onChange={(e) => setTag(e.target.value)} className={`${inputClass} mt-0.5 w-36`} />
          </label>
          <Button type="submit" variant="secondary" disabled={!tag.trim() || pending}>Tag</Button>
        </form>
        {/* Link to…: each selected ticket <type> the chosen one, through the ticket page's link rules. */}
        <form aria-label="Link to…" className="flex items-end gap-1.5" onSubmit={(e) => { e.preventDefault(); if (linkTarget) run(() => bulkLinkAction({ ticketIds: ids, targetId: linkTarget.id, side: linkSide, closeDuplicate: duplicateLink && closeDuplicates })); }}>
          <label className="text-xs text-slate-600">
            Link type
            <select value={linkSide} onChange={(e) => setLinkSide(e.target.value as LinkSide)} className={`${inputClass} mt-0.5 w-36`}>
              {LINK_SIDES.map((s) => <option key={s} value={s}>{SIDE_LABELS[s]}</option>)}
            </select>
          </label>
          <div className="w-60"><TicketPicker value={linkTarget} onChange={setLinkTarget} /></div>
          {duplicateLink ? (
            <label className="mb-1.5 flex items-center gap-1.5 text-xs text-slate-700 max-md:min-h-11">
              <input type="checkbox" checked={closeDuplicates} onChange={(e) => setCloseDuplicates(e.target.checked)} className="h-4 w-4 rounded border-slate-300 text-brand-600" />
              {linkSide === "duplicates" ? "Close the selected tickets" : "Close the chosen ticket"}
            </label>
          ) : null}
          <Button type="submit" variant="secondary" disabled={!linkTarget || pending}>Link</Button>
        </form>
      </div>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {results ? (
        <div role="status" className="text-sm">
          <p className="text-slate-800">
            {results.length - failed.length} of {results.length} done{failed.length ? `; ${failed.length} failed:` : "."}
          </p>
          {failed.length ? (
            <ul className="mt-1 list-disc pl-5 text-red-800">
              {failed.map((r) => <li key={r.ticketId}>{r.number ?? "A ticket"}: {r.message}</li>)}
            </ul>
          ) : null}
          {parents.length ? (
            <Button type="button" variant="secondary" className="mt-2" disabled={pending} onClick={moveParents}>
              Move {parents.length === 1 ? "it" : `these ${parents.length}`} anyway
            </Button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
