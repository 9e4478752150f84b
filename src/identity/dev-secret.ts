/** Used only when JWT_SECRET is unset, so a fresh clone works; the service logs a warning. */
export const DEV_JWT_SECRET = 'cadreflow-development-secret-change-me';
