/** A JSON object of the OpenAPI document (its shape is checked by the OpenAPI validator in the tests). */
export type JsonObject = Record<string, unknown>;
