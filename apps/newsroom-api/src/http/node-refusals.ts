import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, problemTypeOfTitle } from './problem';

/**
 * Node's HTTP server answers some requests before any framework sees them (a header section
 * over its limit, an Expect it cannot meet, unparseable HTTP). These keep the promise that every
 * error is problem+json.
 */
export function answerNodeRefusalsWithProblems(server: Server): void {
  server.on('checkExpectation', (request, response) => {
    const body = problemBody(417, 'Expectation failed', `The Expect header “${String(request.headers.expect)}” cannot be met.`);
    response.writeHead(417, { 'Content-Type': PROBLEM_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(body) }).end(body);
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const title = tooLarge ? 'Request header fields too large' : 'Bad request';
    const body = problemBody(
      status,
      title,
      tooLarge ? 'The request’s headers are too large.' : 'The request is not well-formed HTTP.',
    );
    // An answer to HEAD has no body; the request line is in the packet node could not parse.
    const head = (error as { rawPacket?: Buffer }).rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${head ? '' : body}`,
    );
  });
}

function problemBody(status: number, title: string, detail: string): string {
  return JSON.stringify({
    type: problemTypeOfTitle(title),
    title,
    status,
    detail,
  });
}
