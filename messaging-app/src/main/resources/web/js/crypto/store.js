// Where a device keeps its keys, sessions and decrypted messages. The protocol takes any object with these four
// methods; values are plain objects, bytes and CryptoKeys (what IndexedDB's structured clone keeps, so that
// private keys are stored as non-extractable CryptoKeys and never as bytes).
//   get(table, key) -> value | undefined     put(table, key, value)     delete(table, key)     keys(table) -> [key]
// And locks: withLock(name, action) runs action alone among all holders of that name (tabs of one browser too).

/** The tables a device uses. */
export const TABLES = ["device", "signedPreKeys", "oneTimePreKeys", "sessions", "plaintexts", "contacts"];

/** A store in memory (tests, or a browser without IndexedDB); values are copied in and out as IndexedDB does. */
export class MemoryStore {
  constructor() {
    this.tables = new Map(TABLES.map((name) => [name, new Map()]));
  }

  table(name) {
    const table = this.tables.get(name);
    if (!table) throw new Error("no table " + name);
    return table;
  }

  async get(table, key) {
    const value = this.table(table).get(key);
    return value === undefined ? undefined : structuredClone(value);
  }

  async put(table, key, value) {
    this.table(table).set(key, structuredClone(value));
  }

  async delete(table, key) {
    this.table(table).delete(key);
  }

  async keys(table) {
    return [...this.table(table).keys()];
  }
}

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** A store in IndexedDB: one database per signed-in user and an object store per table. */
export class IndexedDbStore {
  static async open(name) {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      for (const table of TABLES) if (!req.result.objectStoreNames.contains(table)) req.result.createObjectStore(table);
    };
    return new IndexedDbStore(await request(req));
  }

  constructor(db) {
    this.db = db;
  }

  run(table, mode, action) {
    return request(action(this.db.transaction(table, mode).objectStore(table)));
  }

  get(table, key) {
    return this.run(table, "readonly", (store) => store.get(key));
  }

  async put(table, key, value) {
    await this.run(table, "readwrite", (store) => store.put(value, key));
  }

  async delete(table, key) {
    await this.run(table, "readwrite", (store) => store.delete(key));
  }

  keys(table) {
    return this.run(table, "readonly", (store) => store.getAllKeys());
  }
}

/** Locks within this page: a queue per name. */
export function memoryLocks() {
  const tails = new Map();
  return {
    withLock(name, action) {
      const previous = tails.get(name) || Promise.resolve();
      const result = previous.then(action, action);
      const tail = result.catch(() => {});
      tails.set(name, tail);
      tail.then(() => tails.get(name) === tail && tails.delete(name));
      return result;
    },
  };
}

/** The Web Locks API where there is one (shared by the tabs of a browser), else locks within this page. */
export function browserLocks() {
  if (globalThis.navigator?.locks) return { withLock: (name, action) => navigator.locks.request(name, action) };
  return memoryLocks();
}
