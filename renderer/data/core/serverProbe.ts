/**
 * Whether a server answers right now (the sign-in page, issue 17): the county's server and a
 * township station's relay both answer GET /api/v1/health with `status: "ok"`. A hint for the
 * person choosing, never a gate: sign-in is tried whatever this says.
 */
export type ServerReach = 'checking' | 'reachable' | 'unreachable';

/** Long enough for a station's slow link, short enough that the hint appears while the password is typed. */
export const PROBE_TIMEOUT_MS = 4_000;

export async function probeServer(url: string, fetchFn: typeof fetch = fetch, timeoutMs = PROBE_TIMEOUT_MS): Promise<Exclude<ServerReach, 'checking'>> {
  try {
    // A plain GET with no headers of ours: no pre-flight, and nothing about the person is sent.
    const response = await fetchFn(`${url}/api/v1/health`, { method: 'GET', cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return 'unreachable';
    const body = (await response.json()) as unknown;
    return body !== null && typeof body === 'object' && (body as { status?: unknown }).status === 'ok' ? 'reachable' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}
