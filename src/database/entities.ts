/**
 * Every entity of every module. The migration CLI and the schema-drift test
 * read the schema from here, so a new entity must be listed.
 */
export const entities: Function[] = [];
