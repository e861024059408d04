"use client";

import { useState } from "react";
import { transitionTicketAction } from "@/lib/actions/tickets";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { useTicketAction } from "@/components/tickets/use-ticket-action";

/** Managers decide on a pending change here; separation of duties is explained, not hidden. */
export function ApprovalPanel({
  ticketId,
  version,
  requesterName,
  itemSummary,
  canApprove,
  canReject,
  explanation,
  children,
}: {
  ticketId: string;
  version: number;
  requesterName: string;
  itemSummary: string;
  canApprove: boolean;
  canReject: boolean;
  explanation: string | null;
  children: React.ReactNode;
}) {
  const { run, pending, error, fieldErrors } = useTicketAction();
  const [rejecting, setRejecting] = useState(false);

  return (
    <section aria-labelledby="approval-heading" className="rounded-lg bg-white p-4 shadow-xs ring-2 ring-sky-200">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="approval-heading" className="text-sm font-semibold text-slate-900">Approval</h2>
          <p className="mt-0.5 text-sm text-slate-600">
            Requested by <span className="font-medium text-slate-800">{requesterName}</span> · {itemSummary}
          </p>
        </div>
        {canApprove || canReject ? (
          <div className="flex gap-2">
            {canApprove ? (
              <Button type="button" disabled={pending} onClick={() => run(() => transitionTicketAction({ ticketId, to: "approved", version }))}>
                Approve
              </Button>
            ) : null}
            {canReject ? (
              <Button type="button" variant="secondary" disabled={pending} onClick={() => setRejecting(true)}>
                Reject
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
      {explanation ? <p className="mt-3 rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900">{explanation}</p> : null}
      <div className="mt-3">{children}</div>
      {!rejecting ? <div className="mt-3"><Notice message={error} fieldErrors={fieldErrors} /></div> : null}
      <ReasonDialog
        open={rejecting}
        title="Reject this change: why?"
        pending={pending}
        error={rejecting ? (fieldErrors.reason?.join(" ") ?? error) : null}
        onClose={() => setRejecting(false)}
        onConfirm={(reason) =>
          run(() => transitionTicketAction({ ticketId, to: "rejected", version, reason })).then((ok) => ok && setRejecting(false))
        }
      />
    </section>
  );
}
