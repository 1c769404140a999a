import { EnablePgcrypto1764000000000 } from './1764000000000-EnablePgcrypto';

/**
 * Migrations in the order they run. `npm run migration:generate` writes a new
 * file beside this one; add its class at the end of the list.
 */
export const migrations = [EnablePgcrypto1764000000000];
