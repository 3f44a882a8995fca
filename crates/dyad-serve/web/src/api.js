// The JSON API (docs: /openapi.json). Every request goes to this same server.

/** Query parameters without empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** GET `path` with `params`; rejects with the API's own error message. */
export async function get(path, params) {
  const res = await fetch(path + query(params), { headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await res.json();
  } catch {
    // An empty or non-JSON body: reported below by status.
  }
  if (!res.ok) {
    const why = body && typeof body.error === 'string' ? body.error : `HTTP ${res.status}`;
    throw new Error(why);
  }
  return body;
}
