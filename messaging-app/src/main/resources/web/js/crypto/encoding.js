// Bytes on the wire: base64url without padding, big-endian 32-bit numbers, concatenation, UTF-8 and comparison.

/** Base64url (RFC 4648 §5) of bytes, without padding. */
export function toBase64url(bytes) {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = "";
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The bytes of a base64url text (padding optional); throws on anything else. */
export function fromBase64url(text) {
  if (typeof text !== "string" || !/^[A-Za-z0-9_-]*={0,2}$/.test(text)) throw new Error("not base64url");
  const binary = atob(text.replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function concat(...parts) {
  const arrays = parts.map((part) => (part instanceof Uint8Array ? part : new Uint8Array(part)));
  const out = new Uint8Array(arrays.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of arrays) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function uint32(value) {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0);
  return out;
}

export function readUint32(bytes, offset) {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset);
}

export const utf8 = (text) => new TextEncoder().encode(text);
export const fromUtf8 = (bytes) => new TextDecoder("utf-8", { fatal: true }).decode(bytes);

/**
 * Pads bytes with spaces (0x20) to a multiple of `block`, so that a ciphertext's length tells only roughly how long
 * the message is; JSON reads the same with trailing spaces.
 */
export function padWithSpaces(bytes, block = 32) {
  const out = new Uint8Array(Math.ceil((bytes.length + 1) / block) * block).fill(0x20);
  out.set(bytes);
  return out;
}

export function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i] ^ b[i];
  return difference === 0;
}

/** Reads a byte string field by field; every read past the end throws. */
export class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.offset = 0;
  }

  take(length) {
    if (length < 0 || this.offset + length > this.bytes.length) throw new Error("truncated");
    const part = this.bytes.slice(this.offset, this.offset + length);
    this.offset += length;
    return part;
  }

  uint8() {
    return this.take(1)[0];
  }

  uint32() {
    return readUint32(this.take(4), 0);
  }

  rest() {
    return this.take(this.bytes.length - this.offset);
  }
}
