// Files in encrypted conversations: encrypted in the browser with a fresh AES-256-GCM key and nonce before the
// upload; the key and nonce travel inside the (end-to-end encrypted) message, the server keeps only ciphertext.
import { fromBase64url, toBase64url } from "./encoding.js";
import { aeadDecrypt, aeadEncrypt, randomBytes } from "./primitives.js";

/** `{ciphertext, key, iv}`: the file's bytes encrypted, key and nonce as base64url. */
export async function encryptFile(bytes) {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const ciphertext = await aeadEncrypt(key, iv, new Uint8Array(bytes));
  return { ciphertext, key: toBase64url(key), iv: toBase64url(iv) };
}

/** The file's bytes; a DecryptionError when key, nonce or ciphertext do not match. */
export function decryptFile(ciphertext, key, iv) {
  return aeadDecrypt(fromBase64url(key), fromBase64url(iv), new Uint8Array(ciphertext));
}
