"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { revokeApiTokenAction } from "@/lib/actions/api-tokens";
import { TOKEN_STATUS_LABELS, type TokenStatus } from "@/lib/validation/api-tokens";
import { Button } from "@/components/ui/button";
import { MutedBadge } from "@/components/ui/badges";
import { Notice } from "@/components/ui/notice";
import { useModalDialog } from "@/components/ui/use-modal-dialog";
import type { ShownTime, TokenRow } from "./rows";

type Feedback = { tone: "success" | "error"; text: string } | null;

const STATUS_TONE: Record<TokenStatus, string> = {
  active: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  expired: "bg-amber-50 text-amber-800 ring-amber-600/20",
  revoked: "bg-slate-100 text-slate-600 ring-slate-500/20",
};

function StatusBadge({ status }: { status: TokenStatus }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${STATUS_TONE[status]}`}>{TOKEN_STATUS_LABELS[status]}</span>;
}

/** "2026-12-02 15:10": the day and the time may sit on two lines, so that a laptop shows every column. */
function When({ at, none }: { at: ShownTime | null; none: string }) {
  if (!at) return <span className="text-slate-500">{none}</span>;
  const [day, time] = at.text.split(" ");
  return (
    <time dateTime={at.iso} title={at.title}>
      <span className="whitespace-nowrap">{day}</span> <span className="whitespace-nowrap">{time}</span>
    </time>
  );
}

/**
 * "Revoke": a dialog asks "Revoke <name>?" and says what follows; the outcome
 * is said above the table. The server decides whose tokens the viewer may
 * revoke (their own; admins any of the organization's).
 */
function RevokeButton({ row, label, onFeedback }: { row: TokenRow; label: string; onFeedback: (f: Feedback) => void }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const ref = useModalDialog(open);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const uid = useId();

  function close() {
    setOpen(false);
    setMessage(null);
  }

  function revoke(e: React.FormEvent) {
    e.preventDefault();
    setMessage(null);
    startTransition(async () => {
      const res = await revokeApiTokenAction({ tokenId: row.id });
      if (!res.ok) {
        setMessage(res.message);
        if (res.code === "NOT_FOUND") router.refresh();
        return;
      }
      close();
      onFeedback({ tone: "success", text: `“${row.name}” was revoked. Anything using it can no longer sign in with it.` });
      router.refresh();
    });
  }

  return (
    <>
      <Button
        type="button"
        variant="secondary"
        className="px-2.5 py-1.5 text-red-700"
        aria-label={label}
        onClick={() => {
          onFeedback(null);
          setOpen(true);
        }}
      >
        Revoke
      </Button>
      {/* Rendered inside the row's right-aligned, unwrapped cell: the dialog sets its own alignment and wrapping. */}
      <dialog ref={ref} onClose={close} aria-labelledby={`${uid}-title`} className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl p-0 text-left whitespace-normal shadow-xl backdrop:bg-slate-900/40">
        <form onSubmit={revoke} noValidate className="space-y-4 p-6">
          <div>
            <h2 id={`${uid}-title`} className="text-base font-semibold break-words">
              Revoke “{row.name}”?
            </h2>
            <p className="mt-1 text-sm text-slate-600">
              Every script or system using <span className="font-mono text-xs">{row.prefix}</span> stops working at once. This cannot be undone: a new token would have to be created and
              given to them.
            </p>
          </div>
          <Notice message={message} />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? "Revoking…" : "Revoke token"}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}

const TH = "px-3 py-2.5 first:pl-4";
const TD = "px-3 py-2.5 text-slate-700";

/**
 * A list of tokens: name, the secret's first characters, scope, when made,
 * last used and expiring, status, and "Revoke" on each active one. With
 * owners (admins' view of the organization), whose each token is.
 */
export function TokenTable({ caption, rows, empty, withOwner = false }: { caption: string; rows: TokenRow[]; empty: string; withOwner?: boolean }) {
  const [feedback, setFeedback] = useState<Feedback>(null);
  const columns = [...(withOwner ? ["Owner"] : []), "Name", "Token", "Scope", "Created", "Last used", "Expires", "Status"];
  return (
    <div className="space-y-3">
      <div aria-live="polite">
        {feedback ? (
          <div
            role={feedback.tone === "error" ? "alert" : "status"}
            data-testid="tokens-feedback"
            className={
              feedback.tone === "error"
                ? "rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-600/20 ring-inset"
                : "rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-600/20 ring-inset"
            }
          >
            {feedback.text}
          </div>
        ) : null}
      </div>
      {/* A phone scrolls the table inside its card (focusable, for a keyboard), never the page. */}
      <div tabIndex={0} className="relative overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200 focus-visible:outline-2 focus-visible:outline-brand-600">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase">
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col" className={TH}>
                  {c}
                </th>
              ))}
              <th scope="col" className="py-2.5 pr-4 pl-3 text-right">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length + 1} className="px-4 py-8 text-center text-slate-500">
                  {empty}
                </td>
              </tr>
            ) : (
              rows.map((r) => (
                <tr key={r.id} className="align-middle">
                  {r.owner ? (
                    <td className="py-2.5 pr-3 pl-4">
                      <div className="flex items-center gap-2 whitespace-nowrap">
                        <span className="font-medium text-slate-900">{r.owner.name}</span>
                        {r.owner.active ? null : <MutedBadge>Deactivated</MutedBadge>}
                      </div>
                      <div className="whitespace-nowrap text-slate-500">{r.owner.email}</div>
                    </td>
                  ) : null}
                  <th scope="row" className="max-w-72 min-w-32 px-3 py-2.5 text-left font-medium break-words text-slate-900 first:pl-4">
                    {r.name}
                  </th>
                  <td className={`${TD} whitespace-nowrap`}>
                    <code className="font-mono text-xs text-slate-700">{r.prefix}</code>
                  </td>
                  <td className={TD}>{r.scope}</td>
                  <td className={TD}>
                    <When at={r.created} none="—" />
                  </td>
                  <td className={TD}>
                    <When at={r.lastUsed} none="Never" />
                  </td>
                  <td className={TD}>
                    <When at={r.expires} none="Never" />
                  </td>
                  <td className="px-3 py-2.5">
                    <StatusBadge status={r.status} />
                  </td>
                  <td className="py-2.5 pr-4 pl-3 text-right">
                    {r.status === "active" ? <RevokeButton row={r} label={r.owner ? `Revoke ${r.name} of ${r.owner.name}` : `Revoke ${r.name}`} onFeedback={setFeedback} /> : null}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
