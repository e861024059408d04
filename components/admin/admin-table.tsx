import type { ReactNode } from "react";

export interface AdminColumn {
  label: string;
  /** Numbers sit right. */
  align?: "right";
  /** Extra classes of the header cell (e.g. "hidden sm:table-cell" for a column a phone drops). */
  className?: string;
}

/**
 * The admin console's list table: a white card that scrolls sideways on a
 * phone (and takes focus, so a keyboard can scroll it), an sr-only caption naming the table (its accessible name), a header
 * row and the caller's rows. With `empty` and no rows, one full-width row says
 * why the list is empty.
 */
export function AdminTable({ caption, columns, empty, children }: { caption: string; columns: readonly AdminColumn[]; empty?: ReactNode; children: ReactNode }) {
  const hasRows = Array.isArray(children) ? children.length > 0 : Boolean(children);
  return (
    <div tabIndex={0} className="relative overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200 focus-visible:outline-2 focus-visible:outline-brand-600">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={`px-4 py-2.5 ${c.align === "right" ? "text-right" : ""} ${c.className ?? ""}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {hasRows || empty === undefined ? (
            children
          ) : (
            <tr>
              <td colSpan={columns.length} className="px-4 py-8 text-center text-slate-500">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
