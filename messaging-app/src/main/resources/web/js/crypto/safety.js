// Safety numbers to compare out of band (as Signal's, per user over all of its devices' identity keys):
//   fingerprint(user) = SHA-512 iterated 5200 times: h0 = SHA-512(0x0000 || keys || userId),
//                       h(i+1) = SHA-512(h(i) || keys), keys = the devices' identity keys sorted, concatenated
//   the first 30 bytes make 6 groups of 5 digits (each 5 bytes as a big-endian number mod 100000)
//   safety number     = both users' 30 digits, the smaller user id first: 60 digits in 12 groups of 5.
import { concat, fromBase64url, utf8 } from "./encoding.js";
import { sha512 } from "./primitives.js";

const ITERATIONS = 5200;

async function fingerprint(userId, identityKeys) {
  const keys = concat(...[...identityKeys].sort().map((key) => fromBase64url(key)));
  let hash = await sha512(concat(Uint8Array.of(0, 0), keys, utf8(userId)));
  for (let i = 0; i < ITERATIONS; i++) hash = await sha512(concat(hash, keys));
  const groups = [];
  for (let i = 0; i < 30; i += 5) {
    const value = hash.slice(i, i + 5).reduce((sum, byte) => sum * 256 + byte, 0);
    groups.push(String(value % 100000).padStart(5, "0"));
  }
  return groups;
}

/**
 * The safety number of two users, each `{userId, identityKeys:[base64url]}`: 12 groups of 5 digits, the same
 * on both sides. It changes when either user's set of device keys does.
 */
export async function safetyNumber(a, b) {
  const [first, second] = a.userId < b.userId ? [a, b] : [b, a];
  return [...(await fingerprint(first.userId, first.identityKeys)), ...(await fingerprint(second.userId, second.identityKeys))];
}
