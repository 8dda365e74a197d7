/** JSON stored in a jsonb column (TypeORM's partial types need `any` here, not `unknown`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonObject = Record<string, any>;
