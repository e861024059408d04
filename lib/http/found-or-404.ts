import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

/**
 * A page's read of the one thing it shows (a ticket, board, project, asset):
 * the domain's NOT_FOUND — missing, another organization's, or not the
 * viewer's to see — becomes the 404 page; any other error stays an error.
 * Call it before anything streams (DESIGN §11).
 */
export async function foundOr404<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}
