// The server's device key directory as the protocol sees it, in memory: registration, claims that hand out each
// one-time prekey once, and the published identity keys.
import { Device } from "../../../main/resources/web/js/crypto/device.js";
import { MemoryStore } from "../../../main/resources/web/js/crypto/store.js";
import { fromUtf8, utf8 } from "../../../main/resources/web/js/crypto/encoding.js";

export class FakeDirectory {
  constructor() {
    this.devices = new Map();
    this.claims = 0;
  }

  register(userId, deviceId, registration) {
    this.devices.set(userId + "/" + deviceId, { userId, deviceId, ...registration, oneTimePreKeys: [...registration.oneTimePreKeys] });
  }

  async claim(userId, deviceId) {
    this.claims++;
    const device = this.devices.get(userId + "/" + deviceId);
    if (!device) throw new Error("404 not_found");
    const oneTimePreKey = device.oneTimePreKeys.shift();
    return { deviceId, identityKey: device.identityKey, signedPreKey: device.signedPreKey, ...(oneTimePreKey ? { oneTimePreKey } : {}) };
  }

  async identityKey(userId, deviceId) {
    return this.devices.get(userId + "/" + deviceId)?.identityKey ?? null;
  }

  list(userId) {
    return [...this.devices.values()].filter((device) => device.userId === userId)
      .map(({ deviceId, identityKey }) => ({ userId, deviceId, identityKey }));
  }
}

/** A registered device of a user with its own memory store, and helpers to send and read text. */
export async function deviceOf(directory, userId, { oneTimePreKeys = 5, store = new MemoryStore() } = {}) {
  const device = await Device.open({ store, directory });
  directory.register(userId, device.deviceId, await device.registration(userId + "'s device", oneTimePreKeys));
  return {
    userId, device, store,
    async send(recipients, text) {
      return device.encrypt(recipients, utf8(text));
    },
    async read(senderId, envelope, messageId) {
      return fromUtf8(await device.decrypt({ senderId, envelope, messageId }));
    },
    address() {
      return { userId, deviceId: device.deviceId, identityKey: device.identityKey };
    },
  };
}
