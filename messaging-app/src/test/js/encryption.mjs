// End-to-end encryption over the official Socket.IO client and REST: the device key directory, encrypted
// conversations, and per-device delivery (a socket or a request gets its own device's envelope, never another's) in
// new_message, message_notification, the ack, history, catch-up and connection state recovery. Run through
// scenarios.mjs, which hands over its helpers; with a second node (SeveralNodesTest) some sockets are on it, so
// per-device delivery, device events and recovery are proven across nodes too.

const b64 = (text) => Buffer.from(text).toString("base64url");

export function encryptionScenarios(h) {
  const { api, account, tab, check, until, sleep, unique, count, last } = h;

  /** Registers a device with public keys made up for the test (the server never reads them). */
  async function device(user, deviceId, preKeys = 0) {
    const oneTimePreKeys = Array.from({ length: preKeys }, (_, i) => ({ keyId: i + 1, publicKey: b64(deviceId + i) }));
    return api("PUT", "/devices/" + deviceId, user.token, {
      name: deviceId, identityKey: b64("identity " + deviceId),
      signedPreKey: { keyId: 7, publicKey: b64("signed " + deviceId), signature: b64("signature " + deviceId) },
      oneTimePreKeys,
    });
  }

  const deviceTab = (user, deviceId, options = {}) =>
    tab(user, { auth: { token: user.token, deviceId }, transports: ["websocket"], ...options });

  /** Alice (device A1) and Bob (devices B1, B2) in an encrypted group, and Mallory outside it. */
  async function encryptedGroup() {
    const [alice, bob, mallory] = [await account("alice"), await account("bob"), await account("mallory")];
    const ids = { A1: unique("a1-"), B1: unique("b1-"), B2: unique("b2-") };
    for (const [user, id] of [[alice, ids.A1], [bob, ids.B1], [bob, ids.B2]]) {
      check((await device(user, id, 3)).status === 200, "PUT /devices/" + id.slice(0, 2) + " registers the device");
    }
    const group = await api("POST", "/conversations", alice.token,
      { title: "secret", participantIds: [bob.id], encrypted: true });
    check(group.status === 201 && group.body.encrypted === true, "POST /conversations with encrypted:true");
    const envelopes = {
      [ids.A1]: { type: "message", body: b64("for A1") },
      [ids.B1]: { type: "prekey", body: b64("for B1") },
      [ids.B2]: { type: "prekey", body: b64("for B2") },
    };
    return { alice, bob, mallory, ids, conversationId: group.body.id, envelopes };
  }

  /** Whether the payload carries exactly the envelope of this device (or none) and no other body. */
  const onlyOwn = (payload, expectedBody) => {
    const text = JSON.stringify(payload);
    const bodies = ["for A1", "for B1", "for B2"].map(b64).filter((body) => body !== expectedBody);
    const message = payload?.message ?? payload;
    return message && !("envelopes" in message) && bodies.every((body) => !text.includes(body))
      && (expectedBody === null ? message.envelope === null : message.envelope?.body === expectedBody);
  };

  async function encryptedScenario() {
    const s = await encryptedGroup();
    const { alice, bob, mallory, ids, conversationId, envelopes } = s;
    const a1 = await deviceTab(alice, ids.A1);
    const b1 = await deviceTab(bob, ids.B1), b2 = await deviceTab(bob, ids.B2, { node: h.other });
    const bare = await tab(bob, { transports: ["websocket"] });
    for (const socket of [a1, b1, b2, bare]) await socket.emitWithAck("join_conversation", { conversationId });

    const refused = await a1.emitWithAck("send_message", { conversationId, content: "plaintext" });
    check(!refused.ok && refused.error.code === "encryption_required", "socket plaintext: encryption_required");
    const restRefused = await api("POST", "/messages", alice.token, { conversationId, content: "plaintext" });
    check(restRefused.status === 400 && restRefused.body.code === "encryption_required",
      "REST plaintext: 400 encryption_required");
    const withContent = await api("POST", "/messages", alice.token,
      { conversationId, type: "encrypted", content: "plaintext", envelopes });
    check(withContent.status === 400 && withContent.body.code === "encryption_required",
      "type encrypted with content: 400 encryption_required");

    const ack = await a1.emitWithAck("send_message",
      { conversationId, type: "encrypted", envelopes, clientMessageId: unique("c-") });
    check(ack.ok && ack.message.type === "encrypted" && ack.message.content === null,
      "an encrypted send is acknowledged without content");
    check(onlyOwn(ack.message, b64("for A1")), "the ack carries the sender's own device's envelope alone");
    await until(() => [b1, b2, bare].every((socket) => count(socket, "new_message") === 1
      && count(socket, "message_notification") === 1));
    check(onlyOwn(last(b1, "new_message"), b64("for B1")), "new_message: B1 gets B1's envelope alone");
    check(onlyOwn(last(b2, "new_message"), b64("for B2")), "new_message: B2 gets B2's envelope alone");
    check(onlyOwn(last(bare, "new_message"), null), "new_message: a socket naming no device gets no envelope");
    check(onlyOwn(last(b1, "message_notification"), b64("for B1"))
      && onlyOwn(last(b2, "message_notification"), b64("for B2"))
      && onlyOwn(last(bare, "message_notification"), null), "message_notification: per device likewise");
    check(count(a1, "new_message") === 0, "the sending socket gets no new_message");

    const path = `/conversations/${conversationId}/messages`;
    const history = await api("GET", path, bob.token, undefined, { "x-device-id": ids.B1 });
    check(history.status === 200 && onlyOwn(history.body.items[0], b64("for B1")), "history: B1's envelope alone");
    const catchUp = await api("GET", path + "?after=0", bob.token, undefined, { "x-device-id": ids.B2 });
    check(catchUp.status === 200 && onlyOwn(catchUp.body.items[0], b64("for B2")), "catch-up: B2's envelope alone");
    const none = await api("GET", path + "?after=0", bob.token);
    check(none.status === 200 && onlyOwn(none.body.items[0], null), "history naming no device: no envelope");
    const foreign = await api("GET", path, bob.token, undefined, { "x-device-id": ids.A1 });
    check(foreign.status === 200 && onlyOwn(foreign.body.items[0], null),
      "X-Device-Id of another user's device: no envelope");
    const malformed = await api("GET", path, bob.token, undefined, { "x-device-id": "not a device" });
    check(malformed.status === 400 && malformed.body.code === "validation_failed", "a malformed X-Device-Id: 400");
    const list = await api("GET", "/messages/conversations", bob.token);
    check(list.body.items[0].encrypted === true && list.body.items[0].lastMessage.content === null
      && onlyOwn(list.body.items[0].lastMessage, null), "the conversation list's last message carries nothing");

    // Bob's socket naming Alice's device, and one naming a device Bob registers only after it connected
    const borrowed = await deviceTab(bob, ids.A1);
    const later = unique("b3-");
    const early = await deviceTab(bob, later, { node: h.other });
    for (const socket of [borrowed, early]) await socket.emitWithAck("join_conversation", { conversationId });
    check((await device(bob, later)).status === 200, "a device registered after its socket connected");
    await until(() => count(a1, "device_added") === 1);
    const second = await a1.emitWithAck("send_message", { conversationId, type: "encrypted",
      envelopes: { ...envelopes, [later]: { type: "prekey", body: b64("for B3") } } });
    await until(() => count(borrowed, "new_message") === 1 && count(early, "new_message") === 1);
    check(second.ok && onlyOwn(last(borrowed, "new_message"), null),
      "a socket naming another user's device gets no envelope");
    check(last(early, "new_message")?.envelope?.body === b64("for B3"),
      "a socket gets its device's envelope once the device is registered");

    const messageId = ack.message.id;
    const reacted = await api("PUT", `/messages/${messageId}/reactions/${encodeURIComponent("👍")}`, bob.token,
      undefined, { "x-device-id": ids.B2 });
    check(reacted.status === 200 && onlyOwn(reacted.body, b64("for B2")), "a reaction is allowed, answered per device");
    await until(() => count(b1, "message_updated") === 1);
    check(onlyOwn(last(b1, "message_updated"), b64("for B1")), "message_updated: B1's envelope alone");
    const edit = await api("PATCH", "/messages/" + messageId, alice.token, { content: "plaintext" });
    check(edit.status === 409 && edit.body.code === "conflict", "editing an encrypted message: 409 conflict");
    const reply = await api("POST", "/messages", bob.token, { conversationId, type: "encrypted", replyToId: messageId,
      envelopes: { [ids.A1]: { type: "message", body: b64("reply") } } });
    check(reply.status === 201 && reply.body.replyToId === messageId, "an encrypted reply is allowed");

    for (const [what, answer] of [
      ["switch encryption", await api("POST", `/conversations/${conversationId}/encryption`, mallory.token)],
      ["send", await api("POST", "/messages", mallory.token, { conversationId, type: "encrypted", envelopes })],
      ["history", await api("GET", path, mallory.token)],
      ["catch-up", await api("GET", path + "?after=0", mallory.token)],
    ]) {
      check(answer.status === 404 && answer.body.code === "not_found", "a non-participant's " + what + ": 404");
    }
    const outsider = await tab(mallory, { transports: ["websocket"] });
    const outsiderSend = await outsider.emitWithAck("send_message", { conversationId, type: "encrypted", envelopes });
    check(!outsiderSend.ok && outsiderSend.error.code === "not_found", "a non-participant's socket send: not_found");

    const scheduled = await api("POST", "/scheduled-messages", alice.token, { conversationId, type: "encrypted",
      envelopes, sendAt: new Date(Date.now() + 60_000).toISOString() });
    check(scheduled.status === 400 && scheduled.body.code === "encryption_required",
      "scheduling in an encrypted conversation: 400 encryption_required");
    const deleted = await api("DELETE", "/messages/" + messageId, alice.token);
    check(deleted.status === 204, "deleting an encrypted message works as usual");
    [a1, b1, b2, bare, outsider, borrowed, early].forEach((socket) => socket.close());
  }

  async function encryptedDirectScenario() {
    const [alice, bob, mallory] = [await account("alice"), await account("bob"), await account("mallory")];
    const first = await api("POST", "/messages", alice.token, { recipientId: bob.id, content: "before encryption" });
    const conversationId = first.body.conversationId;
    const refused = await api("POST", "/messages", alice.token,
      { conversationId, type: "encrypted", envelopes: { x: { type: "message", body: b64("x") } } });
    check(refused.status === 400 && refused.body.code === "validation_failed",
      "type encrypted in a conversation that is not encrypted: 400 validation_failed");
    const bobTab = await tab(bob, { transports: ["websocket"] });
    const switched = await api("POST", `/conversations/${conversationId}/encryption`, bob.token);
    check(switched.status === 200 && switched.body.encrypted === true, "a participant turns encryption on (200)");
    await until(() => last(bobTab, "conversation_updated")?.encrypted === true);
    check(last(bobTab, "conversation_updated")?.encrypted === true, "conversation_updated tells the participants");
    const again = await api("POST", `/conversations/${conversationId}/encryption`, alice.token);
    check(again.status === 200 && again.body.encrypted === true, "turning it on again changes nothing (200)");
    const plain = await api("POST", "/messages", alice.token, { recipientId: bob.id, content: "after" });
    check(plain.status === 400 && plain.body.code === "encryption_required", "afterwards plaintext is refused");
    const edit = await api("PATCH", "/messages/" + first.body.id, alice.token, { content: "new plaintext" });
    check(edit.status === 400 && edit.body.code === "encryption_required",
      "editing an earlier plain message is refused too");

    const fresh = await api("POST", "/messages", alice.token, { recipientId: mallory.id, type: "encrypted",
      envelopes: { x: { type: "message", body: b64("x") } } });
    const created = await api("GET", "/conversations/" + fresh.body.conversationId, mallory.token);
    check(fresh.status === 201 && created.body.encrypted === true,
      "a first encrypted message starts its direct conversation encrypted");
    bobTab.close();
  }

  async function devicesScenario() {
    const [alice, bob, carol] = [await account("alice"), await account("bob"), await account("carol")];
    await api("POST", "/messages", alice.token, { recipientId: bob.id, content: "hi" });
    const aliceTab = await tab(alice, { transports: ["websocket"] });
    const carolTab = await tab(carol, { transports: ["websocket"] });
    const phone = unique("phone-");
    const put = await device(bob, phone, 2);
    check(put.status === 200 && put.body.deviceId === phone && put.body.userId === bob.id
      && put.body.identityKey === b64("identity " + phone) && !("oneTimePreKeys" in put.body),
    "PUT /devices/{id} answers the Device, public keys only");
    await until(() => count(aliceTab, "device_added") === 1);
    check(JSON.stringify(last(aliceTab, "device_added")) === JSON.stringify({ userId: bob.id, deviceId: phone }),
      "device_added reaches a user sharing a conversation");
    check(count(carolTab, "device_added") === 0, "and no one else");
    const listed = await api("GET", `/users/${bob.id}/devices`, carol.token);
    check(listed.status === 200 && listed.body.items.length === 1 && listed.body.items[0].deviceId === phone,
      "GET /users/{id}/devices lists them to any signed-in user");
    const unknown = await api("GET", "/users/nobody-here/devices", carol.token);
    check(unknown.status === 404 && unknown.body.code === "not_found", "an unknown user's devices: 404");
    const claims = [];
    for (let i = 0; i < 3; i++) claims.push(await api("POST", `/users/${bob.id}/devices/${phone}/claim`, carol.token));
    check(claims[0].body.oneTimePreKey && claims[1].body.oneTimePreKey
      && claims[0].body.oneTimePreKey.keyId !== claims[1].body.oneTimePreKey.keyId && claims[2].body.oneTimePreKey === null
      && claims[2].body.signedPreKey.keyId === 7, "claims hand out each one-time prekey once, then none");
    const topUp = await api("POST", `/devices/${phone}/prekeys`, bob.token,
      { oneTimePreKeys: [{ keyId: 10, publicKey: b64("ten") }] });
    check(topUp.status === 200 && topUp.body.remaining === 1, "POST /devices/{id}/prekeys answers {remaining}");
    const taken = await device(alice, phone);
    check(taken.status === 409 && taken.body.code === "conflict", "another user's deviceId: 409 conflict");
    const bad = await api("PUT", "/devices/bad.id", bob.token, {});
    check(bad.status === 400 && bad.body.code === "validation_failed", "a malformed deviceId: 400");
    const laptop = unique("laptop-");
    await device(bob, laptop, 30);
    const claimers = [alice, carol, await account("dave"), await account("erin")];
    const raced = await Promise.all(claimers.flatMap((claimer) => Array.from({ length: 10 },
      () => api("POST", `/users/${bob.id}/devices/${laptop}/claim`, claimer.token))));
    const keyIds = raced.filter((r) => r.body.oneTimePreKey).map((r) => r.body.oneTimePreKey.keyId);
    check(raced.every((r) => r.status === 200) && keyIds.length === 30 && new Set(keyIds).size === 30,
      "40 concurrent claims over HTTP hand out each of the 30 one-time prekeys exactly once: " + keyIds.length);
    check(raced.filter((r) => r.body.oneTimePreKey === null).length === 10, "and the other 10 claims get none");
    const limited = await api("POST", `/users/${bob.id}/devices/${laptop}/claim`, carol.token);
    check(limited.status === 429 && limited.body.code === "rate_limited",
      "an eleventh claim of one device within the hour: 429 rate_limited");
    const removed = await api("DELETE", "/devices/" + phone, bob.token);
    check(removed.status === 204, "DELETE /devices/{id}: 204");
    await until(() => count(aliceTab, "device_removed") === 1);
    check(last(aliceTab, "device_removed")?.deviceId === phone, "device_removed reaches the contact");
    const gone = await api("POST", `/users/${bob.id}/devices/${phone}/claim`, carol.token);
    check(gone.status === 404, "a removed device cannot be claimed");
    [aliceTab, carolTab].forEach((socket) => socket.close());
  }

  async function encryptedRecoveryScenario() {
    const s = await encryptedGroup();
    const { alice, bob, ids, conversationId, envelopes } = s;
    const b1 = await deviceTab(bob, ids.B1, h.reconnecting);
    const b2 = await deviceTab(bob, ids.B2, h.reconnecting);
    for (const socket of [b1, b2]) await socket.emitWithAck("join_conversation", { conversationId });
    await sleep(200);
    const downs = [b1, b2].map(h.disconnectOf);
    b2.io.uri = h.other; // B2 comes back through the other node, as a load balancer may send it there
    [b1, b2].forEach((socket) => socket.io.engine.close());
    await Promise.all(downs);
    const from = [b1.events.length, b2.events.length];
    const sent = await api("POST", "/messages", alice.token, { conversationId, type: "encrypted", envelopes });
    check(sent.status === 201, "an encrypted message sent while Bob's sockets are away");
    await Promise.all([b1, b2].map(h.connectOf));
    check(b1.recovered === true && b2.recovered === true, "both sockets recover");
    await until(() => count(b1, "new_message") === 1 && count(b2, "new_message") === 1);
    const replayed = (socket, i) => socket.events.slice(from[i]).filter((e) => e.event === "new_message");
    check(replayed(b1, 0).length === 1 && onlyOwn(replayed(b1, 0)[0].payload, b64("for B1")),
      "recovery replays B1's envelope alone to B1");
    check(replayed(b2, 1).length === 1 && onlyOwn(replayed(b2, 1)[0].payload, b64("for B2")),
      "recovery replays B2's envelope alone to B2");
    [b1, b2].forEach((socket) => socket.close());
  }

  return {
    encrypted: encryptedScenario,
    "encrypted-direct": encryptedDirectScenario,
    devices: devicesScenario,
    "encrypted-recovery": encryptedRecoveryScenario,
  };
}
