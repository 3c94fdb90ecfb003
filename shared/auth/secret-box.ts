/**
 * Secrets at rest (TOTP secrets): AES-256-GCM through WebCrypto (Node and workerd alike), under a key
 * derived from SECRET_KEY for this one purpose. The ciphertext is bound to its user (additional data),
 * so a row's secret copied onto another user's row does not decrypt. Stored as `v1.<iv>.<ciphertext>`
 * in base64url.
 */
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(secretKey: string): Promise<CryptoKey> {
  let key = keys.get(secretKey);
  if (!key) {
    key = crypto.subtle
      .digest('SHA-256', encoder.encode(`wardline-secret-box-v1.${secretKey}`))
      .then((raw) => crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']));
    keys.set(secretKey, key);
  }
  return key;
}

export async function sealSecret(secretKey: string, owner: string, plain: string): Promise<string> {
  const iv = new Uint8Array(12);
  crypto.getRandomValues(iv);
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(owner) }, await keyFor(secretKey), encoder.encode(plain));
  return `v1.${encodeBase64urlNoPadding(iv)}.${encodeBase64urlNoPadding(new Uint8Array(sealed))}`;
}

/** The plain secret, or null when it does not open (another key, another owner, a damaged value). */
export async function openSecret(secretKey: string, owner: string, sealed: string): Promise<string | null> {
  const [version, iv, data, ...rest] = sealed.split('.');
  if (version !== 'v1' || !iv || !data || rest.length > 0) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: new Uint8Array(decodeBase64urlIgnorePadding(iv)), additionalData: encoder.encode(owner) },
      await keyFor(secretKey),
      new Uint8Array(decodeBase64urlIgnorePadding(data)),
    );
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
