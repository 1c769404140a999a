/** Names of the OpenAPI security schemes, as Swagger UI's Authorize dialog shows them. */
export const BEARER_AUTH = 'bearer';
export const API_KEY_AUTH = 'apiKey';
