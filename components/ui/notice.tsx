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

/** The outcome of a save: the refusal as an alert, success as a status ("Saved."). */
export function SaveResult({ message }: { message: { text: string; ok: boolean } | null }) {
  if (!message) return null;
  if (!message.ok) return <Notice message={message.text} />;
  return (
    <p role="status" className="text-sm text-emerald-700">
      {message.text}
    </p>
  );
}
