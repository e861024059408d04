import Link from "next/link";

/** A board key that does not exist for this viewer (another organization's included): 404, same as a typo. */
export default function BoardNotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-xl font-semibold tracking-tight">No such board</h1>
      <p className="mt-2 text-sm text-slate-600">This board does not exist, or you do not have access to it.</p>
      <Link href="/board" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        All boards
      </Link>
    </div>
  );
}
