"use client";

import { useState } from "react";
import { updateTicketAction } from "@/lib/actions/tickets";
import type { TicketDetail } from "@/lib/domain/tickets/queries";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { AssetPicker, CustomerPicker, PeoplePicker } from "@/components/ui/search-combobox";
import { assetLabel } from "@/lib/domain/assets/label";
import { IMPORTANCE_LABELS, PRIORITY_LABELS, TYPE_LABELS, URGENCY_LABELS } from "@/lib/domain/tickets/labels";
import type { TicketType } from "@/lib/generated/prisma/enums";
import { useTicketAction } from "./use-ticket-action";
import { useTicketChanged, useUnsavedEdits } from "@/components/live/ticket-changes";

const TYPES: Record<string, string[]> = {
  support: ["request", "incident", "problem", "question"],
  change: ["change"],
  kanban: ["task", "bug", "story", "epic"],
};

const day = (d: Date | null) => (d ? new Date(d).toISOString().slice(0, 10) : "");
const local = (d: Date | null) => (d ? new Date(d).toISOString().slice(0, 16) : "");

/** Edits exactly the fields this user may write; only changed fields are sent. */
export function FieldsEditor({ ticket, writable }: { ticket: TicketDetail; writable: readonly string[] }) {
  const { run, pending, error, fieldErrors } = useTicketAction();
  const initial = {
    title: ticket.title,
    description: ticket.description,
    priority: ticket.priority,
    type: ticket.type,
    dueDate: day(ticket.dueDate),
    startDate: day(ticket.startDate),
    urgency: ticket.urgency ?? "",
    importance: ticket.importance ?? "",
    scheduledAt: local(ticket.scheduledAt),
    estimatedMinutes: ticket.estimatedMinutes ? String(ticket.estimatedMinutes) : "",
    deploymentNotes: ticket.deploymentNotes ?? "",
    reviewerId: ticket.reviewerId ?? "",
    assetId: ticket.assetId ?? "",
    tags: ticket.tags.map((t) => t.tag.name).join(", "),
    customerId: ticket.customer?.id ?? "",
  };
  const [v, setV] = useState(initial);
  // The reviewer is found by typing; only the current one's name comes with the page.
  // Likewise the target asset: found by typing its tag or name; only the current one comes with the page.
  const [asset, setAsset] = useState(ticket.asset ? { id: ticket.asset.id, name: assetLabel(ticket.asset) } : null);
  const [reviewer, setReviewer] = useState(ticket.reviewer ? { id: ticket.reviewer.id, name: ticket.reviewer.name } : null);
  // The customer likewise: found by typing its name.
  const [customer, setCustomer] = useState(ticket.customer ? { id: ticket.customer.id, name: ticket.customer.name } : null);
  const w = (k: string) => writable.includes(k);
  const wf = ticket.project.workflow;
  const set = (k: keyof typeof initial) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setV((s) => ({ ...s, [k]: e.target.value }));

  function changes() {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(initial) as (keyof typeof initial)[]) {
      if (!w(k) || v[k] === initial[k]) continue;
      const val = v[k];
      if (k === "tags") out.tags = val.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
      else if (k === "estimatedMinutes") out[k] = val ? Number(val) : null;
      else if (k === "scheduledAt") out[k] = val ? new Date(val).toISOString() : null;
      else if (["dueDate", "startDate", "urgency", "importance", "reviewerId", "assetId", "deploymentNotes", "customerId"].includes(k)) out[k] = val || null;
      else out[k] = val;
    }
    return out;
  }

  const unsaved = Object.keys(changes()).length > 0;
  useUnsavedEdits("fields", unsaved);
  const stale = useTicketChanged() && unsaved;

  if (writable.length === 0) return null;
  const err = (k: string) => fieldErrors[k] ?? fieldErrors[`changes.${k}`];

  return (
    <form
      aria-label="Edit ticket"
      onSubmit={(e) => {
        e.preventDefault();
        const c = changes();
        if (Object.keys(c).length) run(() => updateTicketAction({ ticketId: ticket.id, version: ticket.version, changes: c }));
      }}
      className="space-y-3 rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200"
    >
      <h2 className="text-sm font-semibold text-slate-900">Edit</h2>
      {stale ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-600/20">
          This ticket changed since you opened this form: saving would be refused. Copy what you need, then reload the ticket.
        </p>
      ) : null}
      {w("title") ? <Field id="edit-title" label="Title" error={err("title")}><input id="edit-title" value={v.title} onChange={set("title")} className={inputClass} /></Field> : null}
      {w("description") ? <Field id="edit-description" label="Description" error={err("description")}><textarea id="edit-description" rows={3} value={v.description} onChange={set("description")} className={inputClass} /></Field> : null}
      <div className="grid grid-cols-2 gap-3">
        {w("priority") ? (
          <Field id="edit-priority" label="Priority" error={err("priority")}>
            <select id="edit-priority" value={v.priority} onChange={set("priority")} className={inputClass}>
              {Object.entries(PRIORITY_LABELS).map(([p, label]) => <option key={p} value={p}>{label}</option>)}
            </select>
          </Field>
        ) : null}
        {w("type") && TYPES[wf].length > 1 ? (
          <Field id="edit-type" label="Type" error={err("type")}>
            <select id="edit-type" value={v.type} onChange={set("type")} className={inputClass}>
              {TYPES[wf].map((t) => <option key={t} value={t}>{TYPE_LABELS[t as TicketType] ?? t}</option>)}
            </select>
          </Field>
        ) : null}
        {w("dueDate") ? <Field id="edit-due" label="Due date" error={err("dueDate")}><input id="edit-due" type="date" value={v.dueDate} onChange={set("dueDate")} className={inputClass} /></Field> : null}
        {wf === "kanban" && w("startDate") ? <Field id="edit-start" label="Start date" error={err("startDate")}><input id="edit-start" type="date" value={v.startDate} onChange={set("startDate")} className={inputClass} /></Field> : null}
        {wf === "kanban" && w("urgency") ? (
          <Field id="edit-urgency" label="Urgency" error={err("urgency")}>
            <select id="edit-urgency" value={v.urgency} onChange={set("urgency")} className={inputClass}>
              <option value="">—</option>
              {Object.entries(URGENCY_LABELS).map(([p, label]) => <option key={p} value={p}>{label}</option>)}
            </select>
          </Field>
        ) : null}
        {wf === "kanban" && w("importance") ? (
          <Field id="edit-importance" label="Importance" error={err("importance")}>
            <select id="edit-importance" value={v.importance} onChange={set("importance")} className={inputClass}>
              <option value="">—</option>
              {Object.entries(IMPORTANCE_LABELS).map(([p, label]) => <option key={p} value={p}>{label}</option>)}
            </select>
          </Field>
        ) : null}
      </div>
      {wf === "change" && w("assetId") ? (
        <Field id="edit-asset" label="Target asset" error={err("assetId")}>
          <AssetPicker
            id="edit-asset"
            placeholder="None — type a tag or name"
            value={asset}
            invalid={!!err("assetId")?.length}
            describedBy={err("assetId")?.length ? "edit-asset-error" : undefined}
            onPick={(a) => {
              setAsset(a);
              setV((s) => ({ ...s, assetId: a?.id ?? "" }));
            }}
          />
        </Field>
      ) : null}
      {wf === "change" && w("scheduledAt") ? (
        <div className="grid grid-cols-2 gap-3">
          <Field id="edit-scheduled" label="Scheduled for" error={err("scheduledAt")}><input id="edit-scheduled" type="datetime-local" value={v.scheduledAt} onChange={set("scheduledAt")} className={inputClass} /></Field>
          <Field id="edit-duration" label="Estimated minutes" error={err("estimatedMinutes")}><input id="edit-duration" type="number" min={1} value={v.estimatedMinutes} onChange={set("estimatedMinutes")} className={inputClass} /></Field>
        </div>
      ) : null}
      {wf === "change" && w("reviewerId") ? (
        <Field id="edit-reviewer" label="Final reviewer" error={err("reviewerId")}>
          <PeoplePicker
            id="edit-reviewer"
            placeholder="None — type a name"
            value={reviewer}
            invalid={!!err("reviewerId")?.length}
            describedBy={err("reviewerId")?.length ? "edit-reviewer-error" : undefined}
            onPick={(p) => {
              setReviewer(p);
              setV((s) => ({ ...s, reviewerId: p?.id ?? "" }));
            }}
          />
        </Field>
      ) : null}
      {wf === "change" && w("deploymentNotes") ? <Field id="edit-notes" label="Deployment notes" error={err("deploymentNotes")}><textarea id="edit-notes" rows={2} value={v.deploymentNotes} onChange={set("deploymentNotes")} className={inputClass} /></Field> : null}
      {w("customerId") ? (
        <Field id="edit-customer" label="Customer" error={err("customerId")}>
          <CustomerPicker
            id="edit-customer"
            placeholder="None — type a company"
            value={customer}
            invalid={!!err("customerId")?.length}
            describedBy={err("customerId")?.length ? "edit-customer-error" : undefined}
            onPick={(c) => {
              setCustomer(c);
              setV((s) => ({ ...s, customerId: c?.id ?? "" }));
            }}
          />
        </Field>
      ) : null}
      {w("tags") ? <Field id="edit-tags" label="Tags" error={err("tags")} hint="Separate with commas"><input id="edit-tags" value={v.tags} onChange={set("tags")} className={inputClass} /></Field> : null}
      <Notice message={error} fieldErrors={fieldErrors} />
      <div className="flex justify-end">
        <Button type="submit" variant="secondary" disabled={pending}>{pending ? "Saving…" : "Save changes"}</Button>
      </div>
    </form>
  );
}
