// The short send path against real sockets: the bytes and the source port are those of socket.send().
import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { udpSender } from './udp-send';

const bound = (): Promise<Socket> => new Promise((resolve) => {
  const s = createSocket('udp4');
  s.bind(0, '127.0.0.1', () => resolve(s));
});

describe('udpSender', () => {
  const open: Socket[] = [];
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });

  it('sends each datagram whole, from the socket it was made for', async () => {
    const [from, to] = [await bound(), await bound()];
    open.push(from, to);
    const got: [string, number][] = [];
    const all = new Promise<void>((resolve) => to.on('message', (m, r) => {
      got.push([m.toString(), r.port]);
      if (got.length === 3) resolve();
    }));
    const send = udpSender(from);
    for (const text of ['one', 'two', 'three']) send(Buffer.from(text), to.address().port, '127.0.0.1');
    await all;
    expect(got.map(([text]) => text).sort()).toEqual(['one', 'three', 'two']);
    expect(got.every(([, port]) => port === from.address().port)).toBe(true);
  });

  it('keeps a burst larger than the socket buffer intact, and does not throw once the socket is closed', async () => {
    const [from, to] = [await bound(), await bound()];
    open.push(to);
    const payload = Buffer.alloc(1200, 7);
    let received = 0;
    to.on('message', (m) => {
      if (m.equals(payload)) received++;
    });
    const send = udpSender(from);
    for (let i = 0; i < 2000; i++) send(payload, to.address().port, '127.0.0.1');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toBeGreaterThan(0); // the receiver may drop some: UDP
    send(payload, to.address().port, '127.0.0.1'); // held for the burst's end, when the socket is closed
    from.close();
    expect(() => send(payload, to.address().port, '127.0.0.1')).not.toThrow();
    const before = received;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toBe(before); // nothing left from a closed socket
  });
});
