import http from 'node:http';
import { HttpExecutor } from 'builder-util-runtime';

/**
 * electron-updater's own HTTP executor runs on Electron's `net`; this one runs its same request
 * code (builder-util-runtime's HttpExecutor: redirects, status checks, sha512 on download) on
 * Node's http, so tests read the server's feed the way the laptop's updater does.
 */
export class NodeUpdateExecutor extends HttpExecutor<http.ClientRequest> {
  createRequest(options: http.RequestOptions, callback: (response: http.IncomingMessage) => void): http.ClientRequest {
    return http.request(options, callback);
  }
}
