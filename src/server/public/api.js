// Talking to the server's JSON API: the token (when the server has one), errors as
// ApiError with the server's one-line message, and the job progress stream.

const TOKEN_KEY = 'stockrisk.token';

/** `#token=...` in the URL the server printed: keep it for this tab, then drop it from the address bar. */
export function adoptTokenFromUrl() {
  const match = /^#token=([^&]+)/.exec(location.hash);
  if (match === null) return;
  sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
  history.replaceState(null, '', `${location.pathname}${location.search}#/`);
}

export class ApiError extends Error {
  constructor(status, code, message, hint) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.hint = hint;
  }
}

function headers(extra = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token === null ? extra : { ...extra, Authorization: `Bearer ${token}` };
}

async function failure(response) {
  let body;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = body?.error;
  if (error !== undefined && typeof error.message === 'string') return new ApiError(response.status, error.code, error.message, error.hint);
  return new ApiError(response.status, 'http', `the server answered ${response.status} ${response.statusText}`);
}

export async function getJson(path, signal) {
  const response = await fetch(path, { headers: headers({ Accept: 'application/json' }), signal });
  if (!response.ok) throw await failure(response);
  return response.json();
}

export async function postJson(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: headers({ 'Content-Type': 'application/json', Accept: 'application/json' }),
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  return response.json();
}

/**
 * Follow a job through its server-sent-events stream until it is done or failed, calling
 * `onUpdate` with every state. Read with fetch (not EventSource) so the token header goes along.
 */
export async function followJob(id, onUpdate, signal) {
  const response = await fetch(`/api/jobs/${encodeURIComponent(id)}/events`, { headers: headers({ Accept: 'text/event-stream' }), signal });
  if (!response.ok) throw await failure(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (data === '') continue;
      const job = JSON.parse(data);
      onUpdate(job);
      if (job.status === 'done' || job.status === 'failed') {
        await reader.cancel();
        return job;
      }
    }
  }
  // The stream closed early (a proxy, a restart): ask once for the final state.
  const job = await getJson(`/api/jobs/${encodeURIComponent(id)}`, signal);
  onUpdate(job);
  return job;
}
