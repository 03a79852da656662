// The reference server's data, kept in memory: users, conversations (direct and group) and their messages.
import { randomUUID } from 'node:crypto';

export class Store {
  users = new Map();
  userIdsByLogin = new Map();
  conversations = new Map();
  directIds = new Map();
  conversationIdsByUser = new Map();

  addUser({ username, email, displayName, passwordHash }) {
    if (this.userIdsByLogin.has(username) || this.userIdsByLogin.has(email)) return null;
    const now = new Date().toISOString();
    const user = { id: randomUUID(), username, email, displayName, passwordHash, active: true, createdAt: now };
    this.users.set(user.id, user);
    this.userIdsByLogin.set(username, user.id);
    this.userIdsByLogin.set(email, user.id);
    return user;
  }

  userByLogin(login) {
    return this.users.get(this.userIdsByLogin.get(login));
  }

  addGroup(createdBy, title, participantIds) {
    return this.#addConversation('group', createdBy, [...new Set([createdBy, ...participantIds])], title);
  }

  directConversation(userId, otherId) {
    const key = [userId, otherId].sort().join(':');
    let conversation = this.conversations.get(this.directIds.get(key));
    if (!conversation) {
      conversation = this.#addConversation('direct', userId, [userId, otherId]);
      this.directIds.set(key, conversation.id);
    }
    return conversation;
  }

  /** The stored message for this sender's clientMessageId, or a new one with the conversation's next seq. */
  addMessage(conversation, senderId, { content, type = 'text', clientMessageId, replyToId }) {
    const idempotencyKey = clientMessageId && `${senderId}:${clientMessageId}`;
    const earlier = idempotencyKey && conversation.messagesByClientId.get(idempotencyKey);
    if (earlier) return { message: earlier, created: false };
    const createdAt = new Date().toISOString();
    const message = {
      id: randomUUID(), conversationId: conversation.id, seq: ++conversation.seq, senderId, type, content,
      attachments: [], clientMessageId, replyToId, createdAt, deleted: false, readBy: [], reactions: {},
    };
    if (conversation.type === 'direct') message.recipientId = conversation.participantIds.find((id) => id !== senderId);
    conversation.messages.push(message);
    if (idempotencyKey) conversation.messagesByClientId.set(idempotencyKey, message);
    conversation.lastMessageAt = createdAt;
    return { message, created: true };
  }

  /** The ids of the users who share a conversation with this one. */
  contactIds(userId) {
    const contacts = new Set();
    for (const id of this.conversationIdsByUser.get(userId) ?? []) {
      this.conversations.get(id).participantIds.forEach((participantId) => contacts.add(participantId));
    }
    contacts.delete(userId);
    return contacts;
  }

  #addConversation(type, createdBy, participantIds, title) {
    const conversation = {
      id: randomUUID(), type, title, participantIds, createdBy, createdAt: new Date().toISOString(),
      seq: 0, messages: [], messagesByClientId: new Map(),
    };
    this.conversations.set(conversation.id, conversation);
    for (const userId of participantIds) {
      if (!this.conversationIdsByUser.has(userId)) this.conversationIdsByUser.set(userId, new Set());
      this.conversationIdsByUser.get(userId).add(conversation.id);
    }
    return conversation;
  }
}

export function publicUser({ passwordHash, ...user }) {
  return user;
}

export function publicConversation({ seq, messages, messagesByClientId, ...conversation }) {
  return conversation;
}
