"use client";

import { useState } from "react";
import { useUnsavedEdits } from "@/components/live/ticket-changes";
import { fulfilItemAction, saveItemsAction } from "@/lib/actions/tickets";
import type { TicketDetail } from "@/lib/domain/tickets/queries";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { inputClass } from "@/components/ui/field";
import { useTicketAction } from "@/components/tickets/use-ticket-action";
import { ItemsTable } from "./items-table";
import { ItemRowsEditor, toItemInput, type ItemRow } from "./item-rows-editor";

type Item = TicketDetail["items"][number];

function toRow(i: Item): ItemRow {
  return {
    action: i.action,
    componentType: i.componentType,
    componentRef: i.componentRef ?? "",
    serial: i.serial ?? "",
    quantity: String(i.quantity),
    currentValue: i.currentValue ?? "",
    requestedValue: i.requestedValue ?? "",
  };
}

/** A change's items: edited while draft/rejected (or pending, by assigners), fulfilled while in progress. */
export function ItemsPanel({ ticketId, version, items, editable, canFulfil, assetId = null }: { ticketId: string; version: number; items: Item[]; editable: boolean; canFulfil: boolean; assetId?: string | null }) {
  const { run, pending, error, fieldErrors } = useTicketAction();
  const [editing, setEditing] = useState(false);
  const [rows, setRows] = useState<ItemRow[]>(() => items.map(toRow));
  const [fulfilling, setFulfilling] = useState<string | null>(null);
  const [used, setUsed] = useState("");
  const [notes, setNotes] = useState("");
  // Open for editing or fulfilling: a live change by someone else waits for the user (components/live/ticket-changes.ts).
  useUnsavedEdits("items", editing || fulfilling !== null);

  return (
    <section aria-labelledby="items-heading" className="rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200">
      <div className="mb-3 flex items-center justify-between">
        <h2 id="items-heading" className="text-sm font-semibold text-slate-900">Items</h2>
        {editable && !editing ? (
          <Button type="button" variant="secondary" onClick={() => { setRows(items.map(toRow)); setEditing(true); }}>
            Edit items
          </Button>
        ) : null}
      </div>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            run(() => saveItemsAction({ ticketId, version, items: toItemInput(rows) }), () => setEditing(false));
          }}
          className="space-y-3"
        >
          <ItemRowsEditor rows={rows} onChange={setRows} errors={fieldErrors} assetId={assetId} />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setEditing(false)}>Discard</Button>
            <Button type="submit" disabled={pending}>Save items</Button>
          </div>
        </form>
      ) : (
        <ItemsTable
          items={items}
          fulfil={
            canFulfil
              ? (item) =>
                  fulfilling === item.id ? (
                    <form
                      className="space-y-1.5"
                      onSubmit={(e) => {
                        e.preventDefault();
                        run(() => fulfilItemAction({ ticketId, itemId: item.id, version, fulfilledWith: used || null, notes: notes || null }), () => setFulfilling(null));
                      }}
                    >
                      <label className="block text-xs text-slate-600" htmlFor={`used-${item.id}`}>Component used</label>
                      <input id={`used-${item.id}`} value={used} onChange={(e) => setUsed(e.target.value)} className={inputClass} />
                      <label className="block text-xs text-slate-600" htmlFor={`notes-${item.id}`}>Notes</label>
                      <input id={`notes-${item.id}`} value={notes} onChange={(e) => setNotes(e.target.value)} className={inputClass} />
                      <Button type="submit" disabled={pending}>Mark fulfilled</Button>
                    </form>
                  ) : (
                    <Button type="button" variant="secondary" onClick={() => { setFulfilling(item.id); setUsed(item.componentRef ?? item.requestedValue ?? ""); setNotes(""); }}>
                      Fulfil item {items.indexOf(item) + 1}
                    </Button>
                  )
              : undefined
          }
        />
      )}
      <div className="mt-3">
        <Notice message={error} fieldErrors={editing ? {} : fieldErrors} />
      </div>
    </section>
  );
}
