/** The demo user seed:demo creates; a module of its own, so tests can name it without running the seed. */
export const DEMO_EMAIL = 'demo@rebalance.local';
export const DEMO_PASSWORD = 'demo password 2026';
