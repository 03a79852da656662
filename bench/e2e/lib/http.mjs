// REST calls of the benchmark's setup: registration, login and group creation, each from a chosen source address.
import { request } from 'node:http';

/** A loopback source address per client index (127.0.1.1, 127.0.1.2, ...), so that limits per address and
 * ephemeral ports per address are spread over many addresses. */
export function sourceAddress(index) {
  return `127.0.${1 + Math.floor(index / 250)}.${1 + (index % 250)}`;
}

/** Sends a JSON request and answers {status, body}. */
export function call(url, method, body, { token, localAddress } = {}) {
  const data = body === undefined ? undefined : JSON.stringify(body);
  const headers = { accept: 'application/json' };
  if (data) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, localAddress, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** Calls and fails unless the answer has the expected status; answers the body. */
export async function expect(status, url, method, body, options) {
  const answer = await call(url, method, body, options);
  if (answer.status !== status) {
    throw new Error(`${method} ${url} answered ${answer.status} (expected ${status}): ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

/** Registers and logs in `count` users, `concurrency` at a time; answers [{id, token}] in index order. */
export async function registerUsers(baseUrl, count, concurrency = 8) {
  const users = new Array(count);
  let next = 0;
  async function registerNext() {
    for (let i = next++; i < count; i = next++) {
      const localAddress = sourceAddress(i);
      const username = `bench${i}`;
      const password = `bench-password-${i}`;
      await expect(201, `${baseUrl}/api/auth/register`, 'POST',
        { username, email: `${username}@bench.example`, password }, { localAddress });
      const login = await expect(200, `${baseUrl}/api/auth/login`, 'POST',
        { login: username, password }, { localAddress });
      users[i] = { id: login.user.id, token: login.token };
    }
  }
  await Promise.all(Array.from({ length: concurrency }, registerNext));
  return users;
}
