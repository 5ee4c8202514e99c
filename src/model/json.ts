/** A JSON value as parsed from a spec or written to plan.json. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A JSON Schema / OpenAPI Schema Object as found in the spec; `$ref`s inside it point into `ApiModel.document`. */
export type SchemaObject = { [key: string]: unknown };
