import type { ValidationStatus } from "@/lib/generated/prisma/enums";

const TONE: Record<ValidationStatus, string> = {
  pending: "bg-slate-100 text-slate-600",
  valid: "bg-emerald-50 text-emerald-700",
  invalid: "bg-red-50 text-red-700",
  warning: "bg-amber-50 text-amber-800",
};
const LABEL: Record<ValidationStatus, string> = { pending: "Not checked", valid: "Valid", invalid: "Invalid", warning: "Warning" };

export function ValidationBadge({ status }: { status: ValidationStatus }) {
  return <span className={`inline-flex rounded px-1.5 py-0.5 text-xs font-medium ${TONE[status]}`}>{LABEL[status]}</span>;
}
