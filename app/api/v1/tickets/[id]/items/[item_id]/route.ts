import { routes } from "@/lib/api/v1/operation";
import { deleteItemOp, updateItemOp } from "@/lib/api/v1/items";

export const { PATCH, DELETE } = routes(updateItemOp, deleteItemOp);
