// REST calls under /api with the session's bearer token; failures become ApiError with the problem's code.
let token = null;

/** A failed REST call: the problem document's `code`, the HTTP status and a readable message. */
export class ApiError extends Error {
  constructor(problem, status) {
    super(problem?.detail || problem?.title || "request failed");
    this.code = problem?.code;
    this.status = status;
  }
}

export function setToken(value) {
  token = value;
}

export function currentToken() {
  return token;
}

export async function api(method, path, body, raw) {
  const headers = {};
  if (token) headers.authorization = "Bearer " + token;
  let payload;
  if (raw) {
    headers["content-type"] = raw.type || "application/octet-stream";
    payload = raw;
  } else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const response = await fetch("/api" + path, { method, headers, body: payload });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(json, response.status);
  return json;
}

/** Fetches an attachment (or any authorized URL) as a blob. */
export async function fetchBlob(url) {
  const response = await fetch(url, { headers: { authorization: "Bearer " + token } });
  if (!response.ok) throw new ApiError(null, response.status);
  return response.blob();
}
