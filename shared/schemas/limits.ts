/** Limits shared by schemas (client and server) and the server-side password policy. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
