// The reference server: the original architecture (Express, Socket.IO, JWT, bcrypt) with its data in memory,
// serving the routes and events of docs/API.md that the end-to-end benchmark uses, in the same shapes.
import { createServer } from 'node:http';
import bcrypt from 'bcryptjs';
import express from 'express';
import jwt from 'jsonwebtoken';
import { Server } from 'socket.io';
import { Store, publicConversation, publicUser } from './store.mjs';

const port = Number(process.env.PORT ?? 3000);
const secret = process.env.JWT_SECRET;
if (!secret || secret.length < 32) {
  console.error('JWT_SECRET must be set, at least 32 characters');
  process.exit(2);
}
const expiresIn = 7 * 24 * 3600;
const store = new Store();

class Problem extends Error {
  constructor(status, code, detail) {
    super(detail);
    this.status = status;
    this.code = code;
  }
}

const app = express();
app.use(express.json({ limit: '1mb' }));

app.get('/api/health', (req, res) => res.json({ status: 'ok', checks: { store: 'up' } }));

app.post('/api/auth/register', route(async (req, res) => {
  const { username, email, password, displayName } = req.body ?? {};
  if (!isText(username, 3, 30) || !isText(email, 3, 254) || !email.includes('@') || !isText(password, 8, 128)) {
    throw new Problem(400, 'validation_failed', 'username, email and password are required');
  }
  const passwordHash = await bcrypt.hash(password, 10);
  const user = store.addUser({ username, email, displayName: displayName ?? username, passwordHash });
  if (!user) throw new Problem(409, 'conflict', 'username or email is taken');
  res.status(201).json(publicUser(user));
}));

app.post('/api/auth/login', route(async (req, res) => {
  const { login, password } = req.body ?? {};
  const user = isText(login, 1, 254) && isText(password, 1, 128) ? store.userByLogin(login) : undefined;
  if (!user || !(await bcrypt.compare(password, user.passwordHash))) {
    throw new Problem(401, 'unauthorized', 'wrong login or password');
  }
  const token = jwt.sign({}, secret, { subject: user.id, expiresIn });
  res.json({ token, tokenType: 'Bearer', expiresIn, user: publicUser(user) });
}));

app.post('/api/conversations', authenticated, (req, res) => {
  const { title, participantIds } = req.body ?? {};
  if (!isText(title, 1, 100) || !Array.isArray(participantIds) || participantIds.length > 256) {
    throw new Problem(400, 'validation_failed', 'title and participantIds are required');
  }
  if (!participantIds.every((id) => store.users.has(id))) throw new Problem(404, 'not_found', 'unknown participant');
  res.status(201).json(publicConversation(store.addGroup(req.userId, title, participantIds)));
});

app.use((req, res) => problem(res, new Problem(404, 'not_found', 'no such route')));
app.use((error, req, res, next) => problem(res, error instanceof Problem ? error
  : new Problem(error.status ?? 500, error.status ? 'validation_failed' : 'internal_error', error.message)));

/** Express 4 does not pass a rejected promise on to the error handler by itself. */
function route(handler) {
  return (req, res, next) => handler(req, res).catch(next);
}

function authenticated(req, res, next) {
  const userId = userOf(req.get('authorization')?.replace(/^Bearer /, ''));
  if (!userId) return problem(res, new Problem(401, 'unauthorized', 'a valid bearer token is required'));
  req.userId = userId;
  next();
}

function userOf(token) {
  try {
    const { sub } = jwt.verify(token, secret);
    return store.users.has(sub) ? sub : null;
  } catch {
    return null;
  }
}

function problem(res, { status, code, message }) {
  res.status(status).type('application/problem+json')
    .json({ type: 'about:blank', title: code, status, detail: message, code });
}

function isText(value, min, max) {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

const server = createServer(app);
const io = new Server(server, { cors: { origin: process.env.CLIENT_HOST ?? true } });
const socketsPerUser = new Map();

io.use((socket, next) => {
  const { auth, headers, query } = socket.handshake;
  const userId = userOf(auth?.token ?? headers.authorization?.replace(/^Bearer /, '') ?? query.token);
  if (!userId) return next(new Error('unauthorized'));
  socket.data.userId = userId;
  next();
});

io.on('connection', (socket) => {
  const { userId } = socket.data;
  socket.join(`user:${userId}`);
  const count = (socketsPerUser.get(userId) ?? 0) + 1;
  socketsPerUser.set(userId, count);
  if (count === 1) toContacts(userId, 'user_online', { userId });

  on(socket, 'join_conversation', ({ conversationId }) => {
    memberConversation(conversationId, userId);
    socket.join(`conversation:${conversationId}`);
    return { conversationId };
  });
  on(socket, 'leave_conversation', ({ conversationId }) => {
    socket.leave(`conversation:${conversationId}`);
    return {};
  });
  on(socket, 'send_message', (body) => {
    const conversation = body.conversationId
      ? memberConversation(body.conversationId, userId) : directWith(body.recipientId, userId);
    if (!isText(body.content, 1, 10000)) throw new Problem(400, 'validation_failed', 'content is required');
    const { message, created } = store.addMessage(conversation, userId, body);
    if (created) {
      socket.to(`conversation:${conversation.id}`).emit('new_message', message);
      const notification = { conversationId: conversation.id, message };
      for (const id of conversation.participantIds) {
        if (id !== userId) io.to(`user:${id}`).emit('message_notification', notification);
      }
    }
    return { message };
  });

  socket.on('disconnect', () => {
    const left = socketsPerUser.get(userId) - 1;
    if (left > 0) return socketsPerUser.set(userId, left);
    socketsPerUser.delete(userId);
    const lastSeenAt = new Date().toISOString();
    store.users.get(userId).lastSeenAt = lastSeenAt;
    toContacts(userId, 'user_offline', { userId, lastSeenAt });
  });
});

/** Registers an event whose handler returns the ack's fields or throws a Problem. */
function on(socket, event, handler) {
  socket.on(event, (payload, ack) => {
    let answer;
    try {
      answer = { ok: true, ...handler(payload ?? {}) };
    } catch (error) {
      const code = error instanceof Problem ? error.code : 'internal_error';
      answer = { ok: false, error: { code, message: error.message } };
    }
    if (typeof ack === 'function') ack(answer);
  });
}

function memberConversation(conversationId, userId) {
  const conversation = store.conversations.get(conversationId);
  if (!conversation?.participantIds.includes(userId)) throw new Problem(404, 'not_found', 'no such conversation');
  return conversation;
}

function directWith(recipientId, userId) {
  if (!store.users.has(recipientId) || recipientId === userId) throw new Problem(404, 'not_found', 'no such recipient');
  return store.directConversation(userId, recipientId);
}

function toContacts(userId, event, payload) {
  for (const id of store.contactIds(userId)) io.to(`user:${id}`).emit(event, payload);
}

server.listen(port, () => console.log(`reference server on port ${port}`));
