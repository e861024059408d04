/** While a board loads: its frame, so the page does not jump when the cards arrive. */
export default function BoardLoading() {
  return (
    <div aria-busy="true" aria-label="Loading the board" data-wide-page="">
      <div className="mb-6 h-7 w-64 animate-pulse rounded bg-slate-200" />
      <div className="mb-4 h-9 w-full max-w-96 animate-pulse rounded bg-slate-200/70" />
      <div className="flex gap-3 overflow-hidden">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="w-[85vw] max-w-sm shrink-0 space-y-2 md:w-72 rounded-xl bg-slate-100/70 p-3 ring-1 ring-slate-200">
            <div className="h-4 w-24 animate-pulse rounded bg-slate-200" />
            {[0, 1, 2].slice(0, 3 - (i % 2)).map((j) => (
              <div key={j} className="h-20 animate-pulse rounded-lg bg-white ring-1 ring-slate-200" />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
