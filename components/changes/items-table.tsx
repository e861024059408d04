import type { TicketDetail } from "@/lib/domain/tickets/queries";
import { ValidationBadge } from "./item-badges";
import { componentTypeLabel } from "@/lib/domain/assets/component-types";
import { CHANGE_ACTION_LABELS } from "@/lib/domain/changes/validate-items";

type Item = TicketDetail["items"][number];

/** Read-only list of a change's items with their validation and fulfilment. */
export function ItemsTable({ items, fulfil }: { items: Item[]; fulfil?: (item: Item) => React.ReactNode }) {
  if (items.length === 0) return <p className="text-sm text-slate-500">No items yet.</p>;
  return (
    <div tabIndex={0} className="relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Items</caption>
        <thead className="text-left text-xs text-slate-500 uppercase">
          <tr>
            <th scope="col" className="py-1.5 pr-3">#</th>
            <th scope="col" className="py-1.5 pr-3">Action</th>
            <th scope="col" className="py-1.5 pr-3">Component</th>
            <th scope="col" className="py-1.5 pr-3">Qty</th>
            <th scope="col" className="py-1.5 pr-3">Current → requested</th>
            <th scope="col" className="py-1.5 pr-3">Check</th>
            <th scope="col" className="py-1.5">Fulfilment</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {items.map((item, i) => (
            <tr key={item.id}>
              <td className="py-2 pr-3 text-slate-500">{i + 1}</td>
              <td className="py-2 pr-3 font-medium">{CHANGE_ACTION_LABELS[item.action]}</td>
              <td className="py-2 pr-3">
                <div>{componentTypeLabel(item.componentType)}</div>
                {item.componentRef ? <div className="text-slate-600">{item.componentRef}</div> : null}
                {item.serial ? <div className="text-xs text-slate-500">S/N {item.serial}</div> : null}
              </td>
              <td className="py-2 pr-3">{item.quantity}</td>
              <td className="py-2 pr-3 text-slate-700">
                {item.currentValue || item.requestedValue ? `${item.currentValue ?? "—"} → ${item.requestedValue ?? "—"}` : "—"}
              </td>
              <td className="py-2 pr-3">
                <ValidationBadge status={item.validationStatus} />
                {item.validationMessage ? <p className="mt-1 max-w-xs text-xs text-slate-600">{item.validationMessage}</p> : null}
              </td>
              <td className="py-2">
                {item.fulfilled ? (
                  <span className="text-emerald-700">
                    Fulfilled{item.fulfilledWith ? ` with ${item.fulfilledWith}` : ""}
                    {item.fulfilmentNotes ? <span className="block text-xs text-slate-500">{item.fulfilmentNotes}</span> : null}
                  </span>
                ) : fulfil ? (
                  fulfil(item)
                ) : (
                  <span className="text-slate-500">Open</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
