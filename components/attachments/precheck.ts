import type { UploadLimits } from "@/lib/domain/attachments/config";
import { formatBytes, type UploadType } from "@/lib/domain/attachments/types";

/** What the browser can tell before sending (same words as the server); the server decides again from the content. */
export function precheck(file: { name: string; size: number }, limits: UploadLimits): string | null {
  const ext = file.name.includes(".") ? file.name.split(".").pop()!.toLowerCase() : "";
  if (!limits.allowedTypes.includes(ext as UploadType)) {
    return `${ext ? `.${ext} files are` : "Files without an extension are"} not allowed. Allowed types: ${limits.allowedTypes.map((t) => t.toUpperCase()).join(", ")}.`;
  }
  if (file.size === 0) return "The file is empty.";
  if (file.size > limits.maxBytes) return `File is larger than ${formatBytes(limits.maxBytes)}`;
  return null;
}
