import Link from "next/link";
import { inputClass } from "@/components/ui/field";

/** The search box of a server-paged admin list: a GET form to `action` (the URL holds `q`), with "Show all" while searching. */
export function ListSearch({ action, id, label, placeholder, q }: { action: string; id: string; label: string; placeholder: string; q: string }) {
  return (
    <form role="search" action={action} className="flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input id={id} name="q" type="search" defaultValue={q} placeholder={placeholder} className={`${inputClass} max-w-xs`} />
      <button type="submit" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 max-md:min-h-11">
        Search
      </button>
      {q ? (
        <Link href={action} className="text-sm text-brand-700 hover:underline">
          Show all
        </Link>
      ) : null}
    </form>
  );
}
