import type { ComponentProps, ReactNode } from "react";
import Link from "next/link";
import { CONTACT_SUBSTRING_MIN } from "@/lib/validation/contacts";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

// The two lists of /admin/contacts share one shape: a heading with a capped
// total, a search (GET, keeping the other list's parameters), a table whose
// row header is the row's name, and "Previous" / "Next" keyset pages.

/** Query parameters of the page that a form or link keeps. */
export type ListParams = Record<string, string | undefined>;

const pagerLink = "rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50";

/** "Previous" / "Next" of one list (the other list's position is kept in the links). */
function Pager({ label, prev, next }: { label: string; prev: string | null; next: string | null }) {
  if (!prev && !next) return null;
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-2">
      {prev ? (
        <Link href={prev} className={pagerLink} rel="prev">
          Previous
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={next} className={pagerLink} rel="next">
          Next
        </Link>
      ) : null}
    </nav>
  );
}

/** The list's search: a GET form that keeps the other list's parameters in hidden fields. */
function SearchForm({ id, label, name, value, placeholder, hidden, clear }: { id: string; label: string; name: string; value: string; placeholder: string; hidden: ListParams; clear: string | null }) {
  return (
    <form role="search" action="/admin/contacts" className="mb-4 flex flex-wrap items-center gap-2">
      {Object.entries(hidden).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="search"
        defaultValue={value}
        maxLength={100}
        placeholder={placeholder}
        aria-describedby={`${id}-hint`}
        className={`${inputClass} w-full sm:max-w-sm sm:flex-1`}
      />
      <p id={`${id}-hint`} className="sr-only">
        {`Fewer than ${CONTACT_SUBSTRING_MIN} characters match the start of a name; more match any part of it.`}
      </p>
      <button type="submit" className={buttonClass("secondary")}>
        Search
      </button>
      {clear ? (
        <Link href={clear} className="px-1 py-2 text-sm text-brand-700 hover:underline">
          Clear
        </Link>
      ) : null}
    </form>
  );
}

const th = "px-4 py-2.5";

/** One list of the page: its heading and capped total, its search, its table and its pages. */
export function ListSection({
  id,
  title,
  total,
  filter,
  search,
  columns,
  empty,
  pager,
  children,
}: {
  id: string;
  title: string;
  total: string;
  filter?: ReactNode;
  search: ComponentProps<typeof SearchForm>;
  /** Column headings after the row header's; "" for the actions column. */
  columns: string[];
  /** Said when the page has no rows. */
  empty: string | null;
  pager: ComponentProps<typeof Pager>;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`}>
      <div className="mb-3 flex flex-wrap items-baseline gap-x-3">
        <h2 id={`${id}-heading`} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        <span className="text-sm text-slate-500">{total}</span>
        {filter}
      </div>
      <SearchForm {...search} />
      <div tabIndex={0} className="relative overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200 focus-visible:outline-2 focus-visible:outline-brand-600">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{title}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase">
            <tr>
              {columns.map((c, i) =>
                c ? (
                  <th key={c} scope="col" className={th}>
                    {c}
                  </th>
                ) : (
                  <th key={`actions-${i}`} scope="col" className={`${th} text-right`}>
                    <span className="sr-only">Actions</span>
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {empty ? (
              <tr>
                <td colSpan={columns.length} className="px-4 py-8 text-center text-slate-500">
                  {empty}
                </td>
              </tr>
            ) : (
              children
            )}
          </tbody>
        </table>
      </div>
      <Pager {...pager} />
    </section>
  );
}


