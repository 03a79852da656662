// A closed loop of sends among members of conversations, with delivery latencies and an exactly-once check.
import hdr from 'hdr-histogram-js';

/** Latencies in microseconds, up to 10 minutes, with 3 significant digits. */
export const HISTOGRAM = {
  lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3,
};
const ACK_TIMEOUT_MS = 60_000;
const SETTLE_TIMEOUT_MS = 30_000;

export function nowMicros() {
  return Number(process.hrtime.bigint() / 1000n);
}

/** The traffic of one worker: each member is {socket, userId, conversationId, receivers}. */
export class Traffic {
  problems = [];
  expected = new Map();
  delivered = new Map();
  notified = new Map();
  ignored = new Set();
  duplicates = 0;
  sent = 0;
  acked = 0;
  running = false;
  window = null;

  constructor(members, prefix) {
    this.members = members;
    this.prefix = prefix;
    for (const member of members) this.#listen(member);
  }

  /** Messages sent while setting up (before every receiver joined) are not checked. */
  ignore(messageId) {
    this.ignored.add(messageId);
  }

  start(inFlight) {
    this.running = true;
    this.loops = this.members.flatMap((member) => Array.from({ length: inFlight }, () => this.#sendLoop(member)));
  }

  beginWindow() {
    const latencies = hdr.build(HISTOGRAM);
    this.window = { startedAt: performance.now(), acked: 0, delivered: 0, notified: 0, latencies };
  }

  endWindow() {
    const { startedAt, acked, delivered, notified, latencies } = this.window;
    this.window = null;
    const seconds = (performance.now() - startedAt) / 1000;
    return { seconds, acked, delivered, notified, latencies: hdr.encodeIntoCompressedBase64(latencies) };
  }

  /** Stops sending, waits for every answer and delivery, and answers the counts and any problem found. */
  async stop() {
    this.running = false;
    await Promise.all(this.loops);
    const settleBy = Date.now() + SETTLE_TIMEOUT_MS;
    while (!this.#complete() && Date.now() < settleBy) await new Promise((resolve) => setTimeout(resolve, 100));
    this.#check(this.delivered, 'new_message');
    this.#check(this.notified, 'message_notification');
    if (this.duplicates > 0) this.problems.push(`${this.duplicates} duplicate deliveries`);
    const expectedDeliveries = [...this.expected.values()].reduce((sum, n) => sum + n, 0);
    return { sent: this.sent, acked: this.acked, expectedDeliveries, problems: this.problems.slice(0, 10) };
  }

  async #sendLoop(member) {
    const { socket, conversationId, receivers } = member;
    while (this.running) {
      const clientMessageId = `${this.prefix}-${++this.sent}`;
      try {
        const ack = await socket.timeout(ACK_TIMEOUT_MS)
          .emitWithAck('send_message', { conversationId, content: String(nowMicros()), clientMessageId });
        if (!ack?.ok) throw new Error(`ack ${JSON.stringify(ack)}`);
        this.expected.set(ack.message.id, receivers);
        this.acked++;
        if (this.window) this.window.acked++;
      } catch (error) {
        this.problems.push(`send ${clientMessageId} by ${member.userId} failed: ${error.message}`);
      }
    }
  }

  #listen(member) {
    const seen = new Set();
    const notifications = new Set();
    member.socket.on('new_message', (message) => {
      if (this.#receive(member, message, seen, this.delivered) && this.window) {
        this.window.delivered++;
        this.window.latencies.recordValue(Math.max(1, nowMicros() - Number(message.content)));
      }
    });
    member.socket.on('message_notification', ({ message }) => {
      if (this.#receive(member, message, notifications, this.notified) && this.window) this.window.notified++;
    });
  }

  /** Counts one receipt; answers whether it was a first receipt of a checked message. */
  #receive(member, message, seen, counts) {
    if (this.ignored.has(message.id)) return false;
    if (message.senderId === member.userId || message.conversationId !== member.conversationId) {
      this.problems.push(`${member.userId} received ${message.id} of ${message.senderId} in ${message.conversationId}`);
      return false;
    }
    if (seen.has(message.id)) {
      this.duplicates++;
      return false;
    }
    seen.add(message.id);
    counts.set(message.id, (counts.get(message.id) ?? 0) + 1);
    return true;
  }

  #complete() {
    for (const [id, receivers] of this.expected) {
      if (this.delivered.get(id) !== receivers || this.notified.get(id) !== receivers) return false;
    }
    return true;
  }

  #check(counts, event) {
    let missing = 0;
    for (const [id, receivers] of this.expected) missing += Math.max(0, receivers - (counts.get(id) ?? 0));
    const unexpected = [...counts.keys()].filter((id) => !this.expected.has(id)).length;
    if (missing > 0) this.problems.push(`${missing} expected ${event} deliveries never arrived`);
    if (unexpected > 0) this.problems.push(`${unexpected} messages delivered as ${event} but never acknowledged`);
  }
}
