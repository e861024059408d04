"use client";

import Link from "next/link";
import { useState } from "react";
import { linkTicketAction, unlinkTicketAction } from "@/lib/actions/relationships";
import { LINK_SIDES, SIDE_LABELS, type LinkSide } from "@/lib/domain/relationships/link-types";
import type { LinkView } from "@/lib/domain/relationships/list-links";
import type { LinkTarget } from "@/lib/domain/relationships/search-targets";
import { StatusBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useTicketAction } from "@/components/tickets/use-ticket-action";
import { TicketPicker } from "./ticket-picker";

/** One linked ticket: how it relates (from this ticket's side), its number, title and status. */
export function LinkRow({ link, href, action }: { link: LinkView; href: string; action?: React.ReactNode }) {
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
      <span className="w-28 shrink-0 text-xs font-medium text-slate-500">{link.label}</span>
      <Link href={href} className="font-mono text-xs text-brand-700 hover:underline">
        {link.ticket.number}
      </Link>
      <span className={`min-w-0 flex-1 truncate ${link.ticket.done ? "text-slate-500 line-through decoration-slate-300" : "text-slate-900"}`}>{link.ticket.title}</span>
      <StatusBadge status={link.ticket.status} />
      {action}
    </li>
  );
}

/**
 * The ticket's links, both directions, read from this ticket's side. Staff
 * who may link get the "Add link" form and "Unlink" buttons; the portal shows
 * the list read-only (the server lists only tickets the viewer may see).
 */
export function LinksPanel({ ticketId, links, canLink, hrefBase }: { ticketId: string; links: LinkView[]; canLink: boolean; hrefBase: string }) {
  const { run, pending, error, fieldErrors } = useTicketAction();
  const [side, setSide] = useState<LinkSide>("related_to");
  const [other, setOther] = useState<LinkTarget | null>(null);
  const [closeDuplicate, setCloseDuplicate] = useState(true);
  const [pickerKey, setPickerKey] = useState(0);
  const [missing, setMissing] = useState(false);
  const duplicate = side === "duplicates" || side === "duplicated_by";
  const otherError = missing ? ["Choose a ticket from the list"] : fieldErrors.otherId;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!other) {
      setMissing(true);
      return;
    }
    run(() => linkTicketAction({ ticketId, side, otherId: other.id, closeDuplicate: duplicate && closeDuplicate })).then((ok) => {
      if (!ok) return;
      setOther(null);
      setPickerKey((k) => k + 1);
    });
  }

  return (
    <section aria-labelledby="links-heading" className="rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200">
      <h2 id="links-heading" className="text-sm font-semibold text-slate-900">
        Links
      </h2>
      {links.length ? (
        <ul aria-label="Linked tickets" className="mt-2 divide-y divide-slate-100">
          {links.map((l) => (
            <LinkRow
              key={l.id}
              link={l}
              href={`${hrefBase}/${l.ticket.number}`}
              action={
                canLink ? (
                  <button
                    type="button"
                    disabled={pending}
                    aria-label={`Unlink ${l.ticket.number}`}
                    onClick={() => run(() => unlinkTicketAction({ relationshipId: l.id }))}
                    className="rounded px-2 py-1 text-xs font-medium text-slate-600 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 disabled:text-slate-400"
                  >
                    Unlink
                  </button>
                ) : null
              }
            />
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-slate-500">No linked tickets.</p>
      )}

      {canLink ? (
        <form onSubmit={submit} aria-label="Add link" className="mt-3 space-y-3 border-t border-slate-100 pt-3">
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Add link</h3>
          <div className="grid gap-3 sm:grid-cols-[11rem_1fr_auto] sm:items-end">
            <label className="block text-xs font-medium text-slate-600">
              Link type
              <select value={side} onChange={(e) => setSide(e.target.value as LinkSide)} className={`${inputClass} mt-0.5`}>
                {LINK_SIDES.map((s) => (
                  <option key={s} value={s}>
                    {SIDE_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
            <TicketPicker
              key={pickerKey}
              excludeId={ticketId}
              value={other}
              onChange={(t) => {
                setOther(t);
                setMissing(false);
              }}
              invalid={!!otherError}
              describedBy={otherError ? "link-other-error" : undefined}
            />
            <Button type="submit" disabled={pending}>
              {pending ? "Linking…" : "Link"}
            </Button>
          </div>
          {otherError ? (
            <p id="link-other-error" className="text-sm text-red-600">
              {otherError.join(" ")}
            </p>
          ) : null}
          {duplicate ? (
            <label className="flex items-center gap-2 text-sm text-slate-700 max-md:min-h-11">
              <input type="checkbox" checked={closeDuplicate} onChange={(e) => setCloseDuplicate(e.target.checked)} className="h-4 w-4 rounded border-slate-300 text-brand-600" />
              Close the duplicate (support tickets)
            </label>
          ) : null}
          {/* The domain's message names both tickets ("SUP-3 and SUP-5 are already linked …"). */}
          <Notice message={fieldErrors.otherId ? null : error} />
        </form>
      ) : null}
    </section>
  );
}
