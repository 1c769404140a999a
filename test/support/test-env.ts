/** Names of the variables global-setup hands to the test workers. */
export const TEST_SERVER_URL_VAR = 'REBALANCE_TEST_SERVER_URL';
export const TEST_TEMPLATE_VAR = 'REBALANCE_TEST_TEMPLATE';
export const TEST_EMBEDDED_DIR = '.data/test-postgres';
export const TEST_EMBEDDED_PORT = 54330;
