import { routes } from "@/lib/api/v1/operation";
import { putStatusOp } from "@/lib/api/v1/ticket-actions";

export const { PUT } = routes(putStatusOp);
