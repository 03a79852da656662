// REST calls under /api with the session's bearer token; failures become ApiError with the problem's code.
import { requestHeaders } from "./extensions.js";

let token = null;
let onUnauthorized = () => {};

/** A failed REST call: the problem document's `code`, the HTTP status and a readable message. */
export class ApiError extends Error {
  constructor(problem, status) {
    super(problem?.detail || problem?.title || (status ? "The server answered " + status : "The server could not be reached"));
    this.code = problem?.code || (status ? undefined : "network");
    this.status = status;
  }
}

export function setToken(value) {
  token = value;
}

export function currentToken() {
  return token;
}

/** What to do when the server no longer accepts the token (expired, revoked). */
export function whenUnauthorized(callback) {
  onUnauthorized = callback;
}

function baseHeaders() {
  const headers = Object.assign({}, ...requestHeaders.map((extra) => extra()));
  if (token) headers.authorization = "Bearer " + token;
  return headers;
}

export async function api(method, path, body, raw) {
  const headers = baseHeaders();
  let payload;
  if (raw) {
    headers["content-type"] = raw.type || "application/octet-stream";
    payload = raw;
  } else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch("/api" + path, { method, headers, body: payload });
  } catch (error) {
    throw new ApiError(null, 0);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (error) {
    json = null;
  }
  if (response.status === 401 && token && !path.startsWith("/auth/")) onUnauthorized();
  if (!response.ok) throw new ApiError(json, response.status);
  return json;
}

/** Fetches an attachment (or any authorized URL) as a blob. */
export async function fetchBlob(url) {
  const response = await fetch(url, { headers: baseHeaders() });
  if (!response.ok) throw new ApiError(null, response.status);
  return response.blob();
}

/** A sentence for people out of a server's problem text: capital first letter, full stop at the end. */
export function sentence(text) {
  const trimmed = String(text || "").trim();
  if (!trimmed) return "Something went wrong.";
  const first = trimmed[0].toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(first) ? first : first + ".";
}
