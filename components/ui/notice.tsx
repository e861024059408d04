/** An inline message about the last action; role=alert so it is announced. */
export function Notice({ message, fieldErrors, id }: { message: string | null; fieldErrors?: Record<string, string[]>; id?: string }) {
  if (!message) return null;
  const details = Object.entries(fieldErrors ?? {}).flatMap(([, v]) => v);
  return (
    <div role="alert" id={id} data-testid="action-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-600/20">
      <p>{message}</p>
      {details.length && details.join(" ") !== message ? (
        <ul className="mt-1 list-disc pl-5">
          {details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
