import Link from "next/link";

/** Previous / next links of a server-paged admin list; the other query parameters are kept. */
export function Pager({ base, params, page, hasNext, label }: { base: string; params: Record<string, string>; page: number; hasNext: boolean; label: string }) {
  if (page <= 1 && !hasNext) return null;
  const href = (p: number) => {
    const sp = new URLSearchParams({ ...Object.fromEntries(Object.entries(params).filter(([, v]) => v)), ...(p > 1 ? { page: String(p) } : {}) });
    const s = sp.toString();
    return `${base}${s ? `?${s}` : ""}`;
  };
  const link = "inline-flex items-center rounded-md px-3 py-1.5 max-md:min-h-11 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50";
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-2 text-sm text-slate-600">
      <span>Page {page}</span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} className={link} rel="prev">
            Previous
          </Link>
        ) : null}
        {hasNext ? (
          <Link href={href(page + 1)} className={link} rel="next">
            Next
          </Link>
        ) : null}
      </span>
    </nav>
  );
}

/** A capped count for people: "10,000+" past the cap. */
export function cappedCount(n: number, cap: number): string {
  return n > cap ? `${cap.toLocaleString("en")}+` : n.toLocaleString("en");
}
