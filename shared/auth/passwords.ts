/**
 * Password hashing sits behind Deps (`deps.passwords`): under Node it is argon2id through the native
 * @node-rs/argon2 binding, which cannot load inside workerd, so a function never imports it directly.
 * Both adapters read and write the standard PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password or a malformed hash; never throws for those. */
  verify(hash: string, password: string): Promise<boolean>;
}
